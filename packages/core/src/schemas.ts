/**
 * zod 4 schemas for the inputs of the public API (tRPC procedure inputs, forms). Messages are
 * written for the person filling in the form. Each `*Input` schema has a matching inferred type.
 */
import { z } from "zod";
import { ALLERGEN_IDS } from "./dietary";
import { isEventId } from "./event-id";
import { ORDER_POLICY } from "./order-policy";
import { EXIT_REASON_MAX_LENGTH, ORDER_STATUSES } from "./order-status";
import { OTP_CHANNELS, OTP_FORMAT_MESSAGE, isOtpFormat } from "./otp";
import { MAX_LINE_NOTES, MAX_LINE_QUANTITY, MAX_ORDER_NOTE, MIN_LINE_QUANTITY } from "./pricing";
import { stripBidiControls } from "./text";

/**
 * Free text that someone else will read (a note on the kitchen display, a reason the guest is
 * shown, a name): bidirectional formatting characters removed (`stripBidiControls`, so the text
 * can't be disguised), then trimmed, then at most `max` characters.
 */
export function displayText(max: number, tooLong: string) {
  return z.string().overwrite(stripBidiControls).trim().max(max, tooLong);
}

/** A MongoDB ObjectId as 24 hex characters. */
export const objectIdSchema = z.string({ error: "Not a valid id" }).regex(/^[0-9a-fA-F]{24}$/, "Not a valid id");

const TABLE_CODE_MESSAGE = "This table's code isn't valid";
/** The random token a table's QR code encodes (`/t/{code}`): 8–64 of [A-Za-z0-9_-]. */
export const tableCodeSchema = z
  .string({ error: TABLE_CODE_MESSAGE })
  .min(8, TABLE_CODE_MESSAGE)
  .max(64, TABLE_CODE_MESSAGE)
  .regex(/^[A-Za-z0-9_-]+$/, TABLE_CODE_MESSAGE);

/** A phone number as typed (normalised to E.164 by the server with `toE164`). */
export const phoneSchema = z
  .string({ error: "Enter your phone number" })
  .trim()
  .min(1, "Enter your phone number")
  .max(32, "That phone number is too long");

export const phoneInput = z.object({ phone: phoneSchema });
export type PhoneInput = z.infer<typeof phoneInput>;

/**
 * `auth.requestOtp`: the phone to sign in; `channel` "sms" (default) or "email" (the fallback: the
 * code goes to the guest's verified email); `tableCode`, the table the guest signs in at, whose
 * restaurant decides which countries' numbers may be texted.
 */
export const requestOtpInput = phoneInput.extend({
  channel: z.enum(OTP_CHANNELS, { error: "Choose SMS or email" }).default("sms"),
  tableCode: tableCodeSchema.optional(),
});
export type RequestOtpInput = z.infer<typeof requestOtpInput>;

/** A 6-digit one-time code (`isOtpFormat`); surrounding spaces from pasting are trimmed. */
export const otpCodeSchema = z.string({ error: OTP_FORMAT_MESSAGE }).trim().refine(isOtpFormat, OTP_FORMAT_MESSAGE);

export const verifyOtpInput = z.object({ phone: phoneSchema, code: otpCodeSchema });
export type VerifyOtpInput = z.infer<typeof verifyOtpInput>;

/**
 * Staff sign-in. The email is trimmed and lower-cased *before* it is validated, so
 * " Chef@Example.com " is accepted as "chef@example.com". (A bare `z.email().trim()` would
 * validate first and reject the surrounding spaces.)
 */
export const staffLoginInput = z.object({
  email: z.string({ error: "Enter a valid email" }).trim().toLowerCase().pipe(z.email("Enter a valid email")),
  password: z
    .string({ error: "Enter your password" })
    .min(1, "Enter your password")
    .max(200, "Password can be at most 200 characters"),
});
export type StaffLoginInput = z.infer<typeof staffLoginInput>;

const QUANTITY_MESSAGE = `Quantity must be between ${MIN_LINE_QUANTITY} and ${MAX_LINE_QUANTITY}`;

/** One cart line: item, quantity 1–50, up to 20 chosen options, optional notes (`displayText`, ≤ 200 chars). */
export const orderLineInput = z.object({
  menuItemId: objectIdSchema,
  quantity: z
    .number({ error: QUANTITY_MESSAGE })
    .int(QUANTITY_MESSAGE)
    .min(MIN_LINE_QUANTITY, QUANTITY_MESSAGE)
    .max(MAX_LINE_QUANTITY, QUANTITY_MESSAGE),
  optionIds: z.array(objectIdSchema).max(20, "At most 20 choices per item").optional(),
  notes: displayText(MAX_LINE_NOTES, `Notes can be at most ${MAX_LINE_NOTES} characters`).optional(),
});
export type OrderLineInput = z.infer<typeof orderLineInput>;

