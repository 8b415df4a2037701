import { randomUUID } from "node:crypto";
import type { FloorView } from "@tabletap/core";
import { Customer, Table, TableSession } from "@tabletap/db";
import { channels } from "@tabletap/realtime";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import {
  nextEvent,
  randomPhone,
  seedRestaurant,
  signedInGuest,
  signedInStaff,
  subscribed,
  type TestClient,
} from "../testing";

type Seeded = Awaited<ReturnType<typeof seedRestaurant>>;

function order(guest: TestClient, seeded: Seeded, label: string, name = "Rasmalai") {
  return guest.call((api) =>
    api.order.place({
      tableCode: codeOf(seeded, label),
      idempotencyKey: randomUUID(),
      items: [{ menuItemId: seeded.items.get(name)!._id.toString(), quantity: 1 }],
    }),
  );
}

function codeOf(seeded: Seeded, label: string): string {
  const table = seeded.tables.find((candidate) => candidate.label === label);
  if (!table) throw new Error(`No table ${label}`);
  return table.code;
}

async function tableOf(seeded: Seeded, label: string) {
  const table = await Table.findOne({ restaurantId: seeded.restaurantId, label }).lean();
  if (!table) throw new Error(`No table ${label}`);
  return table;
}

/** A stored session as plain JSON, to compare before and after a refused call. */
async function storedSession(id: string) {
  return JSON.parse(JSON.stringify(await TableSession.findById(id).lean())) as unknown;
}

/** An open session at `label` with nothing on its tab: a guest asked for water. */
async function emptySession(seeded: Seeded, label: string): Promise<{ sessionId: string; guest: TestClient }> {
  const guest = await signedInGuest();
  await guest.call((api) => api.service.request({ tableCode: codeOf(seeded, label), kind: "water" }));
  return { sessionId: (await tableOf(seeded, label)).openSessionId!.toString(), guest };
}

