/**
 * When an order will be ready, from the restaurant's own history and the kitchen's load now
 * (pure: the API reads the data, `eta:measure` replays the seeded history through it).
 *
 * The model, in three parts:
 *
 * 1. **Prep time of a dish** (`prepStats`, `itemPrep`): the minutes from "a cook started it"
 *    (`preparing`) to `ready` of the restaurant's past orders containing the dish, as a spread
 *    {low: 25th, typical: 50th, high: 75th percentile}. A dish with fewer than
 *    `ETA_POLICY.minSamples` such orders falls back to its station's pooled history, then to the
 *    restaurant's, then to `ETA_POLICY.defaultPrepMinutes` (a new restaurant).
 *    An order's own prep is that of its slowest line (stations cook in parallel; a line's
 *    quantity is cooked together).
 * 2. **The queue ahead, per station** (`stationWaits`): each station works on at most
 *    `capacity` tickets at once (its demonstrated capacity: the most tickets it has been seen
 *    preparing at the same time, `ETA_POLICY.defaultStationCapacity` without history). The
 *    active tickets placed before the order (not yet ready) are laid, oldest first, on the
 *    station's earliest-free slot with their remaining work there (their estimate minus the time
 *    they have been cooking); the order can start on that station when a slot frees up. This is
 *    first-come-first-served list scheduling on `capacity` parallel slots.
 * 3. **The order** (`estimateReady`): a started order is ready at its start + its prep. One not
 *    started yet starts at the later of (placed + the usual pickup time, `placed → preparing` of
 *    the history) and (now + the longest wait of its stations), then takes its prep. Computed
 *    once with every figure at its low, typical and high value: `earliest`, `likely`, `latest`.
 */

/** The estimator's rules and defaults. Durations in minutes. */
export const ETA_POLICY = Object.freeze({
  /** How far back the history goes (days). */
  historyDays: 28,
  /** At most this many past orders are read (the newest). */
  historyMaxOrders: 5_000,
  /** A dish (or station) needs this many timed orders before its own history is used. */
  minSamples: 5,
  /**
   * Prep time (preparing → ready) when the restaurant has no timed history at all: 10–20 min,
   * 15 typical, the usual ticket-time target of a casual-dining kitchen; replaced by the
   * restaurant's own figures once `minSamples` orders are timed.
   */
  defaultPrepMinutes: Object.freeze({ low: 10, typical: 15, high: 20 }),
  /** Placed → a cook starts it, with an idle kitchen and no history: 1–4 min (a cook reads the ticket). */
  defaultPickupMinutes: Object.freeze({ low: 1, typical: 2, high: 4 }),
  /** Tickets a station works on at once when its history does not show it yet. */
  defaultStationCapacity: 2,
  /** How often an open order page asks again even when nothing was heard (seconds). */
  refreshSeconds: 45,
  /** The narrowest range shown (minutes): "ready in about 4–5 min", never "4–4". */
  minRangeMinutes: 1,
});

/** A duration spread in minutes: 25th, 50th and 75th percentile. */
export interface Spread {
  low: number;
  typical: number;
  high: number;
}

const LEVELS = ["low", "typical", "high"] as const;
type Level = (typeof LEVELS)[number];

/** A past order as the estimator needs it. Times in ms since the epoch (UTC). */
export interface TimedOrder {
  placedAt: number;
  /** When a cook started it (`preparing`). */
  startedAt: number;
  readyAt: number;
  lines: { menuItemId: string; station: string }[];
}

/** What the history says (see `prepStats`). */
export interface PrepStats {
  /** Per menu item id with at least `minSamples` timed orders: its prep spread. */
  items: Record<string, Spread>;
  /** Per station: its pooled prep spread (null under `minSamples`) and its capacity. */
  stations: Record<string, { prep: Spread | null; capacity: number }>;
  /** Every timed order pooled: prep, and placed → started (pickup). */
  overall: { prep: Spread; pickup: Spread };
  /** How many timed orders the figures come from. */
  samples: number;
}

/** The `q`-quantile (0–1) of ascending `sorted` values, linearly interpolated; NaN for none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below);
}

function spreadOf(minutes: number[]): Spread | null {
  if (minutes.length < ETA_POLICY.minSamples) return null;
  const sorted = [...minutes].sort((a, b) => a - b);
  return { low: quantile(sorted, 0.25), typical: quantile(sorted, 0.5), high: quantile(sorted, 0.75) };
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The most of `intervals` ([start, end) in ms) open at one moment: a sweep over their ends. */
function maxOverlap(intervals: [number, number][]): number {
  const events = intervals.flatMap(([start, end]): [number, number][] => [
    [start, 1],
    [end, -1],
  ]);
  // At equal times an end comes first: a ticket bumped as the next starts is not overlap.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let most = 0;
  for (const [, step] of events) {
    open += step;
    most = Math.max(most, open);
  }
  return most;
}

