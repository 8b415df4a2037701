import {
  allLinesDone,
  isActiveOrderStatus,
  KITCHEN_BOARD_POLICY,
  linesToReopen,
  RECALL_POLICY,
  RECALL_TRANSITIONS,
  recallRefusal,
  stationLabel,
  type AdvanceOrderInput,
  type BumpLineInput,
  type KitchenBoardView,
  type OrderIdInput,
  type OrderStatus,
  type OrderView,
  type TicketSubscriptionInput,
} from "@tabletap/core";
import { activeTicketWindow, recentDoneTicketIds, untrackTickets } from "@tabletap/cache";
import {
  activeTicketRefs,
  Order,
  OrderNotFoundError,
  recallOrderStatus,
  setLineDone,
  toOrderView,
  transitionOrder,
  type OrderDoc,
} from "@tabletap/db";
import { isValidObjectId } from "mongoose";
import { channels, type BusEvent } from "@tabletap/realtime";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import type { Services } from "../services";
import { restaurantMenu } from "./menu";
import type { StaffPrincipal } from "../trpc";

/**
 * The active tickets (placed, accepted, preparing, ready) of the staff member's restaurant,
 * oldest first, with a count of those left out and the restaurant's time zone (from its cached
 * menu, so the display's clock shows the restaurant's time from its first render): at most `KITCHEN_BOARD_POLICY.maxTickets`,
 * chosen by status and age (every ticket staff are working on, then the newest waiting ones),
 * so a flood of old tickets never hides a new order, and nothing is left out silently.
 *
 * The ids come from the restaurant's active-ticket index in Redis (`activeTicketWindow` in
 * @tabletap/cache), each order is then read by id, so the cost follows the number of open
 * tickets, not the restaurant's history. Tickets the index still lists but that have finished
 * are dropped from it here (and from the answer).
 */
export async function activeTickets(services: Services, staff: StaffPrincipal): Promise<KitchenBoardView> {
  const [menu, window] = await Promise.all([
    restaurantMenu(services, staff.restaurantId),
    activeTicketWindow(
      services.redis,
      staff.restaurantId,
      () => activeTicketRefs(staff.restaurantId),
      KITCHEN_BOARD_POLICY.maxTickets,
    ),
  ]);
  const orders = await Order.find({ _id: { $in: window.ids } }).lean<OrderDoc[]>();
  const finished = orders.filter((order) => !isActiveOrderStatus(order.status)).map((order) => order._id.toString());
  await untrackTickets(services.redis, staff.restaurantId, finished);
  const tickets = orders
    .filter((order) => isActiveOrderStatus(order.status) && order.restaurantId.toString() === staff.restaurantId)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map(toOrderView);
  const { count, oldestPlacedAt } = window.hidden;
  return {
    tickets,
    hidden: { count, oldestAt: oldestPlacedAt === null ? null : new Date(oldestPlacedAt).toISOString() },
    timeZone: menu.restaurant.timeZone,
  };
}

/**
 * Live ticket changes of the staff member's restaurant (new orders and every status change, as
 * the full `OrderView`) with their event ids: from `lastEventId` when given, else from now on.
 */
export function followTickets(
  services: Services,
  staff: StaffPrincipal,
  input: TicketSubscriptionInput,
  signal?: AbortSignal,
): AsyncIterable<BusEvent<OrderView>> {
  return services.bus.subscribe<OrderView>(channels.kitchen(staff.restaurantId), {
    lastEventId: input.lastEventId,
    signal,
  });
}

/**
 * Moves a ticket of the staff member's restaurant to `input.to` under the order state machine
 * in @tabletap/core (`transitionOrder`), then delivers the change (kitchen displays, the guest).
 * @throws NotFoundError for an order of another restaurant or none; IllegalTransitionError for an illegal move.
 */
export async function advanceTicket(
  services: Services,
  staff: StaffPrincipal,
  input: AdvanceOrderInput,
): Promise<OrderView> {
  const { order } = await transitionOrder({
    orderId: input.orderId,
    restaurantId: staff.restaurantId,
    to: input.to,
    by: `staff:${staff.staffId}`,
    reason: input.reason ?? null,
  }).catch((error: unknown) => {
    if (error instanceof OrderNotFoundError) throw new NotFoundError("We couldn't find that ticket.");
    throw error;
  });
  await services.orderChanges.deliver(order);
  return toOrderView(order);
}

