/**
 * The admin panel's audit log: every manager change (menu, prices, availability, tables, staff,
 * settings) with who made it, when, and the entity before and after.
 */
import { z } from "zod";

/** What an audit entry is about: the kinds of things a manager changes in the admin panel. */
export const AUDIT_ENTITIES = ["menuCategory", "menuItem", "table", "staff", "settings", "payment"] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** One recorded change as the admin shows it; `at` is ISO-8601 UTC; `before`/`after` are null when the entity did not exist. */
export interface AuditEntryView {
  id: string;
  at: string;
  actor: { id: string; name: string };
  entity: AuditEntity;
  entityId: string;
  /** "create", "update", "availability", "delete", "deactivate"... */
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * `admin.audit.list`: the log of one entity (`entity` + `entityId`), of one kind (`entity`), or
 * all; `cursor` (an ISO-8601 UTC time, the previous page's `nextCursor`) pages back.
 */
export const auditTrailInput = z.object({
  entity: z.enum(AUDIT_ENTITIES, { error: "Not a kind of thing the audit log records" }).optional(),
  entityId: z.string().min(1).max(64).optional(),
  cursor: z.iso.datetime({ error: "Not an ISO-8601 UTC time" }).optional(),
});
export type AuditTrailInput = z.infer<typeof auditTrailInput>;
