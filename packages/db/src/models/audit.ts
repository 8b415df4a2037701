import { AUDIT_ENTITIES } from "@tabletap/core/audit";
import mongoose, { Schema, type InferSchemaType, type Model, type Types } from "mongoose";

/**
 * One manager change, kept for the restaurant's audit log: who (`actorId`, `actorName` as it was
 * then), when (`at`, UTC), what (`entity`, `entityId`, `action`, e.g. "create", "update",
 * "availability", "delete"), and the entity's fields before and after (null when it did not
 * exist). Never updated or deleted by the app. No secrets: password hashes are never recorded.
 */
const auditEntrySchema = new Schema({
  restaurantId: { type: Schema.Types.ObjectId, required: true, ref: "Restaurant" },
  actorId: { type: Schema.Types.ObjectId, required: true, ref: "Staff" },
  actorName: { type: String, required: true },
  entity: { type: String, enum: AUDIT_ENTITIES, required: true },
  entityId: { type: String, required: true },
  action: { type: String, required: true },
  before: { type: Schema.Types.Mixed, default: null },
  after: { type: Schema.Types.Mixed, default: null },
  at: { type: Date, required: true, default: () => new Date() },
});
// The admin's per-entity history, newest first; and the whole restaurant's log.
auditEntrySchema.index({ restaurantId: 1, entity: 1, entityId: 1, at: -1 });
auditEntrySchema.index({ restaurantId: 1, at: -1 });

export type AuditEntryDoc = InferSchemaType<typeof auditEntrySchema> & { _id: Types.ObjectId };
export const AuditEntry: Model<AuditEntryDoc> =
  (mongoose.models.AuditEntry as Model<AuditEntryDoc>) ?? mongoose.model("AuditEntry", auditEntrySchema);
