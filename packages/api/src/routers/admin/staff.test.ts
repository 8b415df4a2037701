import { randomBytes } from "node:crypto";
import { PASSWORD_POLICY } from "@tabletap/core/staff-admin";
import { AuditEntry, Staff } from "@tabletap/db";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { seedRestaurant, signedInStaff, TestClient } from "../../testing";

type Seeded = Awaited<ReturnType<typeof seedRestaurant>>;

/** The tRPC error a call fails with (fails the test when it succeeds). */
async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

const accountOf = (seeded: Seeded, role: "staff" | "manager") => seeded.staff.find((s) => s.role === role)!;
const idOf = async (email: string) => (await Staff.findOne({ email }).lean())!._id.toString();
const newEmail = (seeded: Seeded) => `${randomBytes(4).toString("hex")}@${seeded.slug}.test`;

/** Signs `email` in with `password` on a fresh device. */
const signIn = (email: string, password: string) => {
  const device = new TestClient("staff");
  return device.call((api) => api.auth.staffLogin({ email, password })).then(() => device);
};

/** The restaurant's accounts as stored, to compare before and after a refused call. */
const team = async (seeded: Seeded) =>
  (await Staff.find({ restaurantId: seeded.restaurantId }).sort({ email: 1 }).lean()).map((s) => ({
    ...s,
    updatedAt: undefined,
  }));

describe("admin.staff.list", () => {
  it("lists the restaurant's accounts without password hashes", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const list = await manager.call((api) => api.admin.staff.list());
    expect(list.map((s) => [s.email, s.role, s.active]).sort()).toEqual(
      seeded.staff.map((s) => [s.email, s.role, true]).sort(),
    );
    expect(JSON.stringify(list)).not.toMatch(/passwordHash|\$2[aby]\$/);
  });
});

describe("admin.staff.save", () => {
  it("creates an account with a temporary password shown once, which signs in; the audit has no hash", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const email = newEmail(seeded);
    const saved = await manager.call((api) =>
      api.admin.staff.save({ name: "Kavya Nair", email: ` ${email.toUpperCase()} `, role: "staff" }),
    );
    expect(saved.staff).toMatchObject({ name: "Kavya Nair", email, role: "staff", active: true });
    expect(saved.temporaryPassword?.length).toBeGreaterThanOrEqual(PASSWORD_POLICY.minLength);
    const kavya = await signIn(email, saved.temporaryPassword!);
    await expect(kavya.call((api) => api.kitchen.tickets())).resolves.toMatchObject({ tickets: [] });
    // Listed, and never shown again.
    const listed = await manager.call((api) => api.admin.staff.list());
    expect(JSON.stringify(listed)).not.toContain(saved.temporaryPassword);
    const [entry] = await AuditEntry.find({ entity: "staff", entityId: saved.staff.id }).lean();
    expect(entry).toMatchObject({
      action: "create",
      before: null,
      after: { name: "Kavya Nair", email, role: "staff" },
    });
    expect(JSON.stringify(entry)).not.toMatch(new RegExp(`passwordHash|\\$2[aby]\\$|${saved.temporaryPassword}`));
  });

  it("creates a manager with the password the manager typed", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const email = newEmail(seeded);
    const saved = await manager.call((api) =>
      api.admin.staff.save({ name: "Dev Shah", email, role: "manager", password: "ledger-saffron-4491" }),
    );
    expect(saved.temporaryPassword).toBeNull();
    const dev = await signIn(email, "ledger-saffron-4491");
    await expect(dev.call((api) => api.admin.staff.list())).resolves.toHaveLength(3);
  });

  it("updates name, email and role; a role change signs the account out so it returns with its new role", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const arjun = await signedInStaff(seeded, "staff");
    const account = accountOf(seeded, "staff");
    const id = await idOf(account.email);
    const email = newEmail(seeded);
    const saved = await manager.call((api) => api.admin.staff.save({ id, name: "Arjun R.", email, role: "manager" }));
    expect(saved).toEqual({
      staff: expect.objectContaining({ id, name: "Arjun R.", email, role: "manager" }),
      temporaryPassword: null,
    });
    expect((await failure(arjun.call((api) => api.kitchen.tickets()))).code).toBe("UNAUTHORIZED");
    const again = await signIn(email, account.password);
    await expect(again.call((api) => api.admin.staff.list())).resolves.toHaveLength(2);
    const [entry] = await AuditEntry.find({ entity: "staff", entityId: id, action: "update" }).lean();
    expect(entry).toMatchObject({
      before: { name: "Arjun Rao", email: account.email, role: "staff" },
      after: { name: "Arjun R.", email, role: "manager" },
    });
  });

  it("refuses an email another account uses (CONFLICT beside the email field), changing nothing", async () => {
    const seeded = await seedRestaurant();
    const elsewhere = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const before = await team(seeded);
    const taken = accountOf(elsewhere, "staff").email;
    for (const call of [
      () => manager.call((api) => api.admin.staff.save({ name: "New", email: taken, role: "staff" })),
      async () =>
        manager.call(async (api) =>
          api.admin.staff.save({
            id: await idOf(accountOf(seeded, "staff").email),
            name: "Arjun",
            email: taken,
            role: "staff",
          }),
        ),
    ]) {
      const error = await failure(call());
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toMatch(/already uses this email/);
    }
    const error = await failure(
      manager.call((api) => api.admin.staff.save({ name: "New", email: taken, role: "staff" })),
    );
    expect(error.cause).toMatchObject({ field: "email" });
    expect(await team(seeded)).toEqual(before);
  });

  it("refuses bad input with a typed error and changes nothing", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const before = await team(seeded);
    const email = newEmail(seeded);
    const cases = [
      [{ name: "Short", email, role: "staff", password: "short-pass" }, /at least 12 characters/],
      [{ name: "Common", email, role: "staff", password: "password1234" }, /too common/],
      [{ name: "Bad email", email: "not-an-email", role: "staff" }, /valid email/],
      [{ name: "  ", email, role: "staff" }, /Enter a name/],
      [{ name: "Owner", email, role: "owner" }, /staff or manager/],
    ] as const;
    for (const [input, message] of cases) {
      const error = await failure(manager.call((api) => api.admin.staff.save(input as never)));
      expect(error.code, JSON.stringify(input)).toBe("BAD_REQUEST");
      expect(error.message).toMatch(message);
    }
    expect(await team(seeded)).toEqual(before);
  });
});