/**
 * The history's figures: per dish, per station and overall prep spreads (minutes from preparing
 * to ready of the orders containing them), the pickup spread (placed → preparing) and each
 * station's demonstrated capacity (the most orders with a line there it was preparing at once;
 * at least 1). Orders with a negative duration are ignored.
 */
export function prepStats(history: readonly TimedOrder[]): PrepStats {
  const orders = history.filter((o) => o.readyAt >= o.startedAt && o.startedAt >= o.placedAt);
  const byItem = new Map<string, number[]>();
  const byStation = new Map<string, number[]>();
  const busy = new Map<string, [number, number][]>();
  const prep: number[] = [];
  const pickup: number[] = [];
  for (const order of orders) {
    const minutes = (order.readyAt - order.startedAt) / 60_000;
    prep.push(minutes);
    pickup.push((order.startedAt - order.placedAt) / 60_000);
    for (const id of new Set(order.lines.map((l) => l.menuItemId))) push(byItem, id, minutes);
    for (const station of new Set(order.lines.map((l) => l.station))) {
      push(byStation, station, minutes);
      const list = busy.get(station) ?? [];
      list.push([order.startedAt, order.readyAt]);
      busy.set(station, list);
    }
  }
  const items: Record<string, Spread> = {};
  for (const [id, minutes] of byItem) {
    const spread = spreadOf(minutes);
    if (spread) items[id] = spread;
  }
  const stations: PrepStats["stations"] = {};
  for (const [station, minutes] of byStation)
    stations[station] = { prep: spreadOf(minutes), capacity: Math.max(1, maxOverlap(busy.get(station) ?? [])) };
  return {
    items,
    stations,
    overall: {
      prep: spreadOf(prep) ?? { ...ETA_POLICY.defaultPrepMinutes },
      pickup: spreadOf(pickup) ?? { ...ETA_POLICY.defaultPickupMinutes },
    },
    samples: orders.length,
  };
}

/** A dish's prep spread: its own history, else its station's, else the restaurant's (see `prepStats`). */
export function itemPrep(stats: PrepStats, line: { menuItemId: string; station: string }): Spread {
  return stats.items[line.menuItemId] ?? stats.stations[line.station]?.prep ?? stats.overall.prep;
}

/** An active ticket (not ready yet) as the estimator needs it. Times in ms since the epoch (UTC). */
export interface EtaTicket {
  placedAt: number;
  /** When a cook started it (`preparing`), null while placed or accepted. */
  startedAt: number | null;
  lines: { menuItemId: string; station: string }[];
}

/** A ticket's work per station: the slowest of its lines there, at each level. */
function stationWork(stats: PrepStats, ticket: Pick<EtaTicket, "lines">): Map<string, Spread> {
  const work = new Map<string, Spread>();
  for (const line of ticket.lines) {
    const prep = itemPrep(stats, line);
    const known = work.get(line.station);
    work.set(
      line.station,
      known
        ? {
            low: Math.max(known.low, prep.low),
            typical: Math.max(known.typical, prep.typical),
            high: Math.max(known.high, prep.high),
          }
        : prep,
    );
  }
  return work;
}

/** The station's capacity: its demonstrated one, else `ETA_POLICY.defaultStationCapacity`. */
export function stationCapacity(stats: PrepStats, station: string): number {
  return stats.stations[station]?.capacity ?? ETA_POLICY.defaultStationCapacity;
}

/**
 * Minutes from `now` until each station could start one more ticket, at each level: the
 * `ahead` tickets (oldest first) laid on the station's `capacity` slots, each on the earliest
 * free one, with its remaining work there (a started ticket's estimate minus the minutes it has
 * cooked, at least 0). A station without work ahead waits 0.
 */
export function stationWaits(stats: PrepStats, ahead: readonly EtaTicket[], now: number): Map<string, Spread> {
  const slots = new Map<string, Record<Level, number[]>>();
  const ordered = [...ahead].sort((a, b) => a.placedAt - b.placedAt);
  for (const ticket of ordered) {
    const cooked = ticket.startedAt === null ? 0 : Math.max(0, (now - ticket.startedAt) / 60_000);
    for (const [station, work] of stationWork(stats, ticket)) {
      let free = slots.get(station);
      if (!free) {
        const capacity = stationCapacity(stats, station);
        free = {
          low: Array<number>(capacity).fill(0),
          typical: Array<number>(capacity).fill(0),
          high: Array<number>(capacity).fill(0),
        };
        slots.set(station, free);
      }
      for (const level of LEVELS) {
        const list = free[level];
        const first = list.indexOf(Math.min(...list));
        list[first] = list[first]! + Math.max(0, work[level] - cooked);
      }
    }
  }
  const waits = new Map<string, Spread>();
  for (const [station, free] of slots)
    waits.set(station, {
      low: Math.min(...free.low),
      typical: Math.min(...free.typical),
      high: Math.min(...free.high),
    });
  return waits;
}

