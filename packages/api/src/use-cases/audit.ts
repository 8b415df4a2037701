import type { AuditEntity, AuditEntryView, AuditTrailInput } from "@tabletap/core/audit";
import { AuditEntry, Staff, type AuditEntryDoc } from "@tabletap/db";
import type { StaffPrincipal } from "../trpc";

/** How many entries `auditTrail` returns at most per page. */
const AUDIT_PAGE_SIZE = 50;

/**
 * Records one manager change in the restaurant's audit log: `manager` made `action` on `entity`
 * `entityId`, whose fields were `before` and are now `after` (null when it did not exist; plain
 * JSON, never a password hash). Every admin write calls it after its write succeeded.
 */
export async function recordChange(
  manager: StaffPrincipal,
  change: { entity: AuditEntity; entityId: string; action: string; before: unknown; after: unknown },
): Promise<void> {
  const actor = await Staff.findById(manager.staffId, { name: 1 }).lean();
  await AuditEntry.create({
    restaurantId: manager.restaurantId,
    actorId: manager.staffId,
    actorName: actor?.name ?? "A former manager",
    ...change,
  });
}

function toAuditEntryView(entry: AuditEntryDoc): AuditEntryView {
  return {
    id: entry._id.toString(),
    at: entry.at.toISOString(),
    actor: { id: entry.actorId.toString(), name: entry.actorName },
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    before: (entry.before ?? null) as Record<string, unknown> | null,
    after: (entry.after ?? null) as Record<string, unknown> | null,
  };
}

/**
 * The manager's restaurant's audit log, newest first: of one entity (`entity` + `entityId`), of
 * one kind of entity, or all of it; `AUDIT_PAGE_SIZE` (50) entries a page, `cursor` (the previous
 * page's `nextCursor`: its last entry's ISO-8601 UTC `at`) pages back. Another restaurant's entries are never returned.
 */
export async function auditTrail(
  manager: StaffPrincipal,
  input: AuditTrailInput,
): Promise<{ entries: AuditEntryView[]; nextCursor: string | null }> {
  const filter = {
    restaurantId: manager.restaurantId,
    ...(input.entity ? { entity: input.entity } : {}),
    ...(input.entity && input.entityId ? { entityId: input.entityId } : {}),
    ...(input.cursor ? { at: { $lt: new Date(input.cursor) } } : {}),
  };
  const entries = await AuditEntry.find(filter)
    .sort({ at: -1 })
    .limit(AUDIT_PAGE_SIZE + 1)
    .lean<AuditEntryDoc[]>();
  const page = entries.slice(0, AUDIT_PAGE_SIZE).map(toAuditEntryView);
  return { entries: page, nextCursor: entries.length > AUDIT_PAGE_SIZE ? (page.at(-1)?.at ?? null) : null };
}