describe("floor.tables", () => {
  it("shows each table's state, its session's figures and requests, to any staff member of the restaurant", async () => {
    const seeded = await seedRestaurant();
    const staff = await signedInStaff(seeded, "staff");
    const phone = randomPhone();
    const guest = await signedInGuest(phone);
    await Customer.updateOne({ phone }, { $set: { name: "Asha" } });

    const ordering = await order(guest, seeded, "T1");
    const eating = await order(guest, seeded, "T2");
    for (const to of ["accepted", "preparing", "ready", "served"] as const)
      await staff.call((api) => api.kitchen.advance({ orderId: eating.id, to }));
    await order(guest, seeded, "T3");
    await guest.call((api) => api.service.request({ tableCode: codeOf(seeded, "T3"), kind: "bill" }));

    const floor = await staff.call((api) => api.floor.tables());
    expect(floor.currency).toBe("INR");
    expect(floor.tables.map((table) => table.label)).toEqual([
      "T1",
      "T2",
      "T3",
      "T4",
      "T5",
      "T6",
      "T7",
      "T8",
      "T9",
      "T10",
    ]);
    const byLabel = new Map(floor.tables.map((table) => [table.label, table]));
    expect([...byLabel.values()].map((table) => table.state)).toEqual([
      "ordering",
      "eating",
      "waiting_for_bill",
      ...Array<string>(7).fill("free"),
    ]);
    expect(byLabel.get("T1")?.session).toMatchObject({
      id: ordering.tableSessionId,
      guests: 1,
      orders: 1,
      totals: { total: { subtotal: ordering.subtotal, tax: ordering.tax }, due: { subtotal: ordering.subtotal } },
      pendingCounter: [],
      requests: [],
    });
    expect(byLabel.get("T3")?.session?.requests).toMatchObject([{ kind: "bill", status: "open", mine: false }]);
    expect(byLabel.get("T4")).toMatchObject({ session: null, lastClosedAt: null });

    // Another restaurant's staff see their own floor, none of these sessions.
    const other = await seedRestaurant();
    const foreign = await signedInStaff(other, "staff");
    const theirs = await foreign.call((api) => api.floor.tables());
    expect(theirs.tables.every((table) => table.session === null)).toBe(true);
  });

  it("streams the floor at once and again when a guest calls for service", async () => {
    const seeded = await seedRestaurant();
    const staff = await signedInStaff(seeded, "staff");
    const controller = new AbortController();
    const stream = await staff.call((api) => api.floor.onUpdate({}), { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    try {
      const first = await nextEvent<FloorView>(iterator);
      expect(first.data.tables.every((table) => table.state === "free")).toBe(true);
      const next = nextEvent<FloorView>(iterator);
      await subscribed(channels.floor(seeded.restaurantId));
      const guest = await signedInGuest();
      await guest.call((api) => api.service.request({ tableCode: codeOf(seeded, "T5"), kind: "waiter" }));
      const view = (await next).data;
      expect(view.tables.find((table) => table.label === "T5")?.session?.requests).toMatchObject([
        { kind: "waiter", status: "open" },
      ]);
    } finally {
      controller.abort();
    }
  });
});

describe("floor.tab", () => {
  it("shows a session's tab to staff with who ordered and nothing marked as theirs, and hides another restaurant's", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const placed = await order(guest, seeded, "T1");
    const staff = await signedInStaff(seeded, "staff");
    const tab = await staff.call((api) => api.floor.tab({ tableSessionId: placed.tableSessionId }));
    expect(tab.table.label).toBe("T1");
    expect(tab.session?.rounds.map((round) => round.guest)).toEqual([{ label: "Guest 1", mine: false }]);

    const foreign = await signedInStaff(await seedRestaurant(), "manager");
    for (const tableSessionId of [placed.tableSessionId, new Types.ObjectId().toString()])
      await expect(foreign.call((api) => api.floor.tab({ tableSessionId }))).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
  });
});

describe("floor.acknowledge and floor.resolve", () => {
  it("puts a request on its way and then done, in one tap each; the guest's tab shows it", async () => {
    const seeded = await seedRestaurant();
    const { sessionId, guest } = await emptySession(seeded, "T2");
    const requestId = (await TableSession.findById(sessionId).lean())!.requests[0]!._id.toString();
    const staff = await signedInStaff(seeded, "staff");

    const acknowledged = await staff.call((api) => api.floor.acknowledge({ tableSessionId: sessionId, requestId }));
    expect(acknowledged.session?.requests).toMatchObject([{ id: requestId, status: "acknowledged" }]);
    const guestTab = await guest.call((api) => api.tab.get({ tableCode: codeOf(seeded, "T2") }));
    expect(guestTab.session?.requests).toMatchObject([{ id: requestId, status: "acknowledged", mine: true }]);

    // A second tap changes nothing.
    const version = (await TableSession.findById(sessionId).lean())!.version;
    await staff.call((api) => api.floor.acknowledge({ tableSessionId: sessionId, requestId }));
    expect((await TableSession.findById(sessionId).lean())!.version).toBe(version);

    const resolved = await staff.call((api) => api.floor.resolve({ tableSessionId: sessionId, requestId }));
    expect(resolved.session?.requests).toMatchObject([{ id: requestId, status: "resolved" }]);
    const stored = (await TableSession.findById(sessionId).lean())!.requests[0]!;
    expect(stored.acknowledgedAt).toBeInstanceOf(Date);
    expect(stored.resolvedAt).toBeInstanceOf(Date);

    // A resolved request is not acknowledged again; a new "water" tap makes a new request.
    await staff.call((api) => api.floor.acknowledge({ tableSessionId: sessionId, requestId }));
    expect((await TableSession.findById(sessionId).lean())!.requests[0]!.status).toBe("resolved");
    const again = await guest.call((api) => api.service.request({ tableCode: codeOf(seeded, "T2"), kind: "water" }));
    expect(again.id).not.toBe(requestId);
  });

  it("refuses an unknown request, another restaurant's session and a closed one, changing nothing", async () => {
    const seeded = await seedRestaurant();
    const { sessionId } = await emptySession(seeded, "T2");
    const requestId = (await TableSession.findById(sessionId).lean())!.requests[0]!._id.toString();
    const staff = await signedInStaff(seeded, "staff");
    const foreign = await signedInStaff(await seedRestaurant(), "staff");
    const before = await storedSession(sessionId);

    await expect(
      staff.call((api) =>
        api.floor.acknowledge({ tableSessionId: sessionId, requestId: new Types.ObjectId().toString() }),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      foreign.call((api) => api.floor.resolve({ tableSessionId: sessionId, requestId })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await storedSession(sessionId)).toEqual(before);

    await staff.call((api) => api.floor.closeSession({ tableSessionId: sessionId }));
    const closed = await storedSession(sessionId);
    await expect(
      staff.call((api) => api.floor.acknowledge({ tableSessionId: sessionId, requestId })),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "This table's session has closed." });
    expect(await storedSession(sessionId)).toEqual(closed);
  });
});

describe("floor.closeSession", () => {
  it("closes an empty session and frees the table for the next guests", async () => {
    const seeded = await seedRestaurant();
    const { sessionId, guest } = await emptySession(seeded, "T4");
    const staff = await signedInStaff(seeded, "staff");
    const tab = await staff.call((api) => api.floor.closeSession({ tableSessionId: sessionId }));
    expect(tab.session?.status).toBe("closed");
    const stored = await TableSession.findById(sessionId).lean();
    expect(stored).toMatchObject({ status: "closed", closeReason: "empty" });
    expect(stored?.closedBy?.toString()).toBeTruthy();
    expect((await tableOf(seeded, "T4")).openSessionId).toBeNull();
    expect((await guest.call((api) => api.tab.get({ tableCode: codeOf(seeded, "T4") }))).session).toBeNull();

    // The next order opens a new session.
    const next = await order(guest, seeded, "T4");
    expect(next.tableSessionId).not.toBe(sessionId);
    const floor = await staff.call((api) => api.floor.tables());
    expect(floor.tables.find((table) => table.label === "T4")?.lastClosedAt).toBe(stored?.closedAt?.toISOString());
  });

  it("refuses a session with an order on its tab, a closed one and another restaurant's, changing nothing", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const placed = await order(guest, seeded, "T1");
    const staff = await signedInStaff(seeded, "staff");
    const before = await storedSession(placed.tableSessionId);
    await expect(
      staff.call((api) => api.floor.closeSession({ tableSessionId: placed.tableSessionId })),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/orders or payments/) });
    expect(await storedSession(placed.tableSessionId)).toEqual(before);
    expect((await tableOf(seeded, "T1")).openSessionId?.toString()).toBe(placed.tableSessionId);

    const { sessionId } = await emptySession(seeded, "T2");
    const foreign = await signedInStaff(await seedRestaurant(), "manager");
    await expect(foreign.call((api) => api.floor.closeSession({ tableSessionId: sessionId }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await TableSession.findById(sessionId).lean())?.status).toBe("open");

    await staff.call((api) => api.floor.closeSession({ tableSessionId: sessionId }));
    await expect(staff.call((api) => api.floor.closeSession({ tableSessionId: sessionId }))).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("floor.moveSession", () => {
  it("moves a session to a free table: the guests' tab follows, the old table is free", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const placed = await order(guest, seeded, "T1");
    const staff = await signedInStaff(seeded, "staff");
    const target = await tableOf(seeded, "T6");
    // Warm the cached code lookups of both tables: the move must drop them.
    await guest.call((api) => api.tab.get({ tableCode: codeOf(seeded, "T6") }));

    const tab = await staff.call((api) =>
      api.floor.moveSession({ tableSessionId: placed.tableSessionId, toTableId: target._id.toString() }),
    );
    expect(tab.table.label).toBe("T6");
    expect((await TableSession.findById(placed.tableSessionId).lean())?.tableId.toString()).toBe(target._id.toString());
    expect((await tableOf(seeded, "T1")).openSessionId).toBeNull();
    expect((await tableOf(seeded, "T6")).openSessionId?.toString()).toBe(placed.tableSessionId);

    const moved = await guest.call((api) => api.tab.get({ tableCode: codeOf(seeded, "T6") }));
    expect(moved.session?.id).toBe(placed.tableSessionId);
    // The kitchen takes the food to the table the guests are at now.
    const board = await staff.call((api) => api.kitchen.tickets());
    expect(board.tickets.find((ticket) => ticket.id === placed.id)?.tableLabel).toBe("T6");
    const more = await order(guest, seeded, "T6");
    expect(more.tableSessionId).toBe(placed.tableSessionId);
    const fresh = await order(guest, seeded, "T1");
    expect(fresh.tableSessionId).not.toBe(placed.tableSessionId);
  });

  it("refuses an occupied, inactive, own or foreign table and another restaurant's session, changing nothing", async () => {
    const seeded = await seedRestaurant();
    const guest = await signedInGuest();
    const placed = await order(guest, seeded, "T1");
    const busy = await order(guest, seeded, "T2");
    const staff = await signedInStaff(seeded, "staff");
    const inactive = await tableOf(seeded, "T7");
    await Table.updateOne({ _id: inactive._id }, { $set: { active: false } });
    const other = await seedRestaurant();
    const foreignTable = await tableOf(other, "T1");
    const tableIds = async () =>
      (await Table.find({ restaurantId: seeded.restaurantId }).lean()).map((t) => [t.label, t.openSessionId]);
    const before = [await storedSession(placed.tableSessionId), await tableIds()];
    const move = (client: TestClient, toTableId: string) =>
      client.call((api) => api.floor.moveSession({ tableSessionId: placed.tableSessionId, toTableId }));

    await expect(move(staff, (await tableOf(seeded, "T2"))._id.toString())).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Table T2 already has guests. Choose a free table.",
    });
    await expect(move(staff, inactive._id.toString())).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Table T7 is inactive. Choose another table.",
    });
    await expect(move(staff, (await tableOf(seeded, "T1"))._id.toString())).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(move(staff, foreignTable._id.toString())).rejects.toMatchObject({ code: "NOT_FOUND" });
    const foreign = await signedInStaff(other, "staff");
    await expect(move(foreign, foreignTable._id.toString())).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect([await storedSession(placed.tableSessionId), await tableIds()]).toEqual(before);
    expect(busy.tableSessionId).not.toBe(placed.tableSessionId);
  });
});
