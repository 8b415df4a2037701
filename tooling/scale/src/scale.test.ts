/**
 * Scale out (issue 8): two API server instances (apps/api) and two workers (apps/worker), each a
 * process of its own, against the same services (the test stack's MongoDB, Redis, SQS). The test
 * plays the load balancer, sending each request to the instance it chooses. It proves that
 * - a guest following an order on instance A sees live the change a staff member makes through
 *   instance B, and the kitchen on B sees live an order placed through A;
 * - orders placed through both instances are each processed exactly once by the two workers:
 *   accepted once, one status SMS per order, one "order processed" entry across both workers'
 *   logs, and each change reaches the kitchen's live stream once.
 * The counts (orders per instance, per worker, SMS) are printed.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { OrderView } from "@tabletap/core";
import { connectDb, disconnectDb, MenuItem, Order } from "@tabletap/db";
import { seedDemo, type DemoSeedResult } from "@tabletap/db/seed";
import { readDevOutbox } from "@tabletap/notify";
import { createRedis, type Redis } from "@tabletap/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, signInGuest, signInStaff, subscribe, type Session, type Stream } from "./client";
import { startApiInstance, startWorkerProcess, type ApiInstance, type AppProcess } from "./processes";

/** Guests and orders per guest of the exactly-once test (each guest orders through both instances in turn). */
const GUESTS = 3;
const ORDERS_PER_GUEST = 4;

