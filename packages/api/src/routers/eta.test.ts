import { randomUUID } from "node:crypto";
import { ETA_POLICY } from "@tabletap/core";
import { Order, transitionOrder, type OrderDoc } from "@tabletap/db";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { seedRestaurant, signedInGuest, signedInStaff, TestClient } from "../testing";

type Seeded = Awaited<ReturnType<typeof seedRestaurant>>;
const MIN = 60_000;

/** Places an order of one Garlic Naan at the restaurant's first table as `guest`. */
async function placeNaan(seeded: Seeded, guest: TestClient) {
  return guest.call((api) =>
    api.order.place({
      tableCode: seeded.tables[0]!.code,
      idempotencyKey: randomUUID(),
      items: [{ menuItemId: seeded.items.get("Garlic Naan")!._id.toString(), quantity: 1 }],
    }),
  );
}

/**
 * Gives the restaurant a history: `count` served copies of `template` (same lines), an hour
 * apart over the past days, each started 2 min after it was placed and ready `prepMinutes` later.
 */
async function servedHistory(template: OrderDoc, count: number, prepMinutes: number): Promise<void> {
  const start = Date.now() - 3 * 86_400_000;
  const { _id: _ignored, outbox: _outbox, ...fields } = template;
  await Order.insertMany(
    Array.from({ length: count }, (_, i) => {
      const placedAt = new Date(start + i * 60 * MIN);
      const at = (minutes: number) => new Date(placedAt.getTime() + minutes * MIN);
      return {
        ...fields,
        _id: new Types.ObjectId(),
        idempotencyKey: randomUUID(),
        businessDate: "2026-01-01",
        number: 1000 + i,
        status: "served",
        statusHistory: [
          { status: "placed", at: placedAt, by: "guest:test", reason: null },
          { status: "accepted", at: at(1), by: "system", reason: null },
          { status: "preparing", at: at(2), by: "staff:test", reason: null },
          { status: "ready", at: at(2 + prepMinutes), by: "staff:test", reason: null },
          { status: "served", at: at(4 + prepMinutes), by: "staff:test", reason: null },
        ],
        outbox: [],
        createdAt: placedAt,
        updatedAt: at(4 + prepMinutes),
      };
    }),
    { timestamps: false },
  );
}

const minutesFromNow = (iso: string) => (Date.parse(iso) - Date.now()) / MIN;

describe("menu.estimate", () => {
  it("a new restaurant with an idle kitchen: the documented defaults, no backlog, no warning", async () => {
    const seeded = await seedRestaurant();
    const estimate = await new TestClient("guest").call((api) =>
      api.menu.estimate({ tableCode: seeded.tables[0]!.code }),
    );
    const { defaultPickupMinutes: pickup, defaultPrepMinutes: prep } = ETA_POLICY;
    expect(estimate).toEqual({
      earliestMinutes: pickup.low + prep.low,
      latestMinutes: pickup.high + prep.high,
      backlogMinutes: 0,
      overloaded: false,
    });
  });

  it("grows with the tickets open on the line, and warns past the manager's threshold", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const tableCode = seeded.tables[0]!.code;
    const first = await placeNaan(seeded, guest);
    // Prep times from the restaurant's own history: 20 min, one ticket at a time.
    await servedHistory((await Order.findById(first.id).lean<OrderDoc>())!, 6, 20);
    await placeNaan(seeded, guest);
    const manager = await signedInStaff(seeded, "manager");

    const busy = await guest.call((api) => api.menu.estimate({ tableCode }));
    // Two curries waiting on a station that cooks one at a time: 40 min before a new one starts.
    expect(busy).toEqual({ earliestMinutes: 60, latestMinutes: 61, backlogMinutes: 40, overloaded: false });

    await manager.call((api) => api.admin.settings.save({ kitchenBacklogWarnMinutes: 30 }));
    expect(await guest.call((api) => api.menu.estimate({ tableCode }))).toMatchObject({ overloaded: true });
    await manager.call((api) => api.admin.settings.save({ kitchenBacklogWarnMinutes: 45 }));
    expect(await guest.call((api) => api.menu.estimate({ tableCode }))).toMatchObject({ overloaded: false });
  });

  it("answers NOT_FOUND for an unknown table code", async () => {
    await expect(
      new TestClient("guest").call((api) => api.menu.estimate({ tableCode: "ZZZZZZZZZZ" })),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/isn't valid/) });
  });
});

describe("order.eta", () => {
  it("puts an order behind the tickets ahead of it on its station, and drops the estimate once it is ready", async () => {
    const seeded = await seedRestaurant();
    const [asha, ravi] = await Promise.all([signedInGuest(), signedInGuest()]);
    const first = await placeNaan(seeded, asha);
    await servedHistory((await Order.findById(first.id).lean<OrderDoc>())!, 6, 20);
    const second = await placeNaan(seeded, ravi);

    const firstEta = await asha.call((api) => api.order.eta({ orderId: first.id }));
    const secondEta = await ravi.call((api) => api.order.eta({ orderId: second.id }));
    // The first: pickup 2 + prep 20. The second waits for it (one at a time), then 20 more.
    expect(minutesFromNow(firstEta!.earliestAt)).toBeCloseTo(22, 0);
    expect(minutesFromNow(secondEta!.earliestAt)).toBeCloseTo(40, 0);
    expect(Date.parse(secondEta!.latestAt)).toBeGreaterThan(Date.parse(secondEta!.earliestAt));

    // A cook starts the first: the second now waits for what is left of it.
    const staff = await signedInStaff(seeded);
    for (const to of ["accepted", "preparing"] as const)
      await staff.call((api) => api.kitchen.advance({ orderId: first.id, to }));
    expect(minutesFromNow((await ravi.call((api) => api.order.eta({ orderId: second.id })))!.earliestAt)).toBeCloseTo(
      40,
      0,
    );

    await staff.call((api) => api.kitchen.advance({ orderId: first.id, to: "ready" }));
    expect(await asha.call((api) => api.order.eta({ orderId: first.id }))).toBeNull();
    // With the first off the line, the second only needs its own pickup and prep.
    expect(minutesFromNow((await ravi.call((api) => api.order.eta({ orderId: second.id })))!.earliestAt)).toBeCloseTo(
      22,
      0,
    );

    await transitionOrder({ orderId: second.id, to: "cancelled", by: "staff:test", reason: "Ran out" });
    await ravi.services.orderChanges.deliver(second.id);
    expect(await ravi.call((api) => api.order.eta({ orderId: second.id }))).toBeNull();
  });

  it("refuses another guest's order, an id that is not one, and a signed-out caller", async () => {
    const seeded = await seedRestaurant();
    const owner = await signedInGuest();
    const order = await placeNaan(seeded, owner);
    const stranger = await signedInGuest();
    await expect(stranger.call((api) => api.order.eta({ orderId: order.id }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(owner.call((api) => api.order.eta({ orderId: "not-an-id" }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(new TestClient("guest").call((api) => api.order.eta({ orderId: order.id }))).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
