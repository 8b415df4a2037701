import type { Types, UpdateQuery } from "mongoose";
import { TableSession, type TableSessionDoc } from "./models/table-session";

/** How many times `updateTableSession` re-reads and retries after losing a race. */
const SESSION_UPDATE_ATTEMPTS = 10;

/** A table session changed under `updateTableSession` more often than it could retry (a hot table). */
export class SessionContentionError extends Error {
  override readonly name = "SessionContentionError";

  constructor(tableSessionId: string) {
    super(`Table session ${tableSessionId} kept changing while it was being updated`);
  }
}

/**
 * Applies a change to a table session with optimistic concurrency: reads the session, asks
 * `decide` for the update (a pure decision on what was read; it may throw a domain error, which
 * changes nothing), and writes it only if the session's `version` is still the one read,
 * incrementing it; when another writer won in between, it reads again and decides again.
 * One document, so the write is atomic on MongoDB and on the local stand-ins (DESIGN.md: no
 * multi-document transactions).
 *
 * @param decide returns the update and a result for the caller, or null to write nothing.
 * @returns the session as written (or as read, when `decide` returned null) and `decide`'s
 *   result; null when the session does not exist.
 * @throws whatever `decide` throws; SessionContentionError after 10 lost races.
 */
export async function updateTableSession<T>(
  tableSessionId: Types.ObjectId | string,
  decide: (
    session: TableSessionDoc,
  ) => { update: UpdateQuery<TableSessionDoc>; result: T } | { update: null; result: T },
): Promise<{ session: TableSessionDoc; result: T } | null> {
  for (let attempt = 0; attempt < SESSION_UPDATE_ATTEMPTS; attempt++) {
    const session = await TableSession.findById(tableSessionId).lean<TableSessionDoc>();
    if (!session) return null;
    const { update, result } = decide(session);
    if (!update) return { session, result };
    const written = await TableSession.findOneAndUpdate(
      { _id: session._id, version: session.version },
      { ...update, $inc: { ...(update.$inc ?? {}), version: 1 } },
      { returnDocument: "after" },
    ).lean<TableSessionDoc>();
    if (written) return { session: written, result };
  }
  throw new SessionContentionError(String(tableSessionId));
}
