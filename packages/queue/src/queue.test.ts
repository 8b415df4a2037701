import { afterAll, describe, expect, it, vi } from "vitest";
import {
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import type { Message } from "@aws-sdk/client-sqs";
import {
  createOrderEvent,
  createOrderEventConsumer,
  createSqsClient,
  ensureOrderQueues,
  ensureQueue,
  publishOrderEvent,
  queueEnvSchema,
  resolveQueueUrl,
} from "./index";
import type { OrderEvent, OrderEventConsumer, OrderEventMeta, QueueLogger } from "./index";

const env = queueEnvSchema.parse(process.env);
const client = createSqsClient(env);

const created: string[] = [];
const consumers: OrderEventConsumer[] = [];
afterAll(async () => {
  await Promise.all(consumers.map((c) => c.stop({ abort: true })));
  // Best effort: a queue that is already gone needs no deleting.
  await Promise.allSettled(created.map((QueueUrl) => client.send(new DeleteQueueCommand({ QueueUrl }))));
  client.destroy();
});

/** A throwaway queue pair: visibility 1 s, dead-lettered after 2 receives. */
async function queuePair() {
  const name = `test-${crypto.randomUUID()}`;
  const dlqName = `${name}-dlq`;
  const queueUrl = await ensureQueue(client, name, {
    deadLetterQueueName: dlqName,
    maxReceiveCount: 2,
    visibilityTimeoutSeconds: 1,
  });
  const dlqUrl = await resolveQueueUrl(client, dlqName);
  created.push(queueUrl, dlqUrl);
  return { name, dlqName, queueUrl, dlqUrl };
}

function recordingLog() {
  const entries: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const log: QueueLogger = {
    info: (obj, msg) => entries.push({ level: "info", obj, msg }),
    warn: (obj, msg) => entries.push({ level: "warn", obj, msg }),
    error: (obj, msg) => entries.push({ level: "error", obj, msg }),
  };
  return { log, entries };
}

function start(consumer: OrderEventConsumer) {
  consumers.push(consumer);
  consumer.start();
  return consumer;
}

/**
 * Long-polls `queueUrl` until a message arrives; fails naming `what` when none has after 30 s
 * (a dead-lettered message needs its receives and visibility timeouts first).
 */
async function receiveOne(queueUrl: string, what: string): Promise<Message> {
  return vi.waitFor(
    async () => {
      const out = await client.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          WaitTimeSeconds: 1,
          MaxNumberOfMessages: 1,
          MessageAttributeNames: ["All"],
          MessageSystemAttributeNames: ["ApproximateReceiveCount"],
        }),
      );
      const message = out.Messages?.[0];
      if (!message) throw new Error(`no message on ${what} within 30 s`);
      return message;
    },
    { timeout: 30_000, interval: 0 },
  );
}

async function queueDepth(queueUrl: string): Promise<number> {
  const out = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    }),
  );
  return (
    Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}

const newEvent = () =>
  createOrderEvent("order.placed", { orderId: crypto.randomUUID(), restaurantId: crypto.randomUUID() });

