/**
 * Reading failed API calls (`TRPCClientError`) in the UI without importing the tRPC client, so
 * pages that load the client lazily can still use them.
 */

/** The tRPC error code the server answered with ("CONFLICT", "UNAUTHORIZED", ...), or undefined when it never answered. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const data = (error as { data?: { code?: unknown } | null }).data;
  return typeof data?.code === "string" ? data.code : undefined;
}

/**
 * A message for a person: the server's own message when it answered (human for typed errors,
 * and a generic one for faults, which the server masks), otherwise "offline" or `unreachable`.
 */
export function errorMessage(error: unknown, unreachable: string): string {
  if (errorCode(error) && error instanceof Error && error.message) return error.message;
  if (typeof navigator !== "undefined" && navigator.onLine === false)
    return "You seem to be offline. Check your connection and try again.";
  return unreachable;
}

/**
 * The server's message for each input field it refused, by field path ("price", "modifierGroups"):
 * the first message of each schema issue, or the field a conflict names (a duplicate name). Forms
 * show each beside its field. Empty when the error names no field.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (typeof error !== "object" || error === null || !("data" in error)) return {};
  const fields = (error as { data?: { fieldErrors?: unknown } | null }).data?.fieldErrors;
  if (typeof fields !== "object" || fields === null) return {};
  return Object.fromEntries(
    Object.entries(fields as Record<string, unknown>).flatMap(([field, messages]) =>
      Array.isArray(messages) && typeof messages[0] === "string" ? [[field, messages[0]]] : [],
    ),
  );
}

/**
 * A schema's refusal as forms show it, checked in the browser before anything is sent: the first
 * message of each issue of a failed zod parse, by its full path ("name",
 * "modifierGroups.0.options.1.priceDelta"), so each shows beside its field as the server's
 * `fieldErrors` would.
 */
export function issueMessages(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): Record<string, string> {
  const byPath: Record<string, string> = {};
  for (const issue of error.issues) byPath[issue.path.map(String).join(".")] ??= issue.message;
  return byPath;
}
