import { isActiveOrderStatus, KITCHEN_BOARD_POLICY, type OrderStatus, type OrderView } from "@tabletap/core";
import type { Redis } from "@tabletap/redis";

/**
 * The index of each restaurant's active tickets, for the kitchen display: two Redis sorted sets
 * of order ids scored by when each order was placed (ms since the epoch, UTC), one for tickets
 * waiting (placed, accepted), one for tickets staff are working on (`KITCHEN_BOARD_POLICY.
 * workingStatuses`: preparing, ready). The kitchen display reads it instead of querying orders
 * by status, so its cost does not grow with the restaurant's history, and a bounded read
 * (`activeTicketWindow`) can say exactly how many tickets it leaves out.
 *
 * Each ticket's updates are ordered by its status history's length (every change appends to it):
 * `trackTicket` ignores an update older than the last one recorded for the ticket, so a late or
 * repeated delivery can't put a finished ticket back. Orders stay the source of truth: readers
 * load each listed order by id and drop (`untrackTickets`) any that is no longer active; a
 * missing index (new restaurant, Redis restarted) is rebuilt from the orders.
 */
const laneKey = (restaurantId: string, lane: Lane) => `tabletap:tickets:${restaurantId}:${lane}`;
/** Present once the restaurant's index was built from the orders (an empty sorted set doesn't exist in Redis). */
const builtKey = (restaurantId: string) => `tabletap:tickets:${restaurantId}:indexed`;
/** The latest update recorded for a ticket (its status history's length). */
const versionKey = (orderId: string) => `tabletap:ticket:${orderId}:version`;
/** How long a ticket's latest version is remembered, seconds: far longer than two deliveries of one change can race. */
const VERSION_TTL_SECONDS = 24 * 3600;

type Lane = "waiting" | "working";

/** A ticket as the index needs it: id, restaurant, status and when it was placed (ISO-8601 UTC). */
export interface TicketRef {
  id: string;
  restaurantId: string;
  status: OrderStatus;
  placedAt: string;
}

/** A ticket's change as `trackTicket` records it: the ticket and its status history so far (its length orders the changes). */
export type TicketChange = TicketRef & Pick<OrderView, "statusHistory">;

/** What `activeTicketWindow` returns: the ids to show and what is left out. */
export interface TicketWindow {
  /** Every working ticket (newest first when there are more than the limit), then the newest waiting ones. */
  ids: string[];
  hidden: {
    /** Active tickets of the index not in `ids`. */
    count: number;
    /** When the oldest of them was placed (ms since the epoch), null when none is hidden. */
    oldestPlacedAt: number | null;
  };
}

function laneOf(status: OrderStatus): Lane | null {
  if (!isActiveOrderStatus(status)) return null;
  return (KITCHEN_BOARD_POLICY.workingStatuses as readonly OrderStatus[]).includes(status) ? "working" : "waiting";
}

/**
 * KEYS: waiting set, working set, the ticket's version key. ARGV: order id, placed at (ms),
 * lane ("waiting", "working" or "" for a finished ticket), version, version TTL (s).
 * Applies the update unless an older version than the recorded one; returns 1 when applied.
 */
const TRACK_SCRIPT = `
local seen = tonumber(redis.call("GET", KEYS[3]) or "-1")
if tonumber(ARGV[4]) < seen then return 0 end
redis.call("SET", KEYS[3], ARGV[4], "EX", ARGV[5])
if ARGV[3] == "waiting" then
  redis.call("ZADD", KEYS[1], ARGV[2], ARGV[1])
  redis.call("ZREM", KEYS[2], ARGV[1])
elseif ARGV[3] == "working" then
  redis.call("ZADD", KEYS[2], ARGV[2], ARGV[1])
  redis.call("ZREM", KEYS[1], ARGV[1])
else
  redis.call("ZREM", KEYS[1], ARGV[1])
  redis.call("ZREM", KEYS[2], ARGV[1])
end
return 1`;