describe("admin.staff.setActive", () => {
  it("deactivating ends their open session at once and refuses sign-in; reactivating lets them sign in", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const kitchen = await signedInStaff(seeded, "staff");
    const account = accountOf(seeded, "staff");
    const staffId = await idOf(account.email);
    await expect(kitchen.call((api) => api.kitchen.tickets())).resolves.toMatchObject({ tickets: [] });

    const off = await manager.call((api) => api.admin.staff.setActive({ staffId, active: false }));
    expect(off).toMatchObject({ id: staffId, active: false });
    expect((await failure(kitchen.call((api) => api.kitchen.tickets()))).code).toBe("UNAUTHORIZED");
    expect((await failure(signIn(account.email, account.password))).code).toBe("UNAUTHORIZED");

    await expect(manager.call((api) => api.admin.staff.setActive({ staffId, active: true }))).resolves.toMatchObject({
      active: true,
    });
    const back = await signIn(account.email, account.password);
    await expect(back.call((api) => api.kitchen.tickets())).resolves.toMatchObject({ tickets: [] });
    const actions = (await AuditEntry.find({ entity: "staff", entityId: staffId }).sort({ at: 1 }).lean()).map((e) => [
      e.action,
      (e.before as { active: boolean }).active,
      (e.after as { active: boolean }).active,
    ]);
    expect(actions).toEqual([
      ["deactivate", true, false],
      ["reactivate", false, true],
    ]);
  });
});

describe("admin.staff.resetPassword", () => {
  it("sets a temporary password shown once, refuses the old one, and ends open sessions", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const kitchen = await signedInStaff(seeded, "staff");
    const account = accountOf(seeded, "staff");
    const staffId = await idOf(account.email);
    const { temporaryPassword } = await manager.call((api) => api.admin.staff.resetPassword({ staffId }));
    expect(temporaryPassword).toBeTruthy();
    expect((await failure(kitchen.call((api) => api.kitchen.tickets()))).code).toBe("UNAUTHORIZED");
    expect((await failure(signIn(account.email, account.password))).code).toBe("UNAUTHORIZED");
    await expect(signIn(account.email, temporaryPassword!)).resolves.toBeInstanceOf(TestClient);
    const [entry] = await AuditEntry.find({ entity: "staff", entityId: staffId, action: "resetPassword" }).lean();
    expect(entry).toBeTruthy();
    expect(JSON.stringify(entry)).not.toMatch(new RegExp(`passwordHash|\\$2[aby]\\$|${temporaryPassword}`));
  });

  it("takes a password the manager typed, but not a short or common one", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const account = accountOf(seeded, "staff");
    const staffId = await idOf(account.email);
    const hash = (await Staff.findById(staffId).lean())!.passwordHash;
    for (const password of ["password1234", "Qwerty123456", "too-short"]) {
      expect((await failure(manager.call((api) => api.admin.staff.resetPassword({ staffId, password })))).code).toBe(
        "BAD_REQUEST",
      );
    }
    expect((await Staff.findById(staffId).lean())!.passwordHash).toBe(hash);
    await manager.call((api) => api.admin.staff.resetPassword({ staffId, password: "tiffin-carrier-77" }));
    await expect(signIn(account.email, "tiffin-carrier-77")).resolves.toBeInstanceOf(TestClient);
  });
});

