import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { generateTemporaryPassword, hashPassword, isCommonPassword } from "@tabletap/auth";
import type {
  ResetPasswordInput,
  SaveStaffInput,
  SetStaffActiveInput,
  StaffMemberView,
  StaffSaved,
} from "@tabletap/core/staff-admin";
import { Staff, toStaffMemberView, type StaffDoc } from "@tabletap/db";
import { isValidObjectId, mongo } from "mongoose";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import type { Services } from "../services";
import type { StaffPrincipal } from "../trpc";
import { recordChange } from "./audit";

/**
 * Deactivates staff member `staffId` of restaurant `restaurantId` (their account stays, with
 * `active: false`) and ends every session of theirs at once (`TokenService.endAllSessions`): the
 * next request from any of their devices answers UNAUTHORIZED, their refresh tokens are refused,
 * and signing in again is refused while the account is inactive. Idempotent. For the admin panel
 * (a manager's action, scoped to the manager's own restaurant). Returns how many sessions ended.
 * @throws NotFoundError when there is no such staff member in that restaurant (nothing changes).
 */
export async function deactivateStaff(
  services: Services,
  input: { restaurantId: string; staffId: string },
): Promise<{ sessionsEnded: number }> {
  // The account first, so no sign-in or refresh that reads it from now on starts or keeps a session.
  const found =
    isValidObjectId(input.staffId) &&
    isValidObjectId(input.restaurantId) &&
    (await Staff.updateOne({ _id: input.staffId, restaurantId: input.restaurantId }, { $set: { active: false } }))
      .matchedCount > 0;
  if (!found) throw new NotFoundError("That staff member isn't on your restaurant's team.");
  return { sessionsEnded: await services.tokens.endAllSessions({ kind: "staff", staffId: input.staffId }) };
}

/** The audited fields of an account: what a manager edits (never its password hash). */
function audited(staff: StaffMemberView) {
  return { name: staff.name, email: staff.email, role: staff.role, active: staff.active };
}

/** Account `staffId` of the manager's restaurant. @throws NotFoundError for an unknown id or another restaurant's account. */
async function teamMember(manager: StaffPrincipal, staffId: string): Promise<StaffDoc> {
  const staff = await Staff.findOne({ _id: staffId, restaurantId: manager.restaurantId }).lean();
  if (!staff) throw new NotFoundError("That staff member isn't on your restaurant's team.");
  return staff;
}

/**
 * `password` ready to store: its bcrypt hash, and the generated temporary password to show the
 * manager once when none was typed. @throws InvalidInputError for a commonly used password
 * (`isCommonPassword`; the length is checked by the input schema, `PASSWORD_POLICY`).
 */
async function passwordToStore(password: string | undefined): Promise<{ hash: string; temporary: string | null }> {
  if (password !== undefined && isCommonPassword(password))
    throw new InvalidInputError("That password is too common. Choose one that's harder to guess.");
  const plain = password ?? generateTemporaryPassword();
  return { hash: await hashPassword(plain), temporary: password === undefined ? plain : null };
}

/** True when `error` is MongoDB's duplicate key error (E11000): here, an email already in use. */
function isDuplicateKey(error: unknown): boolean {
  return error instanceof mongo.MongoServerError && error.code === 11000;
}

const EMAIL_TAKEN = () => new ConflictError("Another account already uses this email.", "email");

