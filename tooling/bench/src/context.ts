/**
 * What every scenario gets: the options, the running system, a staff session, the demo menu,
 * and helpers to build `order.place` requests, insert synthetic orders and verify stored ones.
 */
import { randomUUID } from "node:crypto";
import type { OrderView, TableMenuView } from "@tabletap/core";
import { MenuItem, Order, Table } from "@tabletap/db";
import { Types } from "mongoose";
import type { RequestSpec, Sample } from "./load";
import type { Table as ResultTable } from "./report";
import type { Guest } from "./sessions";
import type { System } from "./system";

/** Durations, counts and rates of one run (`cli.ts` fills them from the flags). */
export interface BenchOptions {
  /** Seconds per menu measurement, and the connection counts to measure at. */
  menuDurationS: number;
  menuConnections: number[];
  /** Orders placed one after another by one client. */
  sequentialOrders: number;
  /** Fixed order rates (per second) of the ramp, and seconds per step. */
  rates: number[];
  rateStepS: number;
  /** The target order rate (per second) held for `targetDurationS` after the ramp. */
  targetRate: number;
  targetDurationS: number;
  /** Seconds to wait for every order answered with success to reach `accepted`. */
  acceptWaitS: number;
  /** Stored-order counts to measure `order.place` at, and orders placed per measurement. */
  history: number[];
  historyOrders: number;
  /** Open stream counts for the SSE scenarios, and events measured per count. */
  streams: number[];
  sseEvents: number;
  /** Seconds of the overload burst. */
  overloadS: number;
}

export interface BenchContext {
  system: System;
  opts: BenchOptions;
  /** `Cookie` header value of the signed-in demo manager. */
  staffCookie: string;
  menu: TableMenuView;
  /**
   * The highest order rate (per second) the ramp sustained in this run (all answered with
   * success, p99 under 1 s), which the overload scenario doubles; unset before the ramp ran.
   */
  sustainableRate?: number;
  log: (line: string) => void;
}

/** A scenario: a name for `--only` and a function that measures and returns its tables. */
export interface Scenario {
  name: string;
  run(ctx: BenchContext): Promise<ResultTable[]>;
}

const JSON_HEADERS = { "content-type": "application/json" };

/** `GET /api/trpc/menu.forTable` for `tableCode`. */
export function menuRequest(tableCode: string): RequestSpec {
  const input = encodeURIComponent(JSON.stringify({ tableCode }));
  return { method: "GET", path: `/api/trpc/menu.forTable?input=${input}` };
}

/** A tRPC mutation request: `POST /api/trpc/<procedure>` with `input` as JSON and the session `cookie`. */
export function mutationRequest(procedure: string, input: unknown, cookie: string): RequestSpec {
  return {
    method: "POST",
    path: `/api/trpc/${procedure}`,
    headers: { ...JSON_HEADERS, cookie },
    body: JSON.stringify(input),
  };
}

/**
 * A source of `order.place` requests: each call the next guest (round robin) orders the demo
 * menu's first two items without required choices, at the next table, with a fresh
 * idempotency key.
 */
export function orderRequests(ctx: BenchContext, guests: Guest[]): () => RequestSpec {
  const items = orderItems(ctx);
  const tables = ctx.system.demo.tables;
  let n = 0;
  return () => {
    n += 1;
    const guest = guests[n % guests.length];
    const table = tables[n % tables.length];
    if (!guest || !table) throw new Error("bench: no guests or no tables");
    return mutationRequest("order.place", { tableCode: table.code, idempotencyKey: randomUUID(), items }, guest.cookie);
  };
}

/** The cart every benchmark order holds: one each of the demo menu's first two items without required choices. */
export function orderItems(ctx: BenchContext): { menuItemId: string; quantity: number }[] {
  return ctx.menu.categories
    .flatMap((c) => c.items)
    .filter((item) => item.available && item.modifierGroups.every((g) => g.minSelect === 0))
    .slice(0, 2)
    .map((item) => ({ menuItemId: item.id, quantity: 1 }));
}

/** The data of a tRPC success body (`{"result":{"data":…}}`). @throws Error for anything else. */
export function trpcData<T>(body: string): T {
  const parsed = JSON.parse(body) as { result?: { data?: T } };
  if (parsed.result?.data === undefined) throw new Error(`bench: not a tRPC result: ${body.slice(0, 200)}`);
  return parsed.result.data;
}

/** Synthetic orders inserted so far by this process (their business dates and numbers stay unique). */
let inserted = 0;
/** Synthetic orders per past business day. */
const ORDERS_PER_DAY = 500;