/** How often a line bump or a recall re-reads an order that changed between its read and its write. */
const ATTEMPTS = 5;

/** The staff member's order `orderId`, read by id. @throws NotFoundError for one of another restaurant or none. */
async function ticketOf(staff: StaffPrincipal, orderId: string): Promise<OrderDoc> {
  const order = isValidObjectId(orderId) ? await Order.findById(orderId).lean<OrderDoc>() : null;
  if (order?.restaurantId.toString() !== staff.restaurantId) throw new NotFoundError("We couldn't find that ticket.");
  return order;
}

/** "#042" as staff say it. */
const numberOf = (order: OrderDoc) => `#${String(order.number).padStart(3, "0")}`;

/**
 * The line `lineId` of `order` if station `station` makes it.
 * @throws InvalidInputError when the ticket has no such line or another station makes it.
 */
function stationLine(order: OrderDoc, input: BumpLineInput) {
  const index = Number(input.lineId);
  const line = order.lines[index];
  if (!line) throw new InvalidInputError(`Order ${numberOf(order)} has no item ${index + 1}.`);
  if (line.station !== input.station)
    throw new InvalidInputError(
      `${line.name} is made at ${stationLabel(line.station)}, not at ${stationLabel(input.station)}.`,
    );
  return { index, line };
}

/** Why a line of an order in `status` can't be bumped or reopened now (null when it can: preparing, or accepted). */
function lineRefusal(order: OrderDoc, status: OrderStatus): string | null {
  if (status === "accepted" || status === "preparing") return null;
  const name = `Order ${numberOf(order)}`;
  if (status === "placed") return `${name} hasn't been accepted yet; accept it first.`;
  if (status === "ready") return `${name} is already ready; recall it to reopen its items.`;
  return `${name} is already ${status}.`;
}

/**
 * A station marks its line of a ticket done (`kitchen.bumpLine`). Bumping a line of an accepted
 * order starts it first (→ preparing, through `transitionOrder`); once every line of the order
 * is done, the order moves to ready through `transitionOrder` (only from preparing), so the guest
 * sees "ready" only after every station is done, and of two stations bumping their last lines at
 * once exactly one moves it (the other finds it ready already). Each change is delivered (kitchen
 * displays, the guest).
 * @returns the order as it is after the bump.
 * @throws NotFoundError for an order of another restaurant or none; InvalidInputError (BAD_REQUEST)
 *   for a line the ticket doesn't have or that another station makes; ConflictError when the line
 *   is already done or the order isn't accepted or preparing. Nothing changes when it throws.
 */
export async function bumpLine(services: Services, staff: StaffPrincipal, input: BumpLineInput): Promise<OrderView> {
  const by = `staff:${staff.staffId}`;
  const target = { orderId: input.orderId, restaurantId: staff.restaurantId };
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const order = await ticketOf(staff, input.orderId);
    const { index, line } = stationLine(order, input);
    if (line.doneAt) throw new ConflictError(`${line.name} on order ${numberOf(order)} is already done.`);
    const refusal = lineRefusal(order, order.status);
    if (refusal) throw new ConflictError(refusal);
    if (order.status === "accepted") {
      const started = await transitionOrder({ ...target, to: "preparing", by, expectedFrom: "accepted" });
      if (started.changed) await services.orderChanges.deliver(started.order);
      continue;
    }
    const bumped = await setLineDone(order, index, new Date());
    if (!bumped) continue;
    const view = toOrderView(bumped);
    if (!allLinesDone(view.lines)) {
      await services.orderChanges.deliver(bumped);
      return view;
    }
    const ready = await transitionOrder({ ...target, to: "ready", by, expectedFrom: "preparing" });
    await services.orderChanges.deliver(ready.order);
    return toOrderView(ready.order);
  }
  throw new Error(`Order ${input.orderId} kept changing; gave up after ${ATTEMPTS} attempts`);
}

