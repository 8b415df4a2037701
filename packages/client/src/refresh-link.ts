import { TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable, type Unsubscribable } from "@trpc/server/observable";
import type { AnyTRPCRouter } from "@trpc/server";

let refreshing: Promise<boolean> | null = null;

/** The Web Locks name every tab of one origin renews its session under. */
const REFRESH_LOCK = "tabletap:session-refresh";

/**
 * Runs `renew` while holding a lock shared by every tab of the app (the Web Locks API, where the
 * browser has it), so two tabs never spend the same refresh cookie: the server treats a second use
 * of a refresh token as a replay and ends the session (RFC 9700 §4.14.2). A tab that waited sends
 * the cookie the first one received, which is the session's current one.
 */
function underRefreshLock<T>(renew: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  return locks ? (locks.request(REFRESH_LOCK, renew) as Promise<T>) : renew();
}

/** Calls `auth.refresh` once for all concurrent callers of this tab, under the cross-tab lock; true when the session was renewed. */
function refreshSession(url: string): Promise<boolean> {
  refreshing ??= underRefreshLock(() =>
    fetch(`${url}/auth.refresh`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: "{}",
    }),
  )
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
 * and the page shows its sign-in step. Every `auth.refresh`, including one the app makes itself
 * (a keep-alive), runs under the cross-tab refresh lock (`underRefreshLock`).
 */
export function refreshLink<TRouter extends AnyTRPCRouter>(url: string): TRPCLink<TRouter> {
  return () =>
    ({ next, op }) =>
      observable((observer) => {
        if (op.path === "auth.refresh") {
          let subscription: Unsubscribable | null = null;
          let release: (() => void) | null = null;
          void underRefreshLock(
            () =>
              new Promise<void>((resolve) => {
                release = resolve;
                subscription = next(op).subscribe({
                  next: (value) => observer.next(value),
                  complete: () => (observer.complete(), resolve()),
                  error: (error) => (observer.error(error), resolve()),
                });
              }),
          );
          return () => (subscription?.unsubscribe(), release?.());
        }
        let retried = op.path === "auth.verifyOtp" || op.path === "auth.staffLogin";
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
