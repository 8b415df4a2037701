import type { ActiveOrderStatus } from "./order-status";

/**
 * Limits on placing orders and on the kitchen display's list (issue 8, finding 8: a flood of
 * orders at one table pushed a real order off the kitchen display). The API enforces them
 * (`order.place`, `kitchen.tickets`); the guest app and the dashboard show them.
 */

/**
 * How many orders `order.place` takes in 10 minutes, and how big one may be.
 *
 * A real table orders in rounds (drinks, starters, mains, dessert), each guest a few orders an
 * evening and rarely two within minutes, and one order can hold a whole round for the table. So
 * a guest placing more than 10 orders in 10 minutes, or a table more than 30 (ten guests each
 * ordering three times in 10 minutes), is not a table eating: it is a script. Both limits are
 * counted in Redis (rate-limiter-flexible; a window starts at its first counted order), so they
 * hold across app instances; an idempotent replay of an order already taken is not counted, nor
 * is an order refused for its guest counted against its table.
 */
export const ORDER_POLICY = {
  /** The window of both limits, seconds. */
  windowSeconds: 10 * 60,
  /** Orders one signed-in guest may place per window, at any tables. */
  ordersPerGuest: 10,
  /** Orders one table may take per window, from all its guests. */
  ordersPerTable: 30,
  /** Lines in one order. */
  maxLinesPerOrder: 100,
  /** Items in one order: the sum of its lines' quantities (a table of 20 ordering 10 items each). */
  maxItemsPerOrder: 200,
} as const;

/**
 * How `kitchen.tickets` bounds the kitchen display's list. A display shows every active ticket
 * up to `maxTickets`; past that it shows, in this order, every ticket staff are already working
 * on (`preparing`, `ready`), then the newest waiting ones (`placed`, `accepted`), and says how
 * many older ones it does not show. So a flood of old tickets can never hide a new order, and a
 * dish on the pass never disappears. 300 is several times what the busiest kitchen has open
 * (60 tables × 2 open orders = 120) and still a list a display renders at once.
 */
export const KITCHEN_BOARD_POLICY = {
  /** Most tickets in one answer of `kitchen.tickets`. */
  maxTickets: 300,
  /** Tickets staff are working on: listed before any waiting (placed, accepted) ticket, whatever their age. */
  workingStatuses: ["preparing", "ready"] as const satisfies readonly ActiveOrderStatus[],
} as const;