/**
 * Undoes a station's bump of its line (`kitchen.reopenLine`, the display's "Undo"): the line is
 * to make again. Only while the order is preparing (a ready ticket is recalled instead).
 * @returns the order as it is after the change.
 * @throws NotFoundError for an order of another restaurant or none; InvalidInputError for a line
 *   the ticket doesn't have or that another station makes; ConflictError when the line is not
 *   done or the order is not preparing. Nothing changes when it throws.
 */
export async function reopenLine(services: Services, staff: StaffPrincipal, input: BumpLineInput): Promise<OrderView> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const order = await ticketOf(staff, input.orderId);
    const { index, line } = stationLine(order, input);
    const refusal = order.status === "accepted" ? null : lineRefusal(order, order.status);
    if (refusal) throw new ConflictError(refusal);
    if (!line.doneAt) throw new ConflictError(`${line.name} on order ${numberOf(order)} isn't done yet.`);
    const reopened = await setLineDone(order, index, null);
    if (!reopened) continue;
    await services.orderChanges.deliver(reopened);
    return toOrderView(reopened);
  }
  throw new Error(`Order ${input.orderId} kept changing; gave up after ${ATTEMPTS} attempts`);
}

/**
 * Recalls a ticket (`kitchen.recall`): a ready order goes back to preparing, a served one back
 * to ready (RECALL_TRANSITIONS in @tabletap/core), within `RECALL_POLICY.windowSeconds` (10
 * minutes) of its last status change. Recalling a ready ticket reopens the lines bumped last
 * (`linesToReopen`: the bump that completed it), so that station sees it again. Recorded in the
 * status history (by the staff member, reason "Recalled") and delivered (displays, the guest).
 * @returns the order after the recall.
 * @throws NotFoundError for an order of another restaurant or none; ConflictError (with
 *   `recallRefusal`'s words) for any other status or once the window has passed. Nothing changes then.
 */
export async function recallTicket(services: Services, staff: StaffPrincipal, input: OrderIdInput): Promise<OrderView> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const order = await ticketOf(staff, input.orderId);
    const view = toOrderView(order);
    const lastChange = view.statusHistory.at(-1)?.at ?? view.updatedAt;
    const refusal = recallRefusal(order.status, Date.now() - Date.parse(lastChange));
    const to = RECALL_TRANSITIONS[order.status];
    if (refusal || !to) throw new ConflictError(refusal ?? "This ticket can't be recalled");
    const reopen = order.status === "ready" ? linesToReopen(view.lines) : [];
    const recalled = await recallOrderStatus(order, { to, reopen, by: `staff:${staff.staffId}` });
    if (!recalled) continue;
    await services.orderChanges.deliver(recalled);
    return toOrderView(recalled);
  }
  throw new Error(`Order ${input.orderId} kept changing; gave up after ${ATTEMPTS} attempts`);
}

/**
 * The restaurant's tickets that became ready or served in the last `RECALL_POLICY.windowSeconds`
 * (10 minutes) and can still be recalled, most recently done first, at most
 * `RECALL_POLICY.maxRecent` (the kitchen's "Recently done" drawer). Read from the recently-done
 * index in Redis (`recentDoneTicketIds`), each order then by id.
 */
export async function recentTickets(services: Services, staff: StaffPrincipal): Promise<{ tickets: OrderView[] }> {
  const now = Date.now();
  const ids = await recentDoneTicketIds(services.redis, staff.restaurantId, now - RECALL_POLICY.windowSeconds * 1000);
  const orders = await Order.find({ _id: { $in: ids } }).lean<OrderDoc[]>();
  const byId = new Map(orders.map((order) => [order._id.toString(), order]));
  const tickets = ids.flatMap((id) => {
    const order = byId.get(id);
    if (order?.restaurantId.toString() !== staff.restaurantId) return [];
    const view = toOrderView(order);
    const lastChange = view.statusHistory.at(-1)?.at ?? view.updatedAt;
    return recallRefusal(view.status, now - Date.parse(lastChange)) === null ? [view] : [];
  });
  return { tickets };
}