/** An estimated ready time, ms since the epoch (UTC): earliest ≤ likely ≤ latest, all ≥ now. */
export interface ReadyEstimate {
  earliest: number;
  likely: number;
  latest: number;
}

function ordered(now: number, at: Record<Level, number>): ReadyEstimate {
  const earliest = Math.max(now, at.low);
  const latest = Math.max(earliest + ETA_POLICY.minRangeMinutes * 60_000, at.high);
  return { earliest, likely: Math.min(latest, Math.max(earliest, at.typical)), latest };
}

/**
 * When `ticket` will be ready (see the model at the top of this module), given the active
 * tickets `ahead` of it (placed before it, not ready yet; the ticket itself must not be in it).
 * `now` in ms since the epoch.
 */
export function estimateReady(
  stats: PrepStats,
  ticket: EtaTicket,
  ahead: readonly EtaTicket[],
  now: number,
): ReadyEstimate {
  const work = stationWork(stats, ticket);
  const prep = { low: 0, typical: 0, high: 0 };
  for (const spread of work.values()) for (const level of LEVELS) prep[level] = Math.max(prep[level], spread[level]);
  const at = { low: 0, typical: 0, high: 0 };
  if (ticket.startedAt !== null) {
    for (const level of LEVELS) at[level] = ticket.startedAt + prep[level] * 60_000;
    return ordered(now, at);
  }
  const waits = stationWaits(stats, ahead, now);
  const { pickup } = stats.overall;
  for (const level of LEVELS) {
    const wait = Math.max(0, ...[...work.keys()].map((station) => waits.get(station)?.[level] ?? 0));
    const start = Math.max(ticket.placedAt + pickup[level] * 60_000, now + wait * 60_000);
    at[level] = start + prep[level] * 60_000;
  }
  return ordered(now, at);
}

/** A guest's estimate before ordering (`menu.estimate`): whole minutes from now. */
export interface MenuEstimate {
  earliestMinutes: number;
  latestMinutes: number;
  /** Minutes the busiest station needs before it can start a new ticket (typical level, rounded up). */
  backlogMinutes: number;
  /** True when the manager set `kitchenBacklogWarnMinutes` and `backlogMinutes` is past it. */
  overloaded: boolean;
}

/**
 * How long an order placed `now` would take: a typical order of the restaurant (the pooled prep
 * spread) that waits for the busiest station (a new order's stations are not known yet), after
 * the usual pickup. `warnMinutes` is the manager's overload threshold (null: never warn).
 */
export function estimateNewOrder(
  stats: PrepStats,
  active: readonly EtaTicket[],
  now: number,
  warnMinutes: number | null,
): MenuEstimate {
  const waits = [...stationWaits(stats, active, now).values()];
  const wait = (level: Level) => Math.max(0, ...waits.map((w) => w[level]));
  const { prep, pickup } = stats.overall;
  const minutes = (level: Level) => Math.max(pickup[level], wait(level)) + prep[level];
  const earliestMinutes = Math.max(1, Math.round(minutes("low")));
  const latestMinutes = Math.max(earliestMinutes + ETA_POLICY.minRangeMinutes, Math.round(minutes("high")));
  const backlogMinutes = Math.ceil(wait("typical"));
  return {
    earliestMinutes,
    latestMinutes,
    backlogMinutes,
    overloaded: warnMinutes !== null && backlogMinutes > warnMinutes,
  };
}

/**
 * The guest's words for a ready estimate `now` (ms): "Ready in about 12–18 min", "Ready in about
 * 5 min" when the range rounds to one figure, "Should be ready any minute" once the latest is
 * under a minute away.
 */
export function readyInWords(estimate: { earliestAt: string; latestAt: string }, now: number): string {
  const low = Math.max(0, Math.round((Date.parse(estimate.earliestAt) - now) / 60_000));
  const high = Math.max(0, Math.round((Date.parse(estimate.latestAt) - now) / 60_000));
  if (high < 1) return "Should be ready any minute";
  if (low >= high) return `Ready in about ${high} min`;
  return `Ready in about ${low}–${high} min`;
}

/** The ETA of an order (`order.eta`): ISO-8601 UTC instants. */
export interface OrderEtaView {
  earliestAt: string;
  latestAt: string;
}
