import { randomUUID } from "node:crypto";
import type { SaveSettingsInput } from "@tabletap/core/settings";
import { AuditEntry, Order, Restaurant } from "@tabletap/db";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { seedRestaurant, signedInGuest, signedInStaff } from "../../testing";

type Seeded = Awaited<ReturnType<typeof seedRestaurant>>;

/** The tRPC error a call fails with (fails the test when it succeeds). */
async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

const stored = async (seeded: Seeded) => Restaurant.findById(seeded.restaurantId).lean();

describe("admin.settings.get", () => {
  it("shows the restaurant's settings", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const settings = await manager.call((api) => api.admin.settings.get());
    expect(settings).toMatchObject({
      name: "Saffron Table",
      currency: "INR",
      timeZone: "Asia/Kolkata",
      taxBps: 500,
      serviceChargeBps: 0,
      orderingPaused: false,
      kitchenBacklogWarnMinutes: null,
    });
    expect(settings.openingHours).toHaveLength(7);
    expect(settings.openingHours[0]).toEqual({ day: 0, opens: "11:00", closes: "23:00" });
  });
});

describe("admin.settings.save", () => {
  it("saves every setting, guests see the new name at once, and the change is audited", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const guest = await signedInGuest();
    const tableCode = seeded.tables[0]!.code;
    await guest.call((api) => api.menu.forTable({ tableCode })); // warms the cached menu
    const input: SaveSettingsInput = {
      name: "Saffron Table Indiranagar",
      currency: "USD",
      timeZone: "UTC",
      taxBps: 1805,
      serviceChargeBps: 1000,
      openingHours: [
        { day: 5, opens: "18:00", closes: "02:00" },
        { day: 1, opens: "09:00", closes: "22:30" },
      ],
      orderingPaused: false,
    };
    const saved = await manager.call((api) => api.admin.settings.save(input));
    expect(saved).toMatchObject({ ...input, openingHours: [input.openingHours![1], input.openingHours![0]] });
    await expect(manager.call((api) => api.admin.settings.get())).resolves.toEqual(saved);
    const menu = await guest.call((api) => api.menu.forTable({ tableCode }));
    expect(menu.restaurant).toMatchObject({ name: "Saffron Table Indiranagar", taxBps: 1805, serviceChargeBps: 1000 });

    const [entry] = await AuditEntry.find({ entity: "settings", entityId: seeded.restaurantId }).lean();
    expect(entry?.after).toMatchObject({ Sunday: "closed" });
    expect(entry).toMatchObject({
      action: "update",
      before: { name: "Saffron Table", currency: "INR", taxBps: 500, Monday: "11:00–23:00", Friday: "11:00–23:00" },
      after: {
        name: "Saffron Table Indiranagar",
        currency: "USD",
        taxBps: 1805,
        Monday: "09:00–22:30",
        Friday: "18:00–02:00",
      },
    });
  });

  it("sets and clears the kitchen's overload threshold, audited", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const set = await manager.call((api) => api.admin.settings.save({ kitchenBacklogWarnMinutes: 25 }));
    expect(set.kitchenBacklogWarnMinutes).toBe(25);
    expect((await stored(seeded))?.kitchenBacklogWarnMinutes).toBe(25);
    const cleared = await manager.call((api) => api.admin.settings.save({ kitchenBacklogWarnMinutes: null }));
    expect(cleared.kitchenBacklogWarnMinutes).toBeNull();
    const entries = await AuditEntry.find({ entity: "settings", entityId: seeded.restaurantId })
      .sort({ _id: 1 })
      .lean();
    expect(entries.map((e): unknown[] => [e.before as unknown, e.after as unknown])).toEqual([
      [
        expect.objectContaining({ kitchenBacklogWarnMinutes: null }),
        expect.objectContaining({ kitchenBacklogWarnMinutes: 25 }),
      ],
      [
        expect.objectContaining({ kitchenBacklogWarnMinutes: 25 }),
        expect.objectContaining({ kitchenBacklogWarnMinutes: null }),
      ],
    ]);
  });

  it("pausing ordering refuses the next order at once (nothing stored); resuming lets it through", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const guest = await signedInGuest();
    const tableCode = seeded.tables[0]!.code;
    const place = () =>
      guest.call((api) =>
        api.order.place({
          tableCode,
          idempotencyKey: randomUUID(),
          items: [{ menuItemId: seeded.items.get("Rasmalai")!._id.toString(), quantity: 1 }],
        }),
      );
    await guest.call((api) => api.menu.forTable({ tableCode })); // warms the cached menu

    const paused = await manager.call((api) => api.admin.settings.save({ orderingPaused: true }));
    expect(paused).toMatchObject({ orderingPaused: true, name: "Saffron Table", taxBps: 500 });
    expect((await guest.call((api) => api.menu.forTable({ tableCode }))).restaurant.orderingPaused).toBe(true);
    const refused = await failure(place());
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/isn't taking orders/);
    expect(await Order.countDocuments({ restaurantId: seeded.restaurantId })).toBe(0);

    await manager.call((api) => api.admin.settings.save({ orderingPaused: false }));
    await manager.call((api) => api.admin.settings.save({ orderingPaused: false })); // no change: no entry
    await expect(place()).resolves.toMatchObject({ status: "placed" });
    expect(await Order.countDocuments({ restaurantId: seeded.restaurantId })).toBe(1);
    const actions = await AuditEntry.find({ entity: "settings", entityId: seeded.restaurantId }).sort({ at: 1 }).lean();
    expect(actions.map((e) => (e.after as { orderingPaused: boolean }).orderingPaused)).toEqual([true, false]);
  });

  it("refuses bad input with a typed error beside its field and changes nothing", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const before = await stored(seeded);
    const cases: [unknown, string, RegExp][] = [
      [{ timeZone: "Mars/Olympus" }, "timeZone", /Not a time zone/],
      [{ currency: "XYZ" }, "currency", /Not a currency/],
      [{ taxBps: 15_000 }, "taxBps", /between 0 and 100 %/],
      [{ serviceChargeBps: 12.5 }, "serviceChargeBps", /at most 2 decimals/],
      [{ taxBps: -1 }, "taxBps", /between 0 and 100 %/],
      [{ name: "" }, "name", /Enter the restaurant's name/],
      [{ openingHours: [{ day: 1, opens: "10:00", closes: "10:00" }] }, "openingHours", /must differ/],
      [{ openingHours: [{ day: 1, opens: "25:00", closes: "10:00" }] }, "openingHours", /24-hour time/],
      [{ kitchenBacklogWarnMinutes: 0 }, "kitchenBacklogWarnMinutes", /whole minutes from 1 to 240/],
      [{ kitchenBacklogWarnMinutes: 12.5 }, "kitchenBacklogWarnMinutes", /whole minutes from 1 to 240/],
      [{ kitchenBacklogWarnMinutes: 241 }, "kitchenBacklogWarnMinutes", /whole minutes from 1 to 240/],
    ];
    for (const [input, field, message] of cases) {
      const error = await failure(manager.call((api) => api.admin.settings.save(input as SaveSettingsInput)));
      expect(error.code, JSON.stringify(input)).toBe("BAD_REQUEST");
      expect(error.message).toMatch(message);
      // The field the form shows the message beside (`fieldErrors` of the error's data).
      expect(error.cause).toBeInstanceOf(ZodError);
      expect((error.cause as ZodError).issues[0]?.path[0]).toBe(field);
    }
    expect(await stored(seeded)).toEqual(before);
    expect(await AuditEntry.countDocuments({ entity: "settings", entityId: seeded.restaurantId })).toBe(0);
  });

  it("answers FORBIDDEN to staff who are not managers, changing nothing", async () => {
    const seeded = await seedRestaurant();
    const staff = await signedInStaff(seeded, "staff");
    const before = await stored(seeded);
    expect((await failure(staff.call((api) => api.admin.settings.get()))).code).toBe("FORBIDDEN");
    expect((await failure(staff.call((api) => api.admin.settings.save({ orderingPaused: true })))).code).toBe(
      "FORBIDDEN",
    );
    expect(await stored(seeded)).toEqual(before);
  });

  it("changes only the manager's own restaurant", async () => {
    const [mine, theirs] = [await seedRestaurant(), await seedRestaurant()];
    const manager = await signedInStaff(mine, "manager");
    const before = await stored(theirs);
    await manager.call((api) => api.admin.settings.save({ orderingPaused: true, name: "Mine" }));
    expect(await stored(theirs)).toEqual(before);
    expect((await stored(mine))?.name).toBe("Mine");
  });
});
