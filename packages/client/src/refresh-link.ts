import { TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable, type Unsubscribable } from "@trpc/server/observable";
import type { AnyTRPCRouter } from "@trpc/server";

let refreshing: Promise<boolean> | null = null;

/** Calls `auth.refresh` once for all concurrent callers; true when the session was renewed. */
function refreshSession(url: string): Promise<boolean> {
  refreshing ??= fetch(`${url}/auth.refresh`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: "{}",
  })
    .then((response) => response.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "UNAUTHORIZED";
}

/**
 * Renews the session transparently: when a call (query, mutation or subscription) fails with
 * UNAUTHORIZED because the 15-minute access token expired, it spends the refresh cookie via
 * `auth.refresh` and retries the call once. If the refresh fails too, the original error stands
 * and the page shows its sign-in step.
 */
export function refreshLink<TRouter extends AnyTRPCRouter>(url: string): TRPCLink<TRouter> {
  return () =>
    ({ next, op }) =>
      observable((observer) => {
        let retried = op.path === "auth.refresh" || op.path === "auth.verifyOtp" || op.path === "auth.staffLogin";
        let subscription: Unsubscribable | null = null;
        const attempt = () => {
          subscription = next(op).subscribe({
            next: (value) => observer.next(value),
            complete: () => observer.complete(),
            error: (error) => {
              if (retried || !isUnauthorized(error)) return observer.error(error);
              retried = true;
              void refreshSession(url).then((renewed) => (renewed ? attempt() : observer.error(error)));
            },
          });
        };
        attempt();
        return () => subscription?.unsubscribe();
      });
}
