import { randomUUID } from "node:crypto";
import { RECALL_POLICY } from "@tabletap/core";
import { Order } from "@tabletap/db";
import { describe, expect, it } from "vitest";
import { seedRestaurant, signedInGuest, signedInStaff, type TestClient } from "../testing";

type Seeded = Awaited<ReturnType<typeof seedRestaurant>>;

/** An order at `seeded` of Butter Naan (line 0, tandoor), Dal Makhani (line 1, kitchen), Jeera Rice (line 2, kitchen). */
async function placeMixed(seeded: Seeded, guest: TestClient, dishes = ["Butter Naan", "Dal Makhani", "Jeera Rice"]) {
  return guest.call((api) =>
    api.order.place({
      tableCode: seeded.tables[0]!.code,
      idempotencyKey: randomUUID(),
      items: dishes.map((name) => ({ menuItemId: seeded.items.get(name)!._id.toString(), quantity: 1 })),
    }),
  );
}

/** The order as stored, for "nothing changed" checks. */
const stored = async (orderId: string) => JSON.stringify(await Order.findById(orderId).lean());

async function setup(dishes?: string[]) {
  const seeded = await seedRestaurant();
  const guest = await signedInGuest();
  const staff = await signedInStaff(seeded);
  const order = await placeMixed(seeded, guest, dishes);
  return { seeded, guest, staff, order };
}

async function accepted(dishes?: string[]) {
  const context = await setup(dishes);
  await context.staff.call((api) => api.kitchen.advance({ orderId: context.order.id, to: "accepted" }));
  return context;
}

const bump = (staff: TestClient, orderId: string, lineId: string, station: string) =>
  staff.call((api) => api.kitchen.bumpLine({ orderId, lineId, station }));

