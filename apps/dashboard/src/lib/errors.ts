/** The tRPC error code of a failed call ("CONFLICT", "UNAUTHORIZED", ...), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const data = (error as { data?: { code?: unknown } | null }).data;
  return typeof data?.code === "string" ? data.code : undefined;
}

/**
 * A message to show staff: the API's human message for typed errors, or `fallback` when the
 * request never reached the server (network down) or failed unexpectedly.
 */
export function errorMessage(error: unknown, fallback: string): string {
  const code = errorCode(error);
  if (!code || code === "INTERNAL_SERVER_ERROR") {
    if (typeof navigator !== "undefined" && navigator.onLine === false) return "You're offline. Check the connection and try again.";
    return fallback;
  }
  return error instanceof Error && error.message ? error.message : fallback;
}
