/**
 * The orders of the run: `order.place` over HTTP at a fixed rate, each from the next guest who
 * has no order under way, at the guest's table. A guest whose order fails with a transient error
 * (a timeout, a refused connection, 5xx, 429) tries again with the same idempotency key, as the
 * guest app's "Try again" does, for up to `retryForS`; anything else is a final answer.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { trpcCall, type CallResult } from "./client";
import type { Guest } from "./guests";

/** One order a guest tried to place, and what the API answered each time. */
export interface Placement {
  idempotencyKey: string;
  guest: Guest;
  /** The order holds the restaurant's special (the dish 86'd during the run). */
  withSpecial: boolean;
  /** Seconds since the load started, when the first attempt was sent. */
  startedAtS: number;
  /** Each attempt's answer: an HTTP status, or "timeout" / "network". */
  answers: (number | "timeout" | "network")[];
  /** The order the API answered with, once an attempt succeeded. */
  order?: { id: string; number: string; status: string };
  /** The last error when no attempt succeeded. */
  error?: string;
}

export interface LoadOptions {
  apiUrl: string;
  guests: Guest[];
  /** Orders to place in all. */
  orders: number;
  /** Orders started per second. */
  ratePerS: number;
  /**
   * Keeps orders for faults that are still to come: while `faultsDone()` is false, the last
   * `reserve` orders are started at `slowRatePerS` only, so that every fault still sees orders
   * however long the earlier ones took; the rest follow at `ratePerS` once the faults are done.
   */
  holdBack?: { reserve: number; slowRatePerS: number; faultsDone: () => boolean };
  /** How long a guest keeps retrying one order after transient errors, seconds. */
  retryForS: number;
  /** Whether order `i` adds the special (while it is on the menu). */
  addSpecial: (i: number) => boolean;
  /** Called after each order is started, with how many have been. */
  onStarted?: (started: number) => void;
}

const isTransient = (result: CallResult) =>
  typeof result.status !== "number" || result.status >= 500 || result.status === 429;

/** Places one order for `guest`, retrying transient errors with the same key (backoff 250 ms doubling, at most 4 s, or `Retry-After`). */
async function placeOne(opts: LoadOptions, guest: Guest, withSpecial: boolean, startedAtS: number): Promise<Placement> {
  const { restaurant } = guest;
  const items = [{ menuItemId: restaurant.staple, quantity: 1 }];
  if (withSpecial) items.push({ menuItemId: restaurant.special, quantity: 1 });
  const placement: Placement = { idempotencyKey: randomUUID(), guest, withSpecial, startedAtS, answers: [] };
  const input = { tableCode: guest.tableCode, idempotencyKey: placement.idempotencyKey, items };
  const deadline = Date.now() + opts.retryForS * 1000;
  for (let attempt = 0; ; attempt++) {
    const result = await trpcCall({
      baseUrl: opts.apiUrl,
      procedure: "order.place",
      input,
      localAddress: guest.localAddress,
      cookie: guest.cookie,
      timeoutMs: 15_000,
    });
    placement.answers.push(result.status);
    if (result.ok) {
      placement.order = result.data as Placement["order"];
      return placement;
    }
    placement.error = `${result.status} ${result.code}: ${result.message}`;
    if (!isTransient(result) || Date.now() > deadline) return placement;
    const backoffMs = "retryAfterS" in result && result.retryAfterS ? result.retryAfterS * 1000 : 250 * 2 ** attempt;
    await sleep(Math.min(backoffMs, 4_000) * (0.75 + Math.random() / 2));
  }
}

/**
 * Places `opts.orders` orders, started at `opts.ratePerS` (see `holdBack`), each by the next
 * guest (round robin) with no order under way (if every guest is busy, the next start waits for
 * one). Resolves with every placement once all have a final answer.
 */
export async function placeOrders(opts: LoadOptions): Promise<Placement[]> {
  const started = Date.now();
  const busy = new Set<number>();
  const placements: Promise<Placement>[] = [];
  let freed: (() => void) | undefined;
  let cursor = 0;
  const nextIdleGuest = async (): Promise<Guest> => {
    for (;;) {
      for (let step = 0; step < opts.guests.length; step++) {
        const guest = opts.guests[(cursor + step) % opts.guests.length];
        if (guest && !busy.has(guest.n)) {
          cursor = (cursor + step + 1) % opts.guests.length;
          return guest;
        }
      }
      await new Promise<void>((resolve) => (freed = resolve));
    }
  };
  let due = started;
  for (let i = 0; i < opts.orders; i++) {
    if (due > Date.now()) await sleep(due - Date.now());
    const holding = opts.holdBack && opts.orders - i <= opts.holdBack.reserve && !opts.holdBack.faultsDone();
    due = Math.max(due, Date.now() - 1000) + 1000 / (holding ? (opts.holdBack?.slowRatePerS ?? 1) : opts.ratePerS);
    const guest = await nextIdleGuest();
    busy.add(guest.n);
    const placement = placeOne(opts, guest, opts.addSpecial(i), (Date.now() - started) / 1000).finally(() => {
      busy.delete(guest.n);
      freed?.();
    });
    placements.push(placement);
    opts.onStarted?.(i + 1);
  }
  return Promise.all(placements);
}
