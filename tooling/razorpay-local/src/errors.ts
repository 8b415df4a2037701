/**
 * A refusal in Razorpay's error shape: HTTP `status` and the body
 * `{ error: { code, description, source, step, reason, metadata, field? } }`
 * (https://razorpay.com/docs/errors/).
 */
export class RazorpayApiError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly field?: string,
    readonly code = status >= 500 ? "SERVER_ERROR" : "BAD_REQUEST_ERROR",
  ) {
    super(description);
    this.name = "RazorpayApiError";
  }

  /** The JSON body Razorpay answers with. */
  body(): { error: Record<string, unknown> } {
    return {
      error: {
        code: this.code,
        description: this.description,
        source: "NA",
        step: "NA",
        reason: this.status === 401 ? "authentication_failed" : "input_validation_failed",
        metadata: {},
        ...(this.field ? { field: this.field } : {}),
      },
    };
  }
}

/** 401 for a missing or wrong key id / key secret, as Razorpay answers. */
export const authenticationFailed = () => new RazorpayApiError(401, "Authentication failed");

/** Razorpay answers an id it does not know (or of another account) with 400. */
export const idNotFound = () => new RazorpayApiError(400, "The id provided does not exist");
