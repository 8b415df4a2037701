/**
 * Read models kept in Redis for the hot paths (issue 7; docs/PERFORMANCE.md):
 * - a cache-aside store (bentocache: an in-process LRU in front of Redis, with a Redis bus so a
 *   delete in one process reaches every process's memory, and per-key single flight so a miss
 *   under load runs the loader once per process: stampede protection);
 * - the index of each restaurant's active tickets (`active-tickets.ts`);
 * - the index of orders with undelivered outbox events (`outbox-index.ts`);
 * - the index of each restaurant's recently done tickets, for recall (`recent-tickets.ts`).
 */
export { createCache, CACHE_TTL, cacheKeys, cacheTags, type Cache } from "./cache";
export {
  activeTicketWindow,
  trackTicket,
  untrackTickets,
  type TicketChange,
  type TicketRef,
  type TicketWindow,
} from "./active-tickets";
export { clearOutboxPending, markOutboxPending, pendingOutboxOrders } from "./outbox-index";
export { recentDoneTicketIds, trackDoneTicket } from "./recent-tickets";
