import { Staff } from "@tabletap/db";
import { isValidObjectId } from "mongoose";
import { NotFoundError } from "../errors";
import type { Services } from "../services";

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