describe("order events through SQS", () => {
  it("the consumer hands each published event to the handler and deletes it", async () => {
    const { queueUrl } = await queuePair();
    const { log } = recordingLog();
    const events = [newEvent(), newEvent()];
    const handled: { event: OrderEvent; meta: OrderEventMeta }[] = [];
    const done = new Promise<void>((resolve) => {
      start(
        createOrderEventConsumer({
          client,
          queueUrl,
          log,
          waitTimeSeconds: 1,
          handle: (event, meta) => {
            handled.push({ event, meta });
            if (handled.length === events.length) resolve();
            return Promise.resolve();
          },
        }),
      );
    });
    for (const e of events) await publishOrderEvent(client, queueUrl, e);
    await done;
    expect(handled.map((h) => h.event).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...events].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(handled[0]!.meta.receiveCount).toBe(1);
    expect(handled[0]!.meta.messageId).toBeTruthy();
    await expect.poll(() => queueDepth(queueUrl), { message: "handled messages are deleted from the queue" }).toBe(0);
  });

  it("publishes JSON with a `type` message attribute and validates before sending", async () => {
    const { queueUrl } = await queuePair();
    const event = newEvent();
    await publishOrderEvent(client, queueUrl, event);
    const message = await receiveOne(queueUrl, "the queue");
    expect(JSON.parse(message.Body!)).toEqual(event);
    expect(message.MessageAttributes?.type).toMatchObject({ DataType: "String", StringValue: "order.placed" });
    await expect(publishOrderEvent(client, queueUrl, { ...event, type: "nope" as never })).rejects.toThrow();
  });

  it("a handler that keeps failing sends the message to the dead-letter queue after maxReceiveCount", async () => {
    const { queueUrl, dlqUrl } = await queuePair();
    const { log, entries } = recordingLog();
    const attempts: number[] = [];
    start(
      createOrderEventConsumer({
        client,
        queueUrl,
        log,
        waitTimeSeconds: 1,
        handle: (_event, meta) => {
          attempts.push(meta.receiveCount);
          return Promise.reject(new Error("kitchen printer on fire"));
        },
      }),
    );
    const event = newEvent();
    await publishOrderEvent(client, queueUrl, event);

    const dead = await receiveOne(dlqUrl, "the dead-letter queue");
    expect(JSON.parse(dead.Body!)).toEqual(event);
    expect(attempts).toEqual([1, 2]);
    const failures = entries.filter((e) => e.level === "error");
    expect(failures).toHaveLength(2);
    expect(failures[0]!.obj).toMatchObject({ eventId: event.id, orderId: event.orderId, receiveCount: 1 });
    expect((failures[0]!.obj.err as Error).message).toBe("kitchen printer on fire");
  });

  it("a message that is not an order event lands in the dead-letter queue without reaching the handler", async () => {
    const { queueUrl, dlqUrl } = await queuePair();
    const { log, entries } = recordingLog();
    let called = 0;
    start(
      createOrderEventConsumer({
        client,
        queueUrl,
        log,
        waitTimeSeconds: 1,
        handle: () => {
          called++;
          return Promise.resolve();
        },
      }),
    );
    const badId = crypto.randomUUID();
    const badBody = JSON.stringify({ id: badId, type: "order.teleported", orderId: "o1" });
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: badBody }));
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "not json at all" }));

    const bodies = [
      (await receiveOne(dlqUrl, "the dead-letter queue")).Body,
      (await receiveOne(dlqUrl, "the dead-letter queue")).Body,
    ];
    expect(bodies.sort()).toEqual([badBody, "not json at all"].sort());
    expect(called).toBe(0);
    expect(entries.some((e) => e.level === "error" && e.obj.eventId === badId && e.msg.includes("invalid"))).toBe(true);
    expect(entries.some((e) => e.level === "error" && e.msg.includes("not JSON"))).toBe(true);
  });
});

