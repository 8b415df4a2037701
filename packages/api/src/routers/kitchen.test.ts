import { randomUUID } from "node:crypto";
import { KITCHEN_BOARD_POLICY, type OrderStatus } from "@tabletap/core";
import { Order } from "@tabletap/db";
import { Types } from "mongoose";
import { describe, expect, it, vi } from "vitest";
import { channels, streamKey } from "@tabletap/realtime";
import { nextEvent, seedRestaurant, signedInGuest, signedInStaff, subscribed, TestClient } from "../testing";

async function placeOrder(seeded: Awaited<ReturnType<typeof seedRestaurant>>, guest: TestClient, table = 0) {
  const rasmalai = seeded.items.get("Rasmalai")!;
  return guest.call((api) =>
    api.order.place({
      tableCode: seeded.tables[table]!.code,
      idempotencyKey: randomUUID(),
      items: [{ menuItemId: rasmalai._id.toString(), quantity: 2, notes: "no nuts" }],
    }),
  );
}

/**
 * `count` active tickets of `status` stored straight in the database (as a flood would leave
 * them, without going through the rate limits), placed one second apart from `since`.
 */
async function storedTickets(
  seeded: Awaited<ReturnType<typeof seedRestaurant>>,
  opts: { count: number; status: OrderStatus; since: number; firstNumber: number },
) {
  const dosa = seeded.items.get("Masala Dosa")!;
  const tableId = new Types.ObjectId();
  const docs = Array.from({ length: opts.count }, (_, i) => {
    const at = new Date(opts.since + i * 1000);
    return {
      restaurantId: seeded.restaurantId,
      tableId,
      tableLabel: "T1",
      tableSessionId: new Types.ObjectId(),
      customerId: new Types.ObjectId(),
      idempotencyKey: randomUUID(),
      businessDate: "2026-11-21",
      number: opts.firstNumber + i,
      lines: [
        {
          menuItemId: dosa._id,
          name: dosa.name,
          unitPrice: dosa.price,
          quantity: 1,
          modifiers: [],
          notes: null,
          lineTotal: dosa.price,
          station: dosa.station,
        },
      ],
      currency: "INR",
      subtotal: dosa.price,
      serviceCharge: 0,
      tax: 0,
      tip: 0,
      total: dosa.price,
      status: opts.status,
      statusHistory: [{ status: opts.status, at, by: "test", reason: null }],
      createdAt: at,
      updatedAt: at,
    };
  });
  const stored = await Order.insertMany(docs);
  return stored.map((order) => ({ id: order._id.toString(), placedAt: order.createdAt.toISOString() }));
}

