/** Reading errors from the tRPC client (`TRPCClientError`) without importing it. */

export type ApiErrorCode = "BAD_REQUEST" | "NOT_FOUND" | "UNAUTHORIZED" | "TOO_MANY_REQUESTS" | "CONFLICT" | "INTERNAL_SERVER_ERROR" | (string & {});

/** The tRPC error code the server answered with, or undefined for a network failure. */
export function errorCode(error: unknown): ApiErrorCode | undefined {
  if (!error || typeof error !== "object") return undefined;
  return (error as { data?: { code?: string } | null }).data?.code;
}

/**
 * A message for the guest: the server's own (human) message for known errors, and a plain
 * explanation for a dropped connection or a server fault.
 */
export function errorMessage(error: unknown): string {
  const code = errorCode(error);
  if (!code) {
    if (typeof navigator !== "undefined" && navigator.onLine === false) return "You seem to be offline. Check your connection and try again.";
    return "We couldn't reach the restaurant. Check your connection and try again.";
  }
  if (code === "INTERNAL_SERVER_ERROR") return "Something went wrong on our side. Please try again.";
  const message = (error as { message?: unknown }).message;
  return typeof message === "string" && message.trim() ? message : "Something went wrong. Please try again.";
}