describe("batches and concurrency", () => {
  it("acknowledges the handled messages of a batch and redelivers only the failing one", async () => {
    const { queueUrl, dlqUrl } = await queuePair();
    const { log, entries } = recordingLog();
    const [good1, good2, bad] = [newEvent(), newEvent(), newEvent()];
    for (const e of [good1, good2, bad]) await publishOrderEvent(client, queueUrl, e);
    const deliveries: { id: string; receiveCount: number }[] = [];
    // Every handler waits until all three messages are in hand: they came in one batch (one receive).
    let allThere!: () => void;
    const batchInHand = new Promise<void>((resolve) => (allThere = resolve));
    start(
      createOrderEventConsumer({
        client,
        queueUrl,
        log,
        waitTimeSeconds: 1,
        receives: 1,
        handle: async (event, meta) => {
          deliveries.push({ id: event.id, receiveCount: meta.receiveCount });
          if (deliveries.length === 3) allThere();
          await batchInHand;
          if (event.id === bad.id) throw new Error("kitchen printer on fire");
        },
      }),
    );

    const dead = await receiveOne(dlqUrl, "the dead-letter queue");
    expect(JSON.parse(dead.Body!)).toEqual(bad);
    const received = (id: string) => deliveries.filter((d) => d.id === id).map((d) => d.receiveCount);
    expect(received(good1.id)).toEqual([1]);
    expect(received(good2.id)).toEqual([1]);
    expect(received(bad.id)).toEqual([1, 2]);
    expect(await queueDepth(queueUrl)).toBe(0);
    const failures = entries.filter((e) => e.level === "error");
    expect(failures.map((f) => f.obj)).toEqual([
      expect.objectContaining({ eventId: bad.id, receiveCount: 1 }),
      expect.objectContaining({ eventId: bad.id, receiveCount: 2 }),
    ]);
  });

  it("handles up to `concurrency` events at once, never more, each exactly once", async () => {
    const { queueUrl } = await queuePair();
    const { log } = recordingLog();
    const concurrency = 5;
    const events = Array.from({ length: 25 }, newEvent);
    await Promise.all(events.map((e) => publishOrderEvent(client, queueUrl, e)));
    let inFlight = 0;
    let maxInFlight = 0;
    // Handlers hold their slot until `concurrency` of them run at once (then all pass straight through).
    let open!: () => void;
    const full = new Promise<void>((resolve) => (open = resolve));
    const handled: string[] = [];
    start(
      createOrderEventConsumer({
        client,
        queueUrl,
        log,
        waitTimeSeconds: 1,
        concurrency,
        receives: 3,
        handle: async (event) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          if (inFlight === concurrency) open();
          await full;
          handled.push(event.id);
          inFlight--;
        },
      }),
    );
    await expect.poll(() => handled.length, { message: "every event is handled" }).toBe(events.length);
    expect(maxInFlight).toBe(concurrency);
    expect([...handled].sort()).toEqual(events.map((e) => e.id).sort());
    await expect.poll(() => queueDepth(queueUrl), { message: "handled messages are deleted from the queue" }).toBe(0);
  });

  it("refuses a concurrency or number of receives that is not a positive integer", () => {
    const opts = { client, queueUrl: "http://127.0.0.1/q", log: recordingLog().log, handle: () => Promise.resolve() };
    expect(() => createOrderEventConsumer({ ...opts, concurrency: 0 })).toThrow(RangeError);
    expect(() => createOrderEventConsumer({ ...opts, receives: 1.5 })).toThrow(RangeError);
  });
});

