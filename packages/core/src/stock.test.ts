import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canTake,
  kitchenAvailabilityInput,
  setStockInput,
  soldOutMessage,
  STOCK_POLICY,
  stockState,
  take,
} from "./stock";

const ID = "65f1c0ffee0000000000abcd";

describe("stockState", () => {
  it("names uncounted, out, low (at or under lowStockAt) and ok counts", () => {
    expect(stockState(null)).toBe("untracked");
    expect(stockState(0)).toBe("out");
    expect(stockState(1)).toBe("low");
    expect(stockState(STOCK_POLICY.lowStockAt)).toBe("low");
    expect(stockState(STOCK_POLICY.lowStockAt + 1)).toBe("ok");
  });
});

describe("take", () => {
  it("takes from a counted item only what is left, and never limits an uncounted one", () => {
    expect(take(3, 3)).toEqual({ stock: 0 });
    expect(take(3, 4)).toBeNull();
    expect(take(null, 50)).toEqual({ stock: null });
    expect(canTake(0, 1)).toBe(false);
  });

  it("never leaves a count negative and never sells more than there was, in any order of orders", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: STOCK_POLICY.maxCount }),
        fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 200 }),
        (initial, quantities) => {
          let stock: number | null = initial;
          let sold = 0;
          for (const quantity of quantities) {
            const after = take(stock, quantity);
            if (!after) continue;
            expect(after.stock).not.toBeNull();
            expect(after.stock!).toBeGreaterThanOrEqual(0);
            sold += quantity;
            stock = after.stock;
          }
          expect(sold).toBeLessThanOrEqual(initial);
          expect(sold + stock!).toBe(initial);
        },
      ),
    );
  });

  it("refuses an order exactly when it asks for more than is left", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 50 }), (stock, quantity) => {
        expect(take(stock, quantity) === null).toBe(quantity > stock);
      }),
    );
  });
});

describe("inputs", () => {
  it("accepts a count from 0 to the maximum, or null, and says what is wrong otherwise", () => {
    expect(setStockInput.parse({ menuItemId: ID, count: 0 }).count).toBe(0);
    expect(setStockInput.parse({ menuItemId: ID, count: null }).count).toBeNull();
    for (const count of [-1, 2.5, STOCK_POLICY.maxCount + 1, "7"]) {
      const result = setStockInput.safeParse({ menuItemId: ID, count });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(`Stock must be a whole number from 0 to ${STOCK_POLICY.maxCount}`);
    }
  });

  it("86's an item or one option by id", () => {
    expect(kitchenAvailabilityInput.parse({ menuItemId: ID, optionId: ID, available: false })).toEqual({
      menuItemId: ID,
      optionId: ID,
      available: false,
    });
    expect(kitchenAvailabilityInput.safeParse({ menuItemId: "x", available: false }).error?.issues[0]?.message).toBe(
      "Not a valid id",
    );
  });

  it("names the item in the sold-out refusal", () => {
    expect(soldOutMessage("Paneer Tikka")).toBe("Paneer Tikka just sold out");
  });
});