describe("kitchen.bumpLine", () => {
  it("lets each station bump its lines; the guest sees ready only once every station is done", async () => {
    const { guest, staff, order } = await accepted();
    const guestSees = async () => (await guest.call((api) => api.order.get({ orderId: order.id }))).status;

    // The first bump of an accepted order starts it.
    const first = await bump(staff, order.id, "1", "kitchen");
    expect(first.status).toBe("preparing");
    expect(first.lines.map((line) => line.doneAt !== null)).toEqual([false, true, false]);
    expect(Date.parse(first.lines[1]!.doneAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(await guestSees()).toBe("preparing");

    expect((await bump(staff, order.id, "0", "tandoor")).status).toBe("preparing");
    expect(await guestSees()).toBe("preparing");

    const last = await bump(staff, order.id, "2", "kitchen");
    expect(last.status).toBe("ready");
    expect(last.lines.every((line) => line.doneAt !== null)).toBe(true);
    expect(await guestSees()).toBe("ready");

    const doc = await Order.findById(order.id).lean();
    expect(doc?.statusHistory.map((h) => [h.status, h.by])).toEqual([
      ["placed", expect.any(String)],
      ["accepted", expect.stringMatching(/^staff:/)],
      ["preparing", expect.stringMatching(/^staff:/)],
      ["ready", expect.stringMatching(/^staff:/)],
    ]);
    // The display's board shows the done lines.
    const { tickets } = await staff.call((api) => api.kitchen.tickets());
    expect(tickets.find((t) => t.id === order.id)?.lines.every((line) => line.doneAt !== null)).toBe(true);
  });

  it("refuses, changing nothing: an unaccepted order, another station's line, a missing line, a done line, a ready order, bad input", async () => {
    const { staff, order } = await setup();
    const refused = async (lineId: string, station: string, code: string, message: string | RegExp) => {
      const before = await stored(order.id);
      await expect(bump(staff, order.id, lineId, station)).rejects.toMatchObject({
        code,
        message: typeof message === "string" ? message : expect.stringMatching(message),
      });
      expect(await stored(order.id)).toBe(before);
    };

    await refused("0", "tandoor", "CONFLICT", /^Order #\d{3} hasn't been accepted yet; accept it first\.$/);
    await staff.call((api) => api.kitchen.advance({ orderId: order.id, to: "accepted" }));
    await refused("0", "bar", "BAD_REQUEST", "Butter Naan is made at Tandoor, not at Bar.");
    await refused("7", "kitchen", "BAD_REQUEST", /^Order #\d{3} has no item 8\.$/);
    await refused("x", "kitchen", "BAD_REQUEST", "Not a line of this ticket");
    await refused("0", " ", "BAD_REQUEST", "Enter the kitchen station, e.g. kitchen or bar");

    await bump(staff, order.id, "0", "tandoor");
    await refused("0", "tandoor", "CONFLICT", /^Butter Naan on order #\d{3} is already done\.$/);

    await staff.call((api) => api.kitchen.advance({ orderId: order.id, to: "ready" }));
    await refused("1", "kitchen", "CONFLICT", /^Order #\d{3} is already ready; recall it to reopen its items\.$/);
  });

  it("answers NOT_FOUND to another restaurant's staff, changing nothing", async () => {
    const { order } = await accepted();
    const foreign = await signedInStaff(await seedRestaurant());
    const before = await stored(order.id);
    await expect(bump(foreign, order.id, "0", "tandoor")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      foreign.call((api) => api.kitchen.reopenLine({ orderId: order.id, lineId: "0", station: "tandoor" })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await stored(order.id)).toBe(before);
  });

  it("moves the order to ready exactly once when two stations bump their last lines at the same moment", async () => {
    const { seeded, staff } = await setup(["Butter Naan", "Dal Makhani"]);
    const guest = await signedInGuest();
    const orders = await Promise.all(
      Array.from({ length: 4 }, () => placeMixed(seeded, guest, ["Butter Naan", "Dal Makhani"])),
    );
    for (const order of orders) await staff.call((api) => api.kitchen.advance({ orderId: order.id, to: "accepted" }));

    // Both stations bump an accepted order at once: one start, one ready, whoever wins each race.
    const results = await Promise.all(
      orders.flatMap((order) => [bump(staff, order.id, "0", "tandoor"), bump(staff, order.id, "1", "kitchen")]),
    );
    expect(results.every((view) => view.status === "preparing" || view.status === "ready")).toBe(true);
    for (const order of orders) {
      const doc = await Order.findById(order.id).lean();
      expect(doc?.status).toBe("ready");
      expect(doc?.statusHistory.map((h) => h.status)).toEqual(["placed", "accepted", "preparing", "ready"]);
      expect(doc?.lines.every((line) => line.doneAt instanceof Date)).toBe(true);
    }
  });

  it("moves the order to ready once, and a refused bump changes nothing, when someone marks it ready at the same moment", async () => {
    const { seeded, staff } = await setup(["Dal Makhani"]);
    const guest = await signedInGuest();
    const orders = await Promise.all(Array.from({ length: 6 }, () => placeMixed(seeded, guest, ["Dal Makhani"])));
    for (const order of orders)
      for (const to of ["accepted", "preparing"] as const)
        await staff.call((api) => api.kitchen.advance({ orderId: order.id, to }));

    const races = orders.map((order) =>
      Promise.allSettled([
        bump(staff, order.id, "0", "kitchen"),
        staff.call((api) => api.kitchen.advance({ orderId: order.id, to: "ready" })),
      ]),
    );
    const outcomes = await Promise.all(races);
    for (const [index, order] of orders.entries()) {
      const doc = await Order.findById(order.id).lean();
      expect(doc?.statusHistory.filter((h) => h.status === "ready")).toHaveLength(1);
      const [bumped] = outcomes[index]!;
      // Either the bump went through, or it found the ticket ready already and left the line as it was.
      if (bumped.status === "fulfilled") expect(bumped.value.status).toBe("ready");
      else {
        expect(bumped.reason).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/is already ready/) });
        expect(doc?.lines[0]?.doneAt).toBeNull();
      }
    }
  });
});

describe("kitchen.reopenLine", () => {
  it("undoes a station's bump while the ticket is preparing, and refuses otherwise", async () => {
    const { staff, order } = await accepted();
    await bump(staff, order.id, "1", "kitchen");
    const reopened = await staff.call((api) =>
      api.kitchen.reopenLine({ orderId: order.id, lineId: "1", station: "kitchen" }),
    );
    expect(reopened).toMatchObject({ status: "preparing" });
    expect(reopened.lines.map((line) => line.doneAt)).toEqual([null, null, null]);

    let before = await stored(order.id);
    await expect(
      staff.call((api) => api.kitchen.reopenLine({ orderId: order.id, lineId: "1", station: "kitchen" })),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^Dal Makhani on order #\d{3} isn't done yet\.$/),
    });
    expect(await stored(order.id)).toBe(before);

    for (const [lineId, station] of [
      ["0", "tandoor"],
      ["1", "kitchen"],
      ["2", "kitchen"],
    ] as const)
      await bump(staff, order.id, lineId, station);
    before = await stored(order.id);
    await expect(
      staff.call((api) => api.kitchen.reopenLine({ orderId: order.id, lineId: "2", station: "kitchen" })),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/recall it to reopen its items/) });
    expect(await stored(order.id)).toBe(before);
  });
});

describe("kitchen.recall", () => {
  it("brings a ready ticket back to preparing (reopening the line bumped last) and a served one back to ready", async () => {
    const { guest, staff, order } = await accepted();
    for (const [lineId, station] of [
      ["0", "tandoor"],
      ["2", "kitchen"],
      ["1", "kitchen"],
    ] as const)
      await bump(staff, order.id, lineId, station);

    const recalled = await staff.call((api) => api.kitchen.recall({ orderId: order.id }));
    expect(recalled.status).toBe("preparing");
    // Only Dal Makhani, the bump that completed the ticket, is to make again.
    expect(recalled.lines.map((line) => line.doneAt === null)).toEqual([false, true, false]);
    expect(recalled.statusHistory.at(-1)).toMatchObject({ status: "preparing", reason: "Recalled" });
    expect((await guest.call((api) => api.order.get({ orderId: order.id }))).status).toBe("preparing");

    // Bumped again, then served, then recalled: back on the pass and on the board.
    expect((await bump(staff, order.id, "1", "kitchen")).status).toBe("ready");
    await staff.call((api) => api.kitchen.advance({ orderId: order.id, to: "served" }));
    expect((await staff.call((api) => api.kitchen.tickets())).tickets.map((t) => t.id)).not.toContain(order.id);
    const back = await staff.call((api) => api.kitchen.recall({ orderId: order.id }));
    expect(back.status).toBe("ready");
    expect(back.lines.every((line) => line.doneAt !== null)).toBe(true);
    expect((await staff.call((api) => api.kitchen.tickets())).tickets.map((t) => t.id)).toContain(order.id);

    const doc = await Order.findById(order.id).lean();
    expect(doc?.statusHistory.map((h) => h.status)).toEqual([
      "placed",
      "accepted",
      "preparing",
      "ready",
      "preparing",
      "ready",
      "served",
      "ready",
    ]);
    expect(doc?.statusHistory.at(-1)?.by).toMatch(/^staff:/);
  });

  it("refuses, changing nothing: a ticket still being prepared, one not started, one done more than 10 minutes ago", async () => {
    const { staff, order } = await setup(["Dal Makhani", "Jeera Rice"]);
    const refused = async (message: string) => {
      const before = await stored(order.id);
      await expect(staff.call((api) => api.kitchen.recall({ orderId: order.id }))).rejects.toMatchObject({
        code: "CONFLICT",
        message,
      });
      expect(await stored(order.id)).toBe(before);
    };
    await refused("This ticket hasn't been started yet; there is nothing to recall");
    await staff.call((api) => api.kitchen.advance({ orderId: order.id, to: "accepted" }));
    await bump(staff, order.id, "0", "kitchen");
    await staff.call((api) => api.kitchen.reopenLine({ orderId: order.id, lineId: "0", station: "kitchen" }));
    await refused("This ticket is still being prepared; there is nothing to recall");

    await bump(staff, order.id, "0", "kitchen");
    await bump(staff, order.id, "1", "kitchen");
    await staff.call((api) => api.kitchen.advance({ orderId: order.id, to: "served" }));
    // Served 11 minutes ago.
    const longAgo = new Date(Date.now() - (RECALL_POLICY.windowSeconds + 60) * 1000);
    const doc = await Order.findById(order.id).lean();
    await Order.updateOne(
      { _id: order.id },
      { $set: { [`statusHistory.${doc!.statusHistory.length - 1}.at`]: longAgo } },
    );
    await refused("This ticket was served more than 10 minutes ago; it can't be recalled any more");
    expect((await staff.call((api) => api.kitchen.recent())).tickets.map((t) => t.id)).not.toContain(order.id);
  });

  it("answers NOT_FOUND to another restaurant's staff and for an unknown order", async () => {
    const { staff, order } = await accepted(["Dal Makhani"]);
    await bump(staff, order.id, "0", "kitchen");
    const foreign = await signedInStaff(await seedRestaurant());
    const before = await stored(order.id);
    await expect(foreign.call((api) => api.kitchen.recall({ orderId: order.id }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await stored(order.id)).toBe(before);
    await expect(staff.call((api) => api.kitchen.recall({ orderId: "0".repeat(24) }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(staff.call((api) => api.kitchen.recall({ orderId: "nope" }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Not a valid id",
    });
  });
});

describe("kitchen.recent", () => {
  it("lists the restaurant's tickets bumped or served in the last 10 minutes, most recent first, until recalled", async () => {
    const { seeded, guest, staff, order } = await accepted(["Dal Makhani"]);
    const second = await placeMixed(seeded, guest, ["Rasmalai"]);
    await bump(staff, order.id, "0", "kitchen");
    await staff.call((api) => api.kitchen.advance({ orderId: second.id, to: "accepted" }));
    await bump(staff, second.id, "0", "dessert");
    await staff.call((api) => api.kitchen.advance({ orderId: second.id, to: "served" }));

    const ids = async (client: TestClient) =>
      (await client.call((api) => api.kitchen.recent())).tickets.map((t) => t.id);
    await expect.poll(() => ids(staff)).toEqual([second.id, order.id]);
    const { tickets } = await staff.call((api) => api.kitchen.recent());
    expect(tickets.map((t) => t.status)).toEqual(["served", "ready"]);
    expect(await ids(await signedInStaff(await seedRestaurant()))).toEqual([]);

    await staff.call((api) => api.kitchen.recall({ orderId: order.id }));
    await expect.poll(() => ids(staff)).toEqual([second.id]);
  });
});
