/**
 * Server-side order pricing. The server prices every order from its own menu; prices sent by a
 * client are never trusted (DESIGN.md, "Money"). All amounts are integers in minor units (paise).
 */
import { percentOfBps } from "./money";

/** A modifier option as pricing needs it; `priceDelta` in minor units (may be 0). */
export interface PricingModifierOption {
  id: string;
  name: string;
  priceDelta: number;
  /** false when the option is sold out; absent means available. */
  available?: boolean;
}

/** A modifier group: the guest must choose between `minSelect` and `maxSelect` of its options. */
export interface PricingModifierGroup {
  id: string;
  name: string;
  minSelect: number;
  maxSelect: number;
  options: PricingModifierOption[];
}

/** A menu item as pricing needs it; `price` is the base unit price in minor units. */
export interface PricingMenuItem {
  id: string;
  name: string;
  price: number;
  available: boolean;
  station: string;
  modifierGroups: PricingModifierGroup[];
  /** The allergen ids the item lists (`ALLERGENS` in dietary.ts); absent means none listed. */
  allergens?: readonly string[];
}

/** One line of a guest's cart, as sent by the client (only ids and quantities are trusted). */
export interface CartLine {
  menuItemId: string;
  quantity: number;
  optionIds?: string[];
  notes?: string;
}

/** A chosen modifier, snapshotted on the priced line. */
export interface PricedModifier {
  groupId: string;
  groupName: string;
  optionId: string;
  name: string;
  priceDelta: number;
}

/** A priced, snapshotted order line. */
export interface PricedLine {
  menuItemId: string;
  name: string;
  /** Base price + sum of chosen option deltas, minor units. */
  unitPrice: number;
  quantity: number;
  /** In the item's modifier-group order, then option order within the group. */
  modifiers: PricedModifier[];
  /** Trimmed; null when absent or blank. */
  notes: string | null;
  /** unitPrice × quantity, minor units. */
  lineTotal: number;
  station: string;
  /** The item's listed allergens at order time (modifier options list none); empty when none. */
  allergens: string[];
}

/** A priced order; every amount in minor units. total = subtotal + serviceCharge + tax + tip. */
export interface PricedOrder {
  lines: PricedLine[];
  subtotal: number;
  serviceCharge: number;
  tax: number;
  tip: number;
  total: number;
}

export type PricingErrorCode =
  | "ITEM_NOT_FOUND"
  | "ITEM_UNAVAILABLE"
  | "OPTION_NOT_FOUND"
  | "OPTION_UNAVAILABLE"
  | "DUPLICATE_OPTION"
  | "GROUP_MIN"
  | "GROUP_MAX"
  | "INVALID_QUANTITY";

/**
 * Why a cart can't be priced. `message` is written for the guest and names the item (and group
 * or option), e.g. "Masala Dosa: choose at least 1 option for Size".
 */
export class PricingError extends Error {
  override readonly name = "PricingError";
  readonly code: PricingErrorCode;
  /** The cart line's menu item id. */
  readonly menuItemId: string;
  /** The modifier group concerned, for GROUP_MIN / GROUP_MAX / OPTION_UNAVAILABLE / DUPLICATE_OPTION. */
  readonly groupId: string | null;
  /** The option concerned, for OPTION_NOT_FOUND / OPTION_UNAVAILABLE / DUPLICATE_OPTION. */
  readonly optionId: string | null;

  constructor(
    code: PricingErrorCode,
    menuItemId: string,
    message: string,
    details: { groupId?: string; optionId?: string } = {},
  ) {
    super(message);
    this.code = code;
    this.menuItemId = menuItemId;
    this.groupId = details.groupId ?? null;
    this.optionId = details.optionId ?? null;
  }
}

/** Quantity limits per cart line (`orderLineInput` in schemas.ts and the cart use them). */
export const MIN_LINE_QUANTITY = 1;
export const MAX_LINE_QUANTITY = 50;
/** Longest kitchen note on a cart line, characters after trimming (`orderLineInput`, the item form). */
export const MAX_LINE_NOTES = 200;
/** Longest order-level note, characters after trimming (`placeOrderInput`, the cart). */
export const MAX_ORDER_NOTE = 200;

