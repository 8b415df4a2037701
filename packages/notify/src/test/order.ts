import type { OrderView } from "@tabletap/core";

/** A realistic order for template and sender tests. */
export function sampleOrder(overrides: Partial<OrderView> = {}): OrderView {
  return {
    id: "ord_1",
    number: "042",
    restaurantId: "rest_1",
    tableId: "tbl_1",
    tableLabel: "T12",
    tableSessionId: "ses_1",
    status: "accepted",
    statusHistory: [
      { status: "placed", at: "2025-11-21T13:40:00.000Z", reason: null },
      { status: "accepted", at: "2025-11-21T13:41:00.000Z", reason: null },
    ],
    rejectionReason: null,
    note: null,
    allergies: [],
    lines: [
      {
        menuItemId: "item_1",
        name: "Paneer Tikka",
        unitPrice: 32_000,
        quantity: 2,
        modifiers: [
          { groupName: "Size", name: "Large", priceDelta: 5_000 },
          { groupName: "Add-ons", name: "Extra mint chutney", priceDelta: 0 },
        ],
        notes: "No onions please",
        lineTotal: 64_000,
        station: "grill",
        allergens: ["milk"],
        doneAt: null,
      },
      {
        menuItemId: "item_2",
        name: "Masala Chai",
        unitPrice: 6_000,
        quantity: 1,
        modifiers: [],
        notes: null,
        lineTotal: 6_000,
        station: "bar",
        allergens: ["milk"],
        doneAt: null,
      },
    ],
    subtotal: 70_000,
    serviceCharge: 3_500,
    tax: 3_500,
    tip: 0,
    total: 77_000,
    currency: "INR",
    payment: { method: "counter", status: "unpaid" },
    placedAt: "2025-11-21T13:40:00.000Z",
    updatedAt: "2025-11-21T13:41:00.000Z",
    ...overrides,
  };
}