/** The client's idempotency key for placing an order (e.g. a UUID): 8–100 of [A-Za-z0-9_-]. */
export const idempotencyKeySchema = z
  .string()
  .min(8, "Invalid idempotency key")
  .max(100, "Invalid idempotency key")
  .regex(/^[A-Za-z0-9_-]+$/, "Invalid idempotency key");

/**
 * Allergies the guest declares at checkout: ids of the 14 allergens (`ALLERGEN_IDS`, EU FIC
 * Annex II), each kept once, in the order given.
 */
export const declaredAllergiesSchema = z
  .array(z.enum(ALLERGEN_IDS, { error: "Choose allergies from the list" }), {
    error: "Choose allergies from the list",
  })
  .max(ALLERGEN_IDS.length, "Choose allergies from the list")
  .transform((ids) => [...new Set(ids)]);

/**
 * An order: 1–100 lines of at most 200 items in all (`ORDER_POLICY`); an optional order-level
 * `note` for the kitchen (`displayText`, ≤ `MAX_ORDER_NOTE` characters) and the guest's declared
 * `allergies` (`declaredAllergiesSchema`), both shown on the kitchen ticket.
 */
export const placeOrderInput = z.object({
  tableCode: tableCodeSchema,
  idempotencyKey: idempotencyKeySchema,
  items: z
    .array(orderLineInput)
    .min(1, "Your cart is empty")
    .max(ORDER_POLICY.maxLinesPerOrder, `An order can have at most ${ORDER_POLICY.maxLinesPerOrder} lines`)
    .refine(
      (lines) => lines.reduce((sum, line) => sum + line.quantity, 0) <= ORDER_POLICY.maxItemsPerOrder,
      `An order can have at most ${ORDER_POLICY.maxItemsPerOrder} items`,
    ),
  note: displayText(MAX_ORDER_NOTE, `Your note can be at most ${MAX_ORDER_NOTE} characters`).optional(),
  allergies: declaredAllergiesSchema.optional(),
});
export type PlaceOrderInput = z.infer<typeof placeOrderInput>;

export const tableMenuInput = z.object({ tableCode: tableCodeSchema });
export type TableMenuInput = z.infer<typeof tableMenuInput>;

export const orderIdInput = z.object({ orderId: objectIdSchema });
export type OrderIdInput = z.infer<typeof orderIdInput>;

/**
 * `lastEventId` is the tracked() id a reconnecting SSE client resumes after: a Redis stream id
 * (`isEventId`), so one Redis would refuse never reaches it.
 */
export const lastEventIdSchema = z
  .string()
  .refine(isEventId, "This live update position isn't valid. Reload the page to start again.")
  .nullish();

export const orderSubscriptionInput = z.object({ orderId: objectIdSchema, lastEventId: lastEventIdSchema });
export type OrderSubscriptionInput = z.infer<typeof orderSubscriptionInput>;

/** `menu.onChange`: the table whose restaurant's menu changes to follow, and where a reconnecting client resumes. */
export const menuSubscriptionInput = tableMenuInput.extend({ lastEventId: lastEventIdSchema });
export type MenuSubscriptionInput = z.infer<typeof menuSubscriptionInput>;

export const ticketSubscriptionInput = z.object({ lastEventId: lastEventIdSchema });
export type TicketSubscriptionInput = z.infer<typeof ticketSubscriptionInput>;

/** Staff moving an order to `to` (checked against the state machine by the API); the guest sees `reason`. */
export const advanceOrderInput = z.object({
  orderId: objectIdSchema,
  to: z.enum(ORDER_STATUSES, { error: "Not a valid order status" }),
  reason: displayText(EXIT_REASON_MAX_LENGTH, `Reason can be at most ${EXIT_REASON_MAX_LENGTH} characters`).optional(),
});
export type AdvanceOrderInput = z.infer<typeof advanceOrderInput>;

const EMAIL_MESSAGE = "Enter a valid email address, e.g. asha@example.com";
/** A guest's email address as typed: trimmed and lower-cased; at most 254 characters (RFC 5321 path limit). */
const guestEmailText = z
  .string({ error: EMAIL_MESSAGE })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long");

/** A guest's email address (see `guestEmailText`), validated. */
export const guestEmailSchema = guestEmailText.pipe(z.email(EMAIL_MESSAGE));

/**
 * `customer.updateProfile`: the email the guest wants receipts at (receipts go to it only once it
 * is verified). An empty string clears it.
 */
export const updateProfileInput = z.object({
  email: guestEmailText.pipe(z.union([z.literal(""), z.email(EMAIL_MESSAGE)])),
});
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;

/** `customer.requestEmailVerification`: the address to email a one-time code to. */
export const requestEmailVerificationInput = z.object({ email: guestEmailSchema });
export type RequestEmailVerificationInput = z.infer<typeof requestEmailVerificationInput>;

/** `customer.verifyEmail`: the address and the 6-digit code emailed to it. */
export const verifyEmailInput = z.object({ email: guestEmailSchema, code: otpCodeSchema });
export type VerifyEmailInput = z.infer<typeof verifyEmailInput>;