/** How long the team lock is held at most, and waited for, milliseconds. */
const TEAM_LOCK_MS = 5_000;
/** Releases the lock only when it is still the holder's (compare-and-delete). */
const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`;

/**
 * Runs `change` while no other change that could leave the restaurant without a manager runs
 * (a Redis lock per restaurant, SET NX PX, released by its holder; waits up to 5 s for it). The
 * local MongoDB stand-in has no multi-document transactions, so the count of the other managers
 * and the write are serialized this way instead: two managers demoting each other at the same
 * moment take turns, and the second sees the first's write. The guarantee holds while a holder
 * finishes within the lock's 5 s (a change takes milliseconds).
 * @throws ConflictError when the lock stays taken for 5 s.
 */
async function underTeamLock<T>(services: Services, restaurantId: string, change: () => Promise<T>): Promise<T> {
  const key = `lock:team:${restaurantId}`;
  const token = randomUUID();
  const deadline = Date.now() + TEAM_LOCK_MS;
  while ((await services.redis.set(key, token, "PX", TEAM_LOCK_MS, "NX")) === null) {
    if (Date.now() > deadline) throw new ConflictError("Someone else is changing the team right now. Try again.");
    await delay(20);
  }
  try {
    return await change();
  } finally {
    await services.redis.eval(RELEASE_SCRIPT, 1, key, token);
  }
}

/**
 * Refuses a change that would take `staff` away from the restaurant's active managers when no
 * other active manager is left (someone must be able to run the admin panel). Call under `underTeamLock`.
 * @throws ConflictError naming what to do instead.
 */
async function keepAManager(staff: StaffDoc, what: "deactivate" | "demote"): Promise<void> {
  if (staff.role !== "manager" || !staff.active) return;
  const others = await Staff.countDocuments({
    restaurantId: staff.restaurantId,
    role: "manager",
    active: true,
    _id: { $ne: staff._id },
  });
  if (others === 0)
    throw new ConflictError(
      `${staff.name} is the last active manager. Make someone else a manager before you ${what === "deactivate" ? "deactivate" : "change the role of"} this account.`,
      what === "demote" ? "role" : undefined,
    );
}

/** The manager's restaurant's team, active accounts first, then by name. Never password hashes. */
export async function listStaff(manager: StaffPrincipal): Promise<StaffMemberView[]> {
  const team = await Staff.find({ restaurantId: manager.restaurantId }).sort({ active: -1, name: 1 }).lean();
  return team.map(toStaffMemberView);
}

/**
 * Creates an account of the manager's restaurant (no `id`) or updates one's name, email and role.
 * A new account gets the manager's `password` or, without one, a generated temporary password,
 * returned this once in `temporaryPassword` (as Toast and Square have the employee set their own
 * password, the manager never needs to choose one). A role change ends the account's sessions
 * (the role travels in its tokens), so it signs in again with its new role. Recorded in the audit log.
 * @throws ConflictError "email" when another account uses the email; ConflictError "role" when
 *   it would demote the last active manager; InvalidInputError for a common password;
 *   NotFoundError for an unknown id or another restaurant's account. Nothing changes then.
 */
export async function saveStaff(
  services: Services,
  manager: StaffPrincipal,
  input: SaveStaffInput,
): Promise<StaffSaved> {
  const { id, password, ...fields } = input;
  if (!id) {
    const { hash, temporary } = await passwordToStore(password);
    if (await Staff.exists({ email: fields.email })) throw EMAIL_TAKEN();
    const created = await Staff.create({
      ...fields,
      restaurantId: manager.restaurantId,
      passwordHash: hash,
      active: true,
    }).catch((error: unknown) => {
      throw isDuplicateKey(error) ? EMAIL_TAKEN() : error;
    });
    const staff = toStaffMemberView(created.toObject());
    await recordChange(manager, {
      entity: "staff",
      entityId: staff.id,
      action: "create",
      before: null,
      after: audited(staff),
    });
    return { staff, temporaryPassword: temporary };
  }

  const update = async () => {
    const before = await teamMember(manager, id);
    if (fields.role !== before.role) await keepAManager(before, "demote");
    if (fields.email !== before.email && (await Staff.exists({ email: fields.email, _id: { $ne: before._id } })))
      throw EMAIL_TAKEN();
    const after = await Staff.findOneAndUpdate(
      { _id: id, restaurantId: manager.restaurantId },
      { $set: fields },
      { returnDocument: "after", runValidators: true },
    )
      .lean()
      .catch((error: unknown) => {
        throw isDuplicateKey(error) ? EMAIL_TAKEN() : error;
      });
    if (!after) throw new NotFoundError("That staff member isn't on your restaurant's team.");
    return { before, after };
  };
  // Only a demotion can leave the restaurant without a manager; it runs under the team lock.
  const demoting = fields.role === "staff";
  const { before, after } = demoting ? await underTeamLock(services, manager.restaurantId, update) : await update();
  if (before.role !== after.role) await services.tokens.endAllSessions({ kind: "staff", staffId: id });
  const staff = toStaffMemberView(after);
  await recordChange(manager, {
    entity: "staff",
    entityId: id,
    action: "update",
    before: audited(toStaffMemberView(before)),
    after: audited(staff),
  });
  return { staff, temporaryPassword: null };
}

/**
 * Deactivates (`active: false`: every session of theirs ends at once, the next request with
 * their token answers UNAUTHORIZED, and sign-in is refused; `deactivateStaff`) or reactivates an
 * account of the manager's restaurant (they can sign in again). Idempotent; a change is recorded
 * in the audit log ("deactivate" / "reactivate").
 * @throws ConflictError when it would deactivate the last active manager; NotFoundError for an
 *   unknown id or another restaurant's account. Nothing changes then.
 */
export async function setStaffActive(
  services: Services,
  manager: StaffPrincipal,
  input: SetStaffActiveInput,
): Promise<StaffMemberView> {
  const change = async () => {
    const before = await teamMember(manager, input.staffId);
    if (input.active) await Staff.updateOne({ _id: before._id }, { $set: { active: true } });
    else {
      await keepAManager(before, "deactivate");
      await deactivateStaff(services, { restaurantId: manager.restaurantId, staffId: input.staffId });
    }
    return before;
  };
  const before = input.active ? await change() : await underTeamLock(services, manager.restaurantId, change);
  const staff = toStaffMemberView({ ...before, active: input.active });
  if (before.active !== input.active)
    await recordChange(manager, {
      entity: "staff",
      entityId: staff.id,
      action: input.active ? "reactivate" : "deactivate",
      before: audited(toStaffMemberView(before)),
      after: audited(staff),
    });
  return staff;
}

/**
 * Sets a new password on an account of the manager's restaurant: the manager's `password`, or
 * without one a generated temporary password returned this once; ends every session of the
 * account (the old password and its open sessions stop working at once). Recorded in the audit
 * log as "resetPassword" (no password or hash in it).
 * @throws InvalidInputError for a common password; NotFoundError for an unknown id or another
 *   restaurant's account. Nothing changes then.
 */
export async function resetStaffPassword(
  services: Services,
  manager: StaffPrincipal,
  input: ResetPasswordInput,
): Promise<StaffSaved> {
  const before = await teamMember(manager, input.staffId);
  const { hash, temporary } = await passwordToStore(input.password);
  await Staff.updateOne({ _id: before._id }, { $set: { passwordHash: hash } });
  await services.tokens.endAllSessions({ kind: "staff", staffId: input.staffId });
  const staff = toStaffMemberView(before);
  await recordChange(manager, {
    entity: "staff",
    entityId: staff.id,
    action: "resetPassword",
    before: audited(staff),
    after: audited(staff),
  });
  return { staff, temporaryPassword: temporary };
}
