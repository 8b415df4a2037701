import { compareEventIds } from "@tabletap/core/event-id";
import { MenuItem, Table } from "@tabletap/db";
import { channels } from "@tabletap/realtime";
import { describe, expect, it } from "vitest";
import { nextEvent, seedRestaurant, subscribed, TestClient } from "../testing";
import { restaurantChanged, type MenuChangeEvent } from "../use-cases/menu";

/** An anonymous guest's `menu.onChange` stream for `tableCode` (ends when `signal` aborts). */
async function menuChanges(guest: TestClient, input: { tableCode: string; lastEventId?: string }, signal: AbortSignal) {
  const stream = await guest.call((api) => api.menu.onChange(input), { signal });
  return stream[Symbol.asyncIterator]();
}

describe("menu.onChange", () => {
  it("tells an open menu when its restaurant changes, and not when another restaurant does", async () => {
    const [mine, theirs] = await Promise.all([seedRestaurant(), seedRestaurant()]);
    const guest = new TestClient("guest");
    const tableCode = mine.tables[0]!.code;
    const controller = new AbortController();
    const stream = await menuChanges(guest, { tableCode }, controller.signal);
    const next = nextEvent<MenuChangeEvent>(stream);
    await subscribed(channels.menu(mine.restaurantId));

    // The manager of the other restaurant saves first: that event never reaches this table.
    await restaurantChanged(guest.services, theirs.restaurantId);
    const dosa = mine.items.get("Masala Dosa")!;
    await MenuItem.updateOne({ _id: dosa._id }, { price: dosa.price + 2000 });
    await restaurantChanged(guest.services, mine.restaurantId);
    expect(await next).toMatchObject({ data: { restaurantId: mine.restaurantId } });

    // Refetching on the event shows the new price (the cache was dropped before the event).
    const menu = await guest.call((api) => api.menu.forTable({ tableCode }));
    const shown = menu.categories.flatMap((c) => c.items).find((i) => i.id === dosa._id.toString());
    expect(shown?.price).toBe(dosa.price + 2000);
    controller.abort();
  });

  it("replays the changes a reconnecting menu missed after lastEventId, in order", async () => {
    const seeded = await seedRestaurant();
    const guest = new TestClient("guest");
    const tableCode = seeded.tables[1]!.code;
    const first = new AbortController();
    const stream = await menuChanges(guest, { tableCode }, first.signal);
    const next = nextEvent<MenuChangeEvent>(stream);
    await subscribed(channels.menu(seeded.restaurantId));
    await restaurantChanged(guest.services, seeded.restaurantId);
    const seen = await next;
    first.abort();

    // Two changes while the phone was offline.
    await restaurantChanged(guest.services, seeded.restaurantId);
    await restaurantChanged(guest.services, seeded.restaurantId);
    const resumed = new AbortController();
    const again = await menuChanges(guest, { tableCode, lastEventId: seen.id }, resumed.signal);
    const missed = [await nextEvent<MenuChangeEvent>(again), await nextEvent<MenuChangeEvent>(again)];
    expect(missed.map((e) => e.data.restaurantId)).toEqual([seeded.restaurantId, seeded.restaurantId]);
    expect(compareEventIds(seen.id, missed[0]!.id)).toBeLessThan(0);
    expect(compareEventIds(missed[0]!.id, missed[1]!.id)).toBeLessThan(0);
    resumed.abort();
  });

  it("ends after the change that deactivated the table, whose menu then answers NOT_FOUND", async () => {
    const seeded = await seedRestaurant();
    const guest = new TestClient("guest");
    const tableCode = seeded.tables[2]!.code;
    const controller = new AbortController();
    const stream = await menuChanges(guest, { tableCode }, controller.signal);
    const next = nextEvent<MenuChangeEvent>(stream);
    await subscribed(channels.menu(seeded.restaurantId));

    await Table.updateOne({ code: tableCode }, { active: false });
    await restaurantChanged(guest.services, seeded.restaurantId);
    expect(await next).toMatchObject({ data: { restaurantId: seeded.restaurantId } });
    expect(await stream.next()).toMatchObject({ done: true });
    await expect(guest.call((api) => api.menu.forTable({ tableCode }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    controller.abort();
  });

  it("refuses an unknown or inactive code with NOT_FOUND and a bad position with BAD_REQUEST", async () => {
    const seeded = await seedRestaurant();
    const guest = new TestClient("guest");
    const signal = new AbortController().signal;
    await expect(menuChanges(guest, { tableCode: "no-such-table-code" }, signal)).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/This table's code isn't valid/),
    });
    await Table.updateOne({ code: seeded.tables[3]!.code }, { active: false });
    await expect(menuChanges(guest, { tableCode: seeded.tables[3]!.code }, signal)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      menuChanges(guest, { tableCode: seeded.tables[4]!.code, lastEventId: "garbage" }, signal),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/live update position/) });
  });
});
