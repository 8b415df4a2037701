import { errorMessage as apiErrorMessage } from "@tabletap/client/errors";

export { errorCode } from "@tabletap/client/errors";

/** A message for the guest (see `errorMessage` in @tabletap/client/errors). */
export function errorMessage(error: unknown): string {
  return apiErrorMessage(error, "We couldn't reach the restaurant. Check your connection and try again.");
}