describe("kitchen", () => {
  it("shows staff their restaurant's active tickets and moves them along the state machine", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const staff = await signedInStaff(seeded);
    const order = await placeOrder(seeded, guest, 4);

    const { tickets, hidden } = await staff.call((api) => api.kitchen.tickets());
    expect(hidden).toEqual({ count: 0, oldestAt: null });
    expect(tickets).toEqual([
      expect.objectContaining({
        id: order.id,
        tableLabel: "T5",
        status: "placed",
        lines: [expect.objectContaining({ name: "Rasmalai", quantity: 2, notes: "no nuts" })],
      }),
    ]);

    for (const to of ["accepted", "preparing", "ready"] as const) {
      await expect(staff.call((api) => api.kitchen.advance({ orderId: order.id, to }))).resolves.toMatchObject({
        status: to,
      });
    }
    await expect(
      staff.call((api) => api.kitchen.advance({ orderId: order.id, to: "preparing" })),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/can't be moved back/) });
    await staff.call((api) => api.kitchen.advance({ orderId: order.id, to: "served" }));
    expect(await staff.call((api) => api.kitchen.tickets())).toEqual({
      tickets: [],
      hidden: { count: 0, oldestAt: null },
      timeZone: "Asia/Kolkata",
    });
    const stored = await Order.findById(order.id).lean();
    expect(stored?.statusHistory.map((h) => h.status)).toEqual(["placed", "accepted", "preparing", "ready", "served"]);
    await expect(
      staff.call((api) => api.kitchen.advance({ orderId: order.id, to: "cancelled" })),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "This order is already served" });
    await expect(
      staff.call((api) => api.kitchen.advance({ orderId: order.id, to: "eaten" as never })),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("past KITCHEN_BOARD_POLICY.maxTickets, lists the tickets being worked on and the newest, and counts the older ones", async () => {
    const seeded = await seedRestaurant();
    const staff = await signedInStaff(seeded);
    const max = KITCHEN_BOARD_POLICY.maxTickets;
    const since = Date.now() - 3_600_000;
    // Two dishes were on the stove when a flood of orders arrived an hour ago.
    const cooking = await storedTickets(seeded, { count: 2, status: "preparing", since, firstNumber: 1 });
    const flood = await storedTickets(seeded, {
      count: max + 5,
      status: "accepted",
      since: since + 2000,
      firstNumber: 3,
    });

    const first = await staff.call((api) => api.kitchen.tickets());
    expect(first.tickets).toHaveLength(max);
    const shown = new Set(first.tickets.map((t) => t.id));
    for (const ticket of cooking) expect(shown).toContain(ticket.id);
    // The 7 oldest waiting tickets are the ones left out, and the board says so.
    expect(flood.slice(0, 7).filter((ticket) => shown.has(ticket.id))).toEqual([]);
    expect(first.hidden).toEqual({ count: 7, oldestAt: flood[0]!.placedAt });
    // Oldest first, as the kitchen works them.
    const placed = first.tickets.map((t) => Date.parse(t.placedAt));
    expect(placed).toEqual([...placed].sort((a, b) => a - b));

    // A real order now: it is on the board, and one more old ticket is counted as not shown.
    const order = await placeOrder(seeded, await signedInGuest(), 3);
    const next = await staff.call((api) => api.kitchen.tickets());
    expect(next.tickets).toHaveLength(max);
    expect(next.tickets.map((t) => t.id)).toEqual(expect.arrayContaining([order.id, ...cooking.map((t) => t.id)]));
    expect(next.hidden).toEqual({ count: 8, oldestAt: flood[0]!.placedAt });

    // Finishing tickets brings hidden ones back, oldest hidden last.
    await staff.call((api) => api.kitchen.advance({ orderId: cooking[0]!.id, to: "cancelled" }));
    expect((await staff.call((api) => api.kitchen.tickets())).hidden).toEqual({
      count: 7,
      oldestAt: flood[0]!.placedAt,
    });
  });

  it("keeps every role inside its own tenant", async () => {
    const mine = await seedRestaurant();
    const theirs = await seedRestaurant();
    const guest = await signedInGuest();
    const theirOrder = await placeOrder(theirs, guest);
    for (const role of ["staff", "manager"] as const) {
      const staff = await signedInStaff(mine, role);
      expect((await staff.call((api) => api.kitchen.tickets())).tickets.map((t) => t.id)).not.toContain(theirOrder.id);
      await expect(
        staff.call((api) => api.kitchen.advance({ orderId: theirOrder.id, to: "accepted" })),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await Order.findById(theirOrder.id).lean())?.status).toBe("placed");
  });

  it("refuses kitchen procedures to guests and to anonymous callers", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const order = await placeOrder(seeded, guest);
    await expect(guest.call((api) => api.kitchen.tickets())).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(guest.call((api) => api.kitchen.advance({ orderId: order.id, to: "accepted" }))).rejects.toMatchObject(
      { code: "UNAUTHORIZED" },
    );
    // A guest's token presented as a staff cookie is still not staff.
    const forged = new TestClient("staff");
    forged.cookies.set("tt_staff_at", guest.cookies.get("tt_guest_at")!);
    await expect(forged.call((api) => api.kitchen.tickets())).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(new TestClient("staff").call((api) => api.kitchen.tickets())).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect((await Order.findById(order.id).lean())?.status).toBe("placed");
  });

  it("streams new tickets and changes live to the restaurant's kitchen only", async () => {
    const mine = await seedRestaurant();
    const theirs = await seedRestaurant();
    const staff = await signedInStaff(mine);
    const guest = await signedInGuest();
    const controller = new AbortController();
    const stream = (await staff.call((api) => api.kitchen.onTicket({}), { signal: controller.signal }))[
      Symbol.asyncIterator
    ]();
    const next = nextEvent(stream);
    await subscribed(channels.kitchen(mine.restaurantId));
    await placeOrder(theirs, guest);
    const order = await placeOrder(mine, guest, 2);
    expect(await next).toMatchObject({ data: { id: order.id, status: "placed", tableLabel: "T3" } });
    await staff.call((api) => api.kitchen.advance({ orderId: order.id, to: "accepted" }));
    expect(await nextEvent(stream)).toMatchObject({ data: { id: order.id, status: "accepted" } });
    controller.abort();
  });

  it("still shows a change live when its broadcast failed once (Redis hiccup)", async () => {
    const seeded = await seedRestaurant();
    const staff = await signedInStaff(seeded);
    const guest = await signedInGuest();
    const order = await placeOrder(seeded, guest);
    const controller = new AbortController();
    const stream = (await staff.call((api) => api.kitchen.onTicket({}), { signal: controller.signal }))[
      Symbol.asyncIterator
    ]();
    const next = nextEvent(stream);
    await subscribed(channels.kitchen(seeded.restaurantId));

    // The next publish to this kitchen's stream fails once, as when Redis drops the connection.
    const { redis } = staff.services;
    const publish = redis.eval.bind(redis);
    const kitchenStream = streamKey(channels.kitchen(seeded.restaurantId));
    let failed = false;
    const spy = vi.spyOn(redis, "eval").mockImplementation((...args: Parameters<typeof redis.eval>) => {
      if (!failed && args[2] === kitchenStream) {
        failed = true;
        return Promise.reject(new Error("Connection is closed."));
      }
      return publish(...args);
    });
    try {
      await staff.call((api) => api.kitchen.advance({ orderId: order.id, to: "accepted" }));
    } finally {
      spy.mockRestore();
    }
    expect(failed).toBe(true);
    expect(await next).toMatchObject({ data: { id: order.id, status: "accepted" } });
    controller.abort();
  });
});