/**
 * Inserts `count` orders of the demo restaurant directly into the orders collection, in batches
 * of 1,000, built through the `Order` model (its defaults and casts) and written with the
 * driver's `insertMany`. They belong to `customerIds` (round robin), have status `status`, and
 * fall on past business dates from 2020-01-01 (500 a day), so they are never active tickets of
 * today. Returns the ids, in order.
 */
export async function insertOrders(
  ctx: BenchContext,
  opts: { count: number; customerIds: string[]; status: OrderView["status"] },
): Promise<string[]> {
  const restaurantId = new Types.ObjectId(ctx.system.demo.restaurantId);
  const [table, item] = await Promise.all([
    Table.findOne({ restaurantId }).lean(),
    MenuItem.findOne({ restaurantId, available: true }).lean(),
  ]);
  if (!table || !item) throw new Error("bench: the demo restaurant has no table or no item");
  const ids: string[] = [];
  for (let done = 0; done < opts.count;) {
    const batch = Array.from({ length: Math.min(1000, opts.count - done) }, (_, i) => {
      const index = inserted + i;
      const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(index / ORDERS_PER_DAY) * 86_400_000);
      const at = new Date(day.getTime() + 12 * 3_600_000);
      const customerId = opts.customerIds[(done + i) % opts.customerIds.length];
      return new Order({
        restaurantId,
        tableId: table._id,
        tableLabel: table.label,
        tableSessionId: new Types.ObjectId(),
        customerId,
        idempotencyKey: `bench-${index}`,
        businessDate: day.toISOString().slice(0, 10),
        number: (index % ORDERS_PER_DAY) + 1,
        lines: [
          {
            menuItemId: item._id,
            name: item.name,
            unitPrice: item.price,
            quantity: 1,
            lineTotal: item.price,
            station: item.station,
          },
        ],
        currency: "INR",
        subtotal: item.price,
        serviceCharge: 0,
        tax: 0,
        total: item.price,
        status: opts.status,
        statusHistory: [{ status: opts.status, at, by: "system" }],
        createdAt: at,
        updatedAt: at,
      }).toObject();
    });
    await Order.collection.insertMany(batch);
    ids.push(...batch.map((doc) => doc._id.toString()));
    inserted += batch.length;
    done += batch.length;
  }
  return ids;
}

/** What the verification pass found about the orders a load run sent. */
export interface Verification {
  /** Requests answered with success. */
  succeeded: number;
  /** Of those, stored exactly once (one order under the request's idempotency key, with the answered id). */
  storedOnce: number;
  /** Of those, at status `accepted` (or later) when the wait ended. */
  accepted: number;
  /** Seconds until every stored one was accepted, or NaN if the wait ran out. */
  acceptedAfterS: number;
  /** Requests answered with an error or not at all whose order was stored anyway. */
  storedDespiteFailure: number;
}

/**
 * Checks the orders of `samples` (`order.place` requests) in MongoDB: every order answered with
 * success exists exactly once under its idempotency key, and reaches `accepted` (the worker)
 * within `waitS` seconds (polled every 500 ms).
 */
export async function verifyOrders(samples: Sample[], waitS: number): Promise<Verification> {
  const keyOf = (s: Sample) => (JSON.parse(s.spec.body ?? "{}") as { idempotencyKey: string }).idempotencyKey;
  const ok = samples.filter((s) => s.status === 200);
  const answered = new Map(ok.map((s) => [keyOf(s), trpcData<OrderView>(s.body).id]));
  const stored = await Order.find({ idempotencyKey: { $in: samples.map(keyOf) } }, { idempotencyKey: 1 }).lean();
  const byKey = new Map<string, string[]>();
  for (const doc of stored)
    byKey.set(doc.idempotencyKey, [...(byKey.get(doc.idempotencyKey) ?? []), doc._id.toString()]);
  const storedOnce = [...answered].filter(([key, id]) => byKey.get(key)?.length === 1 && byKey.get(key)?.[0] === id);
  const storedDespiteFailure = samples.filter((s) => s.status !== 200 && byKey.has(keyOf(s))).length;

  const ids = storedOnce.map(([, id]) => new Types.ObjectId(id));
  const started = performance.now();
  const later: OrderView["status"][] = ["accepted", "preparing", "ready", "served"];
  const countAccepted = () => Order.countDocuments({ _id: { $in: ids }, status: { $in: later } });
  let accepted = await countAccepted();
  while (accepted < ids.length && performance.now() - started < waitS * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    accepted = await countAccepted();
  }
  return {
    succeeded: ok.length,
    storedOnce: storedOnce.length,
    accepted,
    acceptedAfterS: accepted === ids.length ? (performance.now() - started) / 1000 : Number.NaN,
    storedDespiteFailure,
  };
}