describe("long polls and stopping", () => {
  it("a long poll longer than the 5 s request timeout ends empty, without a timeout error or an SDK warning", async () => {
    const { queueUrl } = await queuePair();
    const warn = vi.spyOn(console, "warn");
    try {
      const started = Date.now();
      const out = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 6 }));
      expect(out.Messages ?? []).toEqual([]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(5_500);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it("stop() lets the events being handled finish and acknowledges them, and releases what the last long poll brings", async () => {
    const { queueUrl } = await queuePair();
    const { log, entries } = recordingLog();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const handled: string[] = [];
    // Two receives: one gets the first event and holds it, the other is long polling when stop() is called.
    const consumer = start(
      createOrderEventConsumer({
        client,
        queueUrl,
        log,
        waitTimeSeconds: 5,
        receives: 2,
        visibilityTimeout: 60,
        handle: async (event) => {
          handled.push(event.id);
          await released;
        },
      }),
    );
    const first = newEvent();
    await publishOrderEvent(client, queueUrl, first);
    await expect.poll(() => handled, { message: "the first event is being handled" }).toEqual([first.id]);

    const started = Date.now();
    const stopping = consumer.stop({ timeoutMs: 15_000 });
    const late = newEvent();
    await publishOrderEvent(client, queueUrl, late);
    // The late event reaches the long poll still in flight and is released at once, not hidden for 60 s.
    const again = await receiveOne(queueUrl, "the orders queue");
    expect(JSON.parse(again.Body!)).toEqual(late);
    expect(again.Attributes?.ApproximateReceiveCount).toBe("2");
    expect(Date.now() - started).toBeLessThan(10_000);

    release();
    expect(await stopping).toEqual({ drained: true });
    expect(handled).toEqual([first.id]);
    // The first event was acknowledged; only the late one (in our hands now) is left.
    expect(await queueDepth(queueUrl)).toBe(1);
    expect(entries.filter((e) => e.level !== "info")).toEqual([]);
  });

  it("stop() gives up after timeoutMs on an event still being handled and leaves it unacknowledged, for redelivery", async () => {
    const { queueUrl } = await queuePair();
    const { log } = recordingLog();
    const handling: string[] = [];
    const consumer = start(
      createOrderEventConsumer({
        client,
        queueUrl,
        log,
        waitTimeSeconds: 20,
        receives: 1,
        visibilityTimeout: 5,
        handle: (event) => {
          handling.push(event.id);
          return new Promise<void>(() => undefined); // never finishes
        },
      }),
    );
    const event = newEvent();
    await publishOrderEvent(client, queueUrl, event);
    await expect.poll(() => handling, { message: "the event is being handled" }).toEqual([event.id]);

    const started = Date.now();
    expect(await consumer.stop({ timeoutMs: 1_000 })).toEqual({ drained: false });
    expect(Date.now() - started).toBeLessThan(3_000);
    // Unacknowledged: SQS hands it out again once its visibility timeout (5 s) is over.
    const again = await receiveOne(queueUrl, "the orders queue");
    expect(JSON.parse(again.Body!)).toEqual(event);
    expect(again.Attributes?.ApproximateReceiveCount).toBe("2");
  });
});

describe("an unreachable SQS", () => {
  it("makes the consumer wait longer after each failed receive instead of polling again at once", async () => {
    // Nothing listens on port 9 of loopback: every receive fails at once (connection refused).
    const unreachable = createSqsClient({ ...env, SQS_ENDPOINT: "http://127.0.0.1:9" });
    const { log, entries } = recordingLog();
    const failedAt: number[] = [];
    const consumer = start(
      createOrderEventConsumer({
        client: unreachable,
        queueUrl: "http://127.0.0.1:9/000000000000/orders",
        receives: 1,
        waitTimeSeconds: 1,
        log: {
          ...log,
          error: (obj, msg) => {
            if (msg === "order events: SQS error") failedAt.push(Date.now());
            log.error(obj, msg);
          },
        },
        handle: () => Promise.resolve(),
      }),
    );
    await expect
      .poll(() => failedAt.length, { message: "four failed receives", timeout: 30_000 })
      .toBeGreaterThanOrEqual(4);
    await consumer.stop({ abort: true });
    unreachable.destroy();
    const waits = failedAt.slice(1).map((at, i) => at - (failedAt[i] ?? at));
    // 1 s after the second failure, 2 s after the third (the first retry goes out at once).
    expect(waits[1], `waits between failed receives: ${waits.join(", ")} ms`).toBeGreaterThanOrEqual(900);
    expect(waits[2], `waits between failed receives: ${waits.join(", ")} ms`).toBeGreaterThanOrEqual(1_900);
    expect(entries.every((e) => e.level === "error")).toBe(true);
  });
});

describe("queue setup", () => {
  it("ensureQueue is idempotent and sets the redrive policy", async () => {
    const { name, dlqName, queueUrl } = await queuePair();
    const again = await ensureQueue(client, name, {
      deadLetterQueueName: dlqName,
      maxReceiveCount: 3,
      visibilityTimeoutSeconds: 2,
    });
    expect(again).toBe(queueUrl);
    const attrs = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["All"] }));
    expect(attrs.Attributes?.VisibilityTimeout).toBe("2");
    const redrive = JSON.parse(attrs.Attributes!.RedrivePolicy!) as {
      deadLetterTargetArn: string;
      maxReceiveCount: number | string;
    };
    expect(redrive.deadLetterTargetArn).toContain(dlqName);
    expect(Number(redrive.maxReceiveCount)).toBe(3);
  });

  it("resolveQueueUrl finds, caches and passes through URLs; unknown queues reject", async () => {
    const { name, queueUrl } = await queuePair();
    const fresh = createSqsClient(env);
    expect(await resolveQueueUrl(fresh, name)).toBe(queueUrl);
    expect(resolveQueueUrl(fresh, name)).toBe(resolveQueueUrl(fresh, name));
    expect(await resolveQueueUrl(fresh, "https://sqs.ap-south-1.amazonaws.com/1/x")).toBe(
      "https://sqs.ap-south-1.amazonaws.com/1/x",
    );
    await expect(resolveQueueUrl(fresh, `missing-${crypto.randomUUID()}`)).rejects.toThrow();
    fresh.destroy();
  });

  it("the stack's orders queue and DLQ resolve from the environment", async () => {
    const { queueUrl, deadLetterQueueUrl } = await ensureOrderQueues(client, env);
    expect(queueUrl).toContain(env.SQS_ORDERS_QUEUE);
    expect(deadLetterQueueUrl).toContain(env.SQS_ORDERS_DLQ);
  });
});
