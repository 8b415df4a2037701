import { InvalidTokenError, LoginThrottledError, OtpError } from "@tabletap/auth";
import { IllegalTransitionError, ORDERING_PAUSED_MESSAGE, PricingError } from "@tabletap/core";
import { BillError, type BillErrorCode } from "@tabletap/core/bill";
import { PhotoRejectedError } from "@tabletap/media";
import { EmailLimitError } from "@tabletap/notify";
import { TRPCError } from "@trpc/server";

/** Something the caller asked for does not exist (or is not theirs to see). `message` is shown to them. */
export class NotFoundError extends Error {
  override readonly name = "NotFoundError";
}

/** Input that passed its schema but still can't be used (e.g. not a phone number). `message` is shown to them. */
export class InvalidInputError extends Error {
  override readonly name = "InvalidInputError";
}

/** The caller is not signed in as who the request needs (or the credentials are wrong). `message` is shown to them. */
export class NotSignedInError extends Error {
  override readonly name = "NotSignedInError";
}

/** The caller is signed in but their role may not do this (a staff member on a manager's page). `message` is shown to them. */
export class ForbiddenError extends Error {
  override readonly name = "ForbiddenError";
}

/**
 * The request contradicts what is stored (a duplicate name, a category that still holds items,
 * removing the last active manager). Nothing changed. `message` is shown to them, and `field`
 * names the input field it concerns, when one does (so forms show it beside that field).
 */
export class ConflictError extends Error {
  override readonly name = "ConflictError";

  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The restaurant has paused ordering (its "pause ordering" setting). `message` is shown to the guest. */
export class OrderingPausedError extends Error {
  override readonly name = "OrderingPausedError";

  constructor() {
    super(ORDERING_PAUSED_MESSAGE);
  }
}

/**
 * The payment service (Razorpay) could not be reached or refused a call it should have taken (an
 * order, a refund: @tabletap/payments' `PaymentGatewayError` is the cause). Nothing was charged
 * or refunded by this request; `message` is shown to the caller and says what to do instead.
 */
export class PaymentProviderError extends Error {
  override readonly name = "PaymentProviderError";
}

/**
 * The bill refusals that mean someone else got there first (another payer holds the part or the
 * items, or nothing is left to pay): CONFLICT; every other `BillError` is bad input (BAD_REQUEST).
 */
const BILL_CONFLICTS: ReadonlySet<BillErrorCode> = new Set([
  "EQUAL_PART_TAKEN",
  "LINE_ALREADY_PAID",
  "NOTHING_DUE",
  "OVER_DUE",
  "EQUAL_SPLIT_IN_PROGRESS",
]);

/** The pricing refusals that are not bad input: a deleted item, and one 86'd since the menu was read. */
const PRICING_ERROR_CODES: Partial<Record<PricingError["code"], TRPCError["code"]>> = {
  ITEM_NOT_FOUND: "NOT_FOUND",
  ITEM_UNAVAILABLE: "CONFLICT",
  OPTION_UNAVAILABLE: "CONFLICT",
};

/** Seconds as a guest reads them: "45 seconds", or whole minutes from 90 seconds on ("10 minutes"). */
function waitText(seconds: number): string {
  return seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
}

/**
 * Too many orders lately from this guest or at this table (`ORDER_POLICY` in @tabletap/core, a
 * flood that would bury real orders on the kitchen display). `message` is shown to the guest;
 * `retryAfterSeconds` is sent as `Retry-After`.
 */
export class OrderThrottledError extends Error {
  override readonly name = "OrderThrottledError";

