/**
 * The public shapes the API returns to the guest app, the dashboard and integrations.
 * Plain JSON: money in integer minor units (paise for INR), times as ISO-8601 UTC strings.
 */
import type { DietaryTag } from "./dietary";
import type { OrderStatus, PaymentStatus } from "./order-status";
import type { MenuItemPhotoView } from "./photo";

/** One choice inside a modifier group; `priceDelta` is added to the item's unit price (paise, may be 0). */
export interface ModifierOptionView {
  id: string;
  name: string;
  priceDelta: number;
}

/** A modifier group ("Size", "Add-ons"): the guest picks between `minSelect` and `maxSelect` options. */
export interface ModifierGroupView {
  id: string;
  name: string;
  minSelect: number;
  maxSelect: number;
  options: ModifierOptionView[];
}

/** A menu item as a guest sees it; `price` is the base unit price in paise. */
export interface MenuItemView {
  id: string;
  categoryId: string;
  name: string;
  description: string;
  price: number;
  /** The item's photo, or null when it has none. */
  photo: MenuItemPhotoView | null;
  dietaryTags: DietaryTag[];
  allergens: string[];
  /** false when the item is 86'd: shown greyed out, cannot be ordered. */
  available: boolean;
  modifierGroups: ModifierGroupView[];
}

export interface MenuCategoryView {
  id: string;
  name: string;
  description: string;
  items: MenuItemView[];
}

/** What `menu.forTable` returns: the restaurant, the table the QR code names, and its live menu. */
export interface TableMenuView {
  restaurant: {
    id: string;
    slug: string;
    name: string;
    /** ISO 4217, e.g. "INR". */
    currency: string;
    /** Tax (GST) in basis points: 500 = 5%. */
    taxBps: number;
    /** Service charge in basis points: 0 = none. */
    serviceChargeBps: number;
    /** The manager paused ordering: guests see "The kitchen isn't taking orders right now" and `order.place` refuses. */
    orderingPaused: boolean;
  };
  table: { id: string; label: string };
  categories: MenuCategoryView[];
}

/** A chosen modifier, snapshotted on the order line at order time. */
export interface OrderModifierView {
  groupName: string;
  name: string;
  priceDelta: number;
}

/** An order line, snapshotted at order time: later menu edits never change it. */
export interface OrderLineView {
  menuItemId: string;
  name: string;
  /** Base price plus modifier deltas, paise. */
  unitPrice: number;
  quantity: number;
  modifiers: OrderModifierView[];
  notes: string | null;
  /** unitPrice × quantity, paise. */
  lineTotal: number;
  /** Kitchen station that prepares it ("grill", "bar", ...). */
  station: string;
  /** When its station bumped it as done (ISO-8601 UTC, `kitchen.bumpLine`); null while still to make. */
  doneAt: string | null;
  /** The allergen ids the item listed when it was ordered (`ALLERGENS` in dietary.ts); empty when none. */
  allergens: string[];
}

export interface OrderStatusChangeView {
  status: OrderStatus;
  /** ISO-8601 UTC. */
  at: string;
  reason: string | null;
}

/** An order (and, on the kitchen display, its ticket). */
export interface OrderView {
  id: string;
  /** Short number staff and guests say aloud, unique per restaurant and business date ("#042"). */
  number: string;
  restaurantId: string;
  tableId: string;
  tableLabel: string;
  /** The table session (the tab) the order joined. */
  tableSessionId: string;
  status: OrderStatus;
  statusHistory: OrderStatusChangeView[];
  rejectionReason: string | null;
  /** The guest's note for the whole order (≤ 200 characters), or null. */
  note: string | null;
  /** The allergies the guest declared at checkout (allergen ids of `ALLERGENS`); empty when none. */
  allergies: string[];
  lines: OrderLineView[];
  subtotal: number;
  serviceCharge: number;
  tax: number;
  tip: number;
  total: number;
  currency: string;
  payment: { method: "counter" | "online" | null; status: PaymentStatus };
  /** ISO-8601 UTC. */
  placedAt: string;
  /** ISO-8601 UTC. */
  updatedAt: string;
}

/**
 * What `kitchen.tickets` returns: the active tickets the display shows, oldest first, and the
 * active tickets it leaves out because there are more than `KITCHEN_BOARD_POLICY.maxTickets`
 * (always the oldest waiting ones: see that policy).
 */
export interface KitchenBoardView {
  tickets: OrderView[];
  hidden: {
    /** Active tickets not in `tickets`. */
    count: number;
    /** When the oldest of them was placed (ISO-8601 UTC), null when none is hidden. */
    oldestAt: string | null;
  };
  /** The restaurant's time zone (IANA, e.g. "Asia/Kolkata"): the display's clock and times are in it. */
  timeZone: string;
}

/** The signed-in principals of a request, as `auth.session` returns them. */
export interface SessionView {
  /** `email`: where the guest wants receipts; `emailVerified`: whether they proved it is theirs (only then is anything sent to it). */
  guest: { id: string; phone: string; name: string | null; email: string | null; emailVerified: boolean } | null;
  staff: { id: string; name: string; email: string; role: "staff" | "manager"; restaurantId: string } | null;
}

/**
 * Whether `incoming` is an older state of the order than `current` (by `updatedAt`, ISO 8601 UTC):
 * live events can arrive out of order (the API's broadcast of `placed` and the worker's of
 * `accepted` race each other, and either can cross a refetch), so a screen showing an order keeps
 * `current` when this is true. False when nothing is shown yet.
 */
export function isStaleOrderView(
  current: Pick<OrderView, "updatedAt"> | undefined,
  incoming: Pick<OrderView, "updatedAt">,
): boolean {
  return !!current && Date.parse(current.updatedAt) > Date.parse(incoming.updatedAt);
}