function trackArgs(ticket: TicketRef, version: number) {
  return [
    TRACK_SCRIPT,
    3,
    laneKey(ticket.restaurantId, "waiting"),
    laneKey(ticket.restaurantId, "working"),
    versionKey(ticket.id),
    ticket.id,
    Date.parse(ticket.placedAt),
    laneOf(ticket.status) ?? "",
    version,
    VERSION_TTL_SECONDS,
  ] as const;
}

/**
 * Records the ticket's current status: an active one is put in its lane (idempotent), any other
 * removed; ignored when an update with a longer status history was recorded already. Rejects
 * with the Redis error.
 */
export async function trackTicket(redis: Redis, ticket: TicketChange): Promise<void> {
  await redis.eval(...trackArgs(ticket, ticket.statusHistory.length));
}

/** Removes tickets a reader found no longer active. */
export async function untrackTickets(redis: Redis, restaurantId: string, orderIds: string[]): Promise<void> {
  if (orderIds.length === 0) return;
  await redis
    .multi()
    .zrem(laneKey(restaurantId, "waiting"), ...orderIds)
    .zrem(laneKey(restaurantId, "working"), ...orderIds)
    .exec();
}

/** One lane's newest `limit` ids, its size and its oldest score (ms), from `zrevrange`, `zcard`, `zrange … WITHSCORES`. */
function laneRead(results: [Error | null, unknown][] | null, at: number) {
  const value = (i: number) => {
    const [error, result] = results?.[at + i] ?? [new Error("Redis returned no result")];
    if (error) throw error;
    return result;
  };
  const oldest = value(2) as string[];
  return { newest: value(0) as string[], size: value(1) as number, oldestAt: oldest[1] ? Number(oldest[1]) : null };
}

/**
 * The restaurant's active tickets to show, at most `limit`, and how many are left out: every
 * working ticket first (the newest `limit` if there are more), then the newest waiting tickets
 * in the room that is left, so a flood of older tickets never hides a new one; the rest is
 * counted in `hidden`. Three Redis reads per lane in one round trip, whatever the size.
 *
 * When the index was never built (or Redis lost it), `rebuild` is asked for the active tickets
 * once (a query by status: the one place that scans) and the index is filled from them; a
 * rebuilt entry never overrides an update `trackTicket` already recorded.
 */
export async function activeTicketWindow(
  redis: Redis,
  restaurantId: string,
  rebuild: () => Promise<TicketRef[]>,
  limit: number = KITCHEN_BOARD_POLICY.maxTickets,
): Promise<TicketWindow> {
  if (!(await redis.exists(builtKey(restaurantId)))) {
    const tickets = await rebuild();
    const batch = redis.multi();
    for (const ticket of tickets) batch.eval(...trackArgs(ticket, 0));
    batch.set(builtKey(restaurantId), "1");
    await batch.exec();
  }
  const read = redis.multi();
  for (const lane of ["working", "waiting"] as const) {
    const key = laneKey(restaurantId, lane);
    read
      .zrevrange(key, 0, limit - 1)
      .zcard(key)
      .zrange(key, "0", "0", "WITHSCORES");
  }
  const results = await read.exec();
  const working = laneRead(results, 0);
  const waiting = laneRead(results, 3);
  const shownWaiting = waiting.newest.slice(0, limit - working.newest.length);
  const hiddenWorking = working.size - working.newest.length;
  const hiddenWaiting = waiting.size - shownWaiting.length;
  const oldest = [hiddenWorking > 0 ? working.oldestAt : null, hiddenWaiting > 0 ? waiting.oldestAt : null].filter(
    (at): at is number => at !== null,
  );
  return {
    ids: [...working.newest, ...shownWaiting],
    hidden: { count: hiddenWorking + hiddenWaiting, oldestPlacedAt: oldest.length > 0 ? Math.min(...oldest) : null },
  };
}