export interface PriceOrderInput {
  lines: CartLine[];
  /** The restaurant's menu, keyed by menu item id. */
  menu: ReadonlyMap<string, PricingMenuItem>;
  /** Tax (GST) in basis points: 500 = 5 %. */
  taxBps: number;
  /** Service charge in basis points: 0 = none. */
  serviceChargeBps: number;
  /** Tip in minor units; default 0. Not taxed. */
  tip?: number;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The name of an option with this id anywhere on the menu, for a helpful message. */
function findOptionNameOnMenu(menu: ReadonlyMap<string, PricingMenuItem>, optionId: string): string | null {
  for (const item of menu.values()) {
    for (const group of item.modifierGroups) {
      const option = group.options.find((o) => o.id === optionId);
      if (option) return option.name;
    }
  }
  return null;
}

/** A modifier group whose choices are outside its `minSelect`–`maxSelect` range. */
export interface ModifierGroupProblem {
  code: "GROUP_MIN" | "GROUP_MAX";
  groupId: string;
  /** The rule in the guest's words, e.g. "Choose at least 1 option for Size". */
  message: string;
  /** The same rule as `priceOrder`'s error puts it after the item's name: "choose at least 1 option for Size". */
  limit: string;
}

/** One line's modifier choices checked against its item's groups (see `resolveModifierChoices`). */
export interface ModifierChoices {
  /** The chosen options, in the item's group order, then option order within the group. */
  modifiers: PricedModifier[];
  /** The item's base price + Σ chosen option deltas, minor units. */
  unitPrice: number;
  /** One entry per group whose choices are too few or too many, in group order; empty when valid. */
  problems: ModifierGroupProblem[];
}

/**
 * The modifier rule of one cart line, as `priceOrder` applies it and the item form shows it:
 * each group of `item` needs between `minSelect` (GROUP_MIN) and `maxSelect` (GROUP_MAX) of
 * its options chosen; unitPrice = price + Σ chosen option deltas (minor units).
 *
 * Ids in `optionIds` that belong to none of the item's groups are ignored here (`priceOrder`
 * rejects them before it gets here, with OPTION_NOT_FOUND), as are repeats. Never throws.
 */
export function resolveModifierChoices(
  item: Pick<PricingMenuItem, "price" | "modifierGroups">,
  optionIds: readonly string[],
): ModifierChoices {
  const chosen = new Set(optionIds);
  const modifiers: PricedModifier[] = [];
  const problems: ModifierGroupProblem[] = [];
  for (const group of item.modifierGroups) {
    const picked = group.options.filter((o) => chosen.has(o.id));
    const rule =
      picked.length < group.minSelect
        ? ({ code: "GROUP_MIN", phrase: `at least ${plural(group.minSelect, "option")} for ${group.name}` } as const)
        : picked.length > group.maxSelect
          ? ({ code: "GROUP_MAX", phrase: `at most ${plural(group.maxSelect, "option")} for ${group.name}` } as const)
          : null;
    if (rule)
      problems.push({
        code: rule.code,
        groupId: group.id,
        message: `Choose ${rule.phrase}`,
        limit: `choose ${rule.phrase}`,
      });
    for (const option of picked) {
      modifiers.push({
        groupId: group.id,
        groupName: group.name,
        optionId: option.id,
        name: option.name,
        priceDelta: option.priceDelta,
      });
    }
  }
  return { modifiers, unitPrice: item.price + modifiers.reduce((sum, m) => sum + m.priceDelta, 0), problems };
}

function priceLine(line: CartLine, menu: ReadonlyMap<string, PricingMenuItem>): PricedLine {
  const item = menu.get(line.menuItemId);
  if (!item) {
    throw new PricingError("ITEM_NOT_FOUND", line.menuItemId, "An item in your cart is no longer on the menu");
  }
  if (!item.available) {
    throw new PricingError("ITEM_UNAVAILABLE", item.id, `${item.name} is no longer available`);
  }
  if (!Number.isInteger(line.quantity) || line.quantity < MIN_LINE_QUANTITY || line.quantity > MAX_LINE_QUANTITY) {
    throw new PricingError(
      "INVALID_QUANTITY",
      item.id,
      `${item.name}: quantity must be between ${MIN_LINE_QUANTITY} and ${MAX_LINE_QUANTITY}`,
    );
  }

  // Resolve each chosen option to its group, rejecting duplicates, strangers and sold-out options.
  const chosen = new Set<string>();
  for (const optionId of line.optionIds ?? []) {
    let group: PricingModifierGroup | undefined;
    let option: PricingModifierOption | undefined;
    for (const g of item.modifierGroups) {
      option = g.options.find((o) => o.id === optionId);
      if (option) {
        group = g;
        break;
      }
    }
    if (!group || !option) {
      const name = findOptionNameOnMenu(menu, optionId) ?? "One of your choices";
      throw new PricingError("OPTION_NOT_FOUND", item.id, `${name} isn't an option for ${item.name}`, { optionId });
    }
    if (chosen.has(optionId)) {
      throw new PricingError("DUPLICATE_OPTION", item.id, `${item.name}: ${option.name} was chosen more than once`, {
        groupId: group.id,
        optionId,
      });
    }
    if (option.available === false) {
      throw new PricingError("OPTION_UNAVAILABLE", item.id, `${item.name}: ${option.name} is no longer available`, {
        groupId: group.id,
        optionId,
      });
    }
    chosen.add(optionId);
  }

  const { modifiers, unitPrice, problems } = resolveModifierChoices(item, [...chosen]);
  const [problem] = problems;
  if (problem) {
    throw new PricingError(problem.code, item.id, `${item.name}: ${problem.limit}`, { groupId: problem.groupId });
  }
  if (!Number.isSafeInteger(unitPrice) || unitPrice < 0) {
    throw new RangeError(`${item.name}: menu prices must be non-negative integers in minor units`);
  }
  const notes = line.notes?.trim() ?? "";
  return {
    menuItemId: item.id,
    name: item.name,
    unitPrice,
    quantity: line.quantity,
    modifiers,
    notes: notes === "" ? null : notes,
    lineTotal: unitPrice * line.quantity,
    station: item.station,
    allergens: [...(item.allergens ?? [])],
  };
}

/**
 * Prices a cart against the restaurant's menu.
 *
 * Rules:
 * - each line's item must exist (ITEM_NOT_FOUND) and be available (ITEM_UNAVAILABLE);
 * - quantity must be an integer 1–50 (INVALID_QUANTITY);
 * - every chosen option must belong to one of that item's groups (OPTION_NOT_FOUND), be chosen
 *   once (DUPLICATE_OPTION) and not be sold out (OPTION_UNAVAILABLE); each group needs between
 *   `minSelect` (GROUP_MIN) and `maxSelect` (GROUP_MAX) choices;
 * - unitPrice = price + Σ chosen option deltas; lineTotal = unitPrice × quantity;
 * - each line snapshots the item's listed allergens (for the kitchen's allergen banner);
 * - subtotal = Σ lineTotal;
 * - serviceCharge = percentOfBps(subtotal, serviceChargeBps);
 * - tax = percentOfBps(subtotal + serviceCharge, taxBps) — GST is levied on the service charge
 *   too (CBIC, GST on restaurant service charge);
 * - tip is added untaxed; total = subtotal + serviceCharge + tax + tip.
 * Lines are checked in order; the first problem is thrown. An empty cart prices to zero (the
 * `placeOrderInput` schema rejects it before it gets here).
 *
 * @throws PricingError for any problem with the cart (see `code`).
 * @throws RangeError when `tip`, `taxBps` or `serviceChargeBps` is not a non-negative integer,
 *   or the menu has a negative or non-integer price.
 */
export function priceOrder(input: PriceOrderInput): PricedOrder {
  const tip = input.tip ?? 0;
  if (!Number.isSafeInteger(tip) || tip < 0) {
    throw new RangeError(`tip must be a non-negative integer in minor units, got ${String(tip)}`);
  }
  const lines = input.lines.map((line) => priceLine(line, input.menu));
  const subtotal = lines.reduce((sum, l) => sum + l.lineTotal, 0);
  const serviceCharge = percentOfBps(subtotal, input.serviceChargeBps);
  const tax = percentOfBps(subtotal + serviceCharge, input.taxBps);
  return { lines, subtotal, serviceCharge, tax, tip, total: subtotal + serviceCharge + tax + tip };
}