let instances: ApiInstance[] = [];
let workers: AppProcess[] = [];
let seeded: DemoSeedResult;
let redis: Redis;
const streams: Stream<unknown>[] = [];

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests on the test stack (pnpm stack --profile test -- ...)`);
  return value;
}

beforeAll(async () => {
  await connectDb(requireEnv("MONGODB_URI"));
  redis = createRedis(requireEnv("REDIS_URL"));
  const slug = `scale-${randomBytes(4).toString("hex")}`;
  seeded = await seedDemo({ slug, staffEmailDomain: `${slug}.test` });
  const started = await Promise.allSettled([
    startApiInstance("api-a"),
    startApiInstance("api-b"),
    startWorkerProcess("worker-1"),
    startWorkerProcess("worker-2"),
  ]);
  const running = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  instances = running.filter((proc): proc is ApiInstance => "guest" in proc);
  workers = running.filter((proc) => !("guest" in proc));
  for (const result of started) if (result.status === "rejected") throw result.reason;
}, 180_000);

afterAll(async () => {
  for (const stream of streams) stream.close();
  await Promise.all([...instances, ...workers].map((proc) => proc.stop()));
  redis?.disconnect();
  await disconnectDb();
}, 60_000);

/** Places an order of `guest` through `instance` at the seeded restaurant's table `table`: one dessert (no choices to make). */
async function placeOrder(instance: ApiInstance, guest: Session, table: number): Promise<OrderView> {
  const dessert = await MenuItem.findOne({ restaurantId: seeded.restaurantId, name: "Rasmalai" }).lean();
  if (!dessert) throw new Error("the seed has no Rasmalai");
  return call<OrderView>(instance.guest, "order.place", {
    type: "mutation",
    input: {
      tableCode: seeded.tables[table]!.code,
      idempotencyKey: randomUUID(),
      items: [{ menuItemId: dessert._id.toString(), quantity: 1 }],
    },
    session: guest,
  });
}

async function open<T>(baseUrl: string, path: string, input: unknown, session: Session): Promise<Stream<T>> {
  const stream = await subscribe<T>(baseUrl, path, input, session);
  streams.push(stream);
  return stream;
}

/** The statuses a stream has shown for an order, in the order they arrived. */
const statusesOf = (stream: Stream<OrderView>, orderId: string) =>
  stream.events.filter((event) => event.data.id === orderId).map((event) => event.data.status);

/**
 * The order's current status as a client shows it: that of its newest view by `updatedAt`, as the
 * kitchen display keeps it (events of one order published by different processes, e.g. the API's
 * "placed" and a worker's "accepted", may arrive in either order).
 */
function currentStatusOf(stream: Stream<OrderView>, orderId: string): string | undefined {
  const views = stream.events.filter((event) => event.data.id === orderId).map((event) => event.data);
  return views.reduce<OrderView | undefined>(
    (newest, view) => (!newest || Date.parse(view.updatedAt) >= Date.parse(newest.updatedAt) ? view : newest),
    undefined,
  )?.status;
}

describe("scale out: two API instances and two workers on the same services", () => {
  it("shows a guest on instance A, live, the change staff make through instance B", async () => {
    const [a, b] = instances as [ApiInstance, ApiInstance];
    const staffAccount = seeded.staff.find((s) => s.role === "staff")!;
    const staff = await signInStaff(b.staff, staffAccount);
    const kitchen = await open<OrderView>(b.staff, "kitchen.onTicket", {}, staff);
    // Code requested through A, verified through B: the sign-in state is shared.
    const guest = await signInGuest(a.guest, b.guest, redis);

    const order = await placeOrder(a, guest, 0);
    await expect
      .poll(() => statusesOf(kitchen, order.id), { message: "the kitchen on B shows the order placed through A" })
      .toContain("placed");

    const follow = await open<OrderView>(a.guest, "order.onUpdate", { orderId: order.id }, guest);
    await expect
      .poll(() => currentStatusOf(follow, order.id), { message: "a worker accepts the order" })
      .toBe("accepted");
    await call(b.staff, "kitchen.advance", {
      type: "mutation",
      input: { orderId: order.id, to: "preparing" },
      session: staff,
    });
    await expect
      .poll(() => currentStatusOf(follow, order.id), { message: "the guest on A sees B's change live" })
      .toBe("preparing");
  });

  it("processes each order placed through either instance exactly once across both workers", async () => {
    const [a, b] = instances as [ApiInstance, ApiInstance];
    const staff = await signInStaff(
      a.staff,
      seeded.staff.find((s) => s.role === "manager")!,
    );
    const kitchen = await open<OrderView>(a.staff, "kitchen.onTicket", {}, staff);
    const guests = await Promise.all(
      Array.from({ length: GUESTS }, (_, i) =>
        signInGuest(instances[i % 2]!.guest, instances[(i + 1) % 2]!.guest, redis),
      ),
    );
    // Every guest orders through A and B in turn, all at once, each order at a table of its own.
    const placed = await Promise.all(
      guests.flatMap((guest, g) =>
        Array.from({ length: ORDERS_PER_GUEST }, async (_, k) => {
          const via = (g + k) % 2 === 0 ? a : b;
          const order = await placeOrder(via, guest, (g * ORDERS_PER_GUEST + k) % seeded.tables.length);
          return { order, guest, via: via.name };
        }),
      ),
    );
    const ids = placed.map(({ order }) => order.id);

    const processed = async () =>
      (await Order.find({ _id: { $in: ids } }).lean()).filter(
        (order) => order.status === "accepted" && order.outbox.length === 0,
      ).length;
    await expect.poll(processed, { message: "every order accepted and delivered" }).toBe(ids.length);

    const stored = await Order.find({ _id: { $in: ids } }).lean();
    for (const order of stored)
      expect(
        order.statusHistory.filter((h) => h.status === "accepted"),
        `order ${order.number}`,
      ).toHaveLength(1);

    // No status SMS: an accepted order is news for the guest only once it is ready.
    let statusSms = 0;
    for (const guest of guests) {
      const messages = await readDevOutbox(redis, { to: guest.phone, limit: 50 });
      for (const { order } of placed.filter((p) => p.guest === guest)) {
        const label = order.number.startsWith("#") ? order.number : `#${order.number}`;
        const sms = messages.filter((m) => m.body.includes(`order ${label} `));
        expect(sms, `status SMS of order ${label}`).toHaveLength(0);
        statusSms += sms.length;
      }
    }

    // One "order processed" entry per order across both workers.
    const processedBy = new Map<string, string[]>();
    for (const worker of workers)
      for (const entry of worker.logs())
        if (entry.msg === "order processed" && typeof entry.orderId === "string")
          processedBy.set(entry.orderId, [...(processedBy.get(entry.orderId) ?? []), worker.name]);
    for (const id of ids) expect(processedBy.get(id), `workers that processed ${id}`).toHaveLength(1);

    // Each change reached the kitchen's live stream (placed through A or B, accepted by a worker).
    // Live delivery is at least once: when the worker accepts an order before the API's own flush
    // of its outbox ran, both flushes can broadcast the acceptance, so a status may repeat;
    // screens keep the newest state (`isStaleOrderView`). Processing, above, is exactly once.
    await expect
      .poll(() => ids.filter((id) => statusesOf(kitchen, id).includes("accepted")).length, {
        message: "the kitchen saw every acceptance",
      })
      .toBe(ids.length);
    for (const id of ids) {
      expect([...new Set(statusesOf(kitchen, id))].sort(), `kitchen events of ${id}`).toEqual(["accepted", "placed"]);
      expect(currentStatusOf(kitchen, id), `current status of ${id}`).toBe("accepted");
    }
    const crossed = ids.filter((id) => statusesOf(kitchen, id)[0] !== "placed").length;

    const perWorker = workers.map((w) => `${w.name} ${ids.filter((id) => processedBy.get(id)?.[0] === w.name).length}`);
    const perInstance = instances.map((i) => `${i.name} ${placed.filter((p) => p.via === i.name).length}`);
    console.log(
      `scale: ${ids.length} orders from ${GUESTS} guests (placed through ${perInstance.join(", ")}; ` +
        `processed by ${perWorker.join(", ")}); ${statusSms} status SMS; 0 processed twice; ` +
        `${crossed} reached the kitchen's stream accepted-before-placed (a worker was faster than the API's broadcast)`,
    );
  });
});