  constructor(
    readonly scope: "guest" | "table",
    readonly retryAfterSeconds: number,
  ) {
    super(
      scope === "guest"
        ? `You've placed a lot of orders. Try again in ${waitText(retryAfterSeconds)}.`
        : `This table has placed a lot of orders. Please ask our staff for help. Try again in ${waitText(retryAfterSeconds)}.`,
    );
  }
}

/**
 * Seconds a refused caller should wait before trying again (sent as `Retry-After`, RFC 9110
 * §10.2.3), for the errors that say so: OrderThrottledError, LoginThrottledError, and
 * OtpError RATE_LIMITED / COOLDOWN. Null for every other error.
 */
export function retryAfterSeconds(error: unknown): number | null {
  if (error instanceof OrderThrottledError || error instanceof LoginThrottledError) return error.retryAfterSeconds;
  if (error instanceof OtpError) return error.retryAfterSeconds;
  return null;
}

/**
 * The one mapping of domain errors to tRPC errors, applied by the API's error middleware; every
 * message is already human. A `TRPCError` passes through; anything unknown becomes
 * INTERNAL_SERVER_ERROR (logged, and shown to clients as a generic apology).
 *
 * - NotFoundError, PricingError ITEM_NOT_FOUND → NOT_FOUND
 * - PricingError ITEM_UNAVAILABLE / OPTION_UNAVAILABLE (86'd since the guest's menu was read) → CONFLICT
 * - InvalidInputError, other PricingErrors, OtpError (wrong/expired code) → BAD_REQUEST
 * - NotSignedInError, InvalidTokenError → UNAUTHORIZED
 * - ForbiddenError → FORBIDDEN
 * - IllegalTransitionError, ConflictError → CONFLICT
 * - BillError (@tabletap/core/bill): EQUAL_PART_TAKEN, LINE_ALREADY_PAID, NOTHING_DUE, OVER_DUE,
 *   EQUAL_SPLIT_IN_PROGRESS → CONFLICT; the other codes (a bad tip or split) → BAD_REQUEST
 * - PaymentProviderError → BAD_GATEWAY (502: Razorpay failed us, nothing was charged)
 * - OrderingPausedError → PRECONDITION_FAILED
 * - PhotoRejectedError: `too-large` → PAYLOAD_TOO_LARGE, `wrong-type` → UNSUPPORTED_MEDIA_TYPE,
 *   `corrupt` / `too-many-pixels` → BAD_REQUEST
 * - OtpError RATE_LIMITED / COOLDOWN, LoginThrottledError, EmailLimitError, OrderThrottledError →
 *   TOO_MANY_REQUESTS (with `Retry-After`: see `retryAfterSeconds`)
 */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  const as = (code: TRPCError["code"]) => new TRPCError({ code, message: (error as Error).message, cause: error });
  if (error instanceof NotFoundError) return as("NOT_FOUND");
  if (error instanceof PricingError) return as(PRICING_ERROR_CODES[error.code] ?? "BAD_REQUEST");
  if (error instanceof InvalidInputError) return as("BAD_REQUEST");
  if (error instanceof OtpError)
    return as(error.code === "RATE_LIMITED" || error.code === "COOLDOWN" ? "TOO_MANY_REQUESTS" : "BAD_REQUEST");
  if (error instanceof NotSignedInError || error instanceof InvalidTokenError) return as("UNAUTHORIZED");
  if (error instanceof ForbiddenError) return as("FORBIDDEN");
  if (error instanceof IllegalTransitionError || error instanceof ConflictError) return as("CONFLICT");
  if (error instanceof BillError) return as(BILL_CONFLICTS.has(error.code) ? "CONFLICT" : "BAD_REQUEST");
  if (error instanceof PaymentProviderError) return as("BAD_GATEWAY");
  if (error instanceof OrderingPausedError) return as("PRECONDITION_FAILED");
  if (error instanceof PhotoRejectedError)
    return as(
      error.problem === "too-large"
        ? "PAYLOAD_TOO_LARGE"
        : error.problem === "wrong-type"
          ? "UNSUPPORTED_MEDIA_TYPE"
          : "BAD_REQUEST",
    );
  if (error instanceof LoginThrottledError || error instanceof EmailLimitError || error instanceof OrderThrottledError)
    return as("TOO_MANY_REQUESTS");
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error });
}