describe("the last active manager", () => {
  it("can't be deactivated or demoted, by themselves or anyone", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const account = accountOf(seeded, "manager");
    const id = await idOf(account.email);
    const before = await team(seeded);
    const deactivate = await failure(manager.call((api) => api.admin.staff.setActive({ staffId: id, active: false })));
    expect(deactivate.code).toBe("CONFLICT");
    expect(deactivate.message).toMatch(/last active manager/);
    const demote = await failure(
      manager.call((api) => api.admin.staff.save({ id, name: "Meera Iyer", email: account.email, role: "staff" })),
    );
    expect(demote.code).toBe("CONFLICT");
    expect(demote.cause).toMatchObject({ field: "role" });
    expect(await team(seeded)).toEqual(before);
    await expect(manager.call((api) => api.admin.staff.list())).resolves.toHaveLength(2);
  });

  it("holds when two managers demote each other at the same moment: one wins, one manager stays", async () => {
    const seeded = await seedRestaurant();
    const meera = await signedInStaff(seeded, "manager");
    const meeraAccount = accountOf(seeded, "manager");
    const devEmail = newEmail(seeded);
    await meera.call((api) =>
      api.admin.staff.save({ name: "Dev Shah", email: devEmail, role: "manager", password: "ledger-saffron-4491" }),
    );
    const dev = await signIn(devEmail, "ledger-saffron-4491");
    const [meeraId, devId] = [await idOf(meeraAccount.email), await idOf(devEmail)];
    const results = await Promise.allSettled([
      meera.call((api) => api.admin.staff.save({ id: devId, name: "Dev Shah", email: devEmail, role: "staff" })),
      dev.call((api) => api.admin.staff.setActive({ staffId: meeraId, active: false })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [refused] = results.flatMap((r) => (r.status === "rejected" ? [r.reason as TRPCError] : []));
    expect(refused?.code).toBe("CONFLICT");
    expect(await Staff.countDocuments({ restaurantId: seeded.restaurantId, role: "manager", active: true })).toBe(1);
  });
});

describe("admin.staff refusals", () => {
  it("answers FORBIDDEN to staff who are not managers", async () => {
    const seeded = await seedRestaurant();
    const staff = await signedInStaff(seeded, "staff");
    const staffId = await idOf(accountOf(seeded, "staff").email);
    for (const call of [
      () => staff.call((api) => api.admin.staff.list()),
      () => staff.call((api) => api.admin.staff.save({ name: "X", email: newEmail(seeded), role: "manager" })),
      () => staff.call((api) => api.admin.staff.setActive({ staffId, active: false })),
      () => staff.call((api) => api.admin.staff.resetPassword({ staffId })),
    ])
      expect((await failure(call())).code).toBe("FORBIDDEN");
  });

  it("answers NOT_FOUND for another restaurant's accounts and changes nothing", async () => {
    const [mine, theirs] = [await seedRestaurant(), await seedRestaurant()];
    const manager = await signedInStaff(mine, "manager");
    const theirStaff = accountOf(theirs, "staff");
    const staffId = await idOf(theirStaff.email);
    const before = await team(theirs);
    for (const call of [
      () =>
        manager.call((api) =>
          api.admin.staff.save({ id: staffId, name: "Mine now", email: theirStaff.email, role: "manager" }),
        ),
      () => manager.call((api) => api.admin.staff.setActive({ staffId, active: false })),
      () => manager.call((api) => api.admin.staff.resetPassword({ staffId })),
    ])
      expect((await failure(call())).code).toBe("NOT_FOUND");
    expect(await team(theirs)).toEqual(before);
    expect(await manager.call((api) => api.admin.staff.list())).not.toContainEqual(
      expect.objectContaining({ id: staffId }),
    );
  });
});
