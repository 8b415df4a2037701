/**
 * Compares the local MongoDB stand-ins on the operations the order path relies on:
 * FerretDB v1 (SQLite) and mongo-java-server (H2 in a file, and H2 in memory).
 *
 *   pnpm exec tsx tooling/bench/src/db-servers.ts [--n 1000,100000] [--servers ferretdb,mjs-file,mjs-memory]
 *                                                 [--op-budget-ms 20000]
 *
 * For each server and each N it starts a test stack with only MongoDB local (data deleted at
 * stop), creates the indexes packages/db declares for orders, inserts N order-like documents with
 * insertMany in batches of 1,000, and times (one at a time unless said otherwise):
 * 200 finds by a unique index, 200 finds by _id, 200 conditional findOneAndUpdate by _id,
 * 100 finds on a non-unique index, then 500 concurrent $inc on one document (the final count must
 * be 500) and 200 concurrent conditional findOneAndUpdate on one document (exactly one must match).
 * Concurrent operations and setup steps time out after the same budget (index creation: 5x).
 * A sequential operation stops after `--op-budget-ms`, so a server that scans stays bounded.
 * Prints a markdown table of p50 / p99 latencies in milliseconds, then startup time and RSS.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { startStack } from "@tabletap/stack";
import { MongoClient, ObjectId, type Collection } from "mongodb";

/** A server under test: its label and the env that makes the stack start it. */
interface Server {
  label: string;
  env: Record<string, string>;
}

const SERVERS: Record<string, Server> = {
  ferretdb: { label: "FerretDB 1.24 (SQLite)", env: { LOCAL_MONGODB: "ferretdb" } },
  "mjs-file": {
    label: "mongo-java-server 1.47 (H2 file)",
    env: { LOCAL_MONGODB: "mongo-java-server", LOCAL_MONGODB_STORE: "file" },
  },
  "mjs-memory": {
    label: "mongo-java-server 1.47 (H2 memory)",
    env: { LOCAL_MONGODB: "mongo-java-server", LOCAL_MONGODB_STORE: "memory" },
  },
};

const BATCH = 1_000;
const RESTAURANTS = 50;

interface OrderLike {
  _id: ObjectId;
  restaurantId: ObjectId;
  customerId: ObjectId;
  idempotencyKey: string;
  businessDate: string;
  number: number;
  status: string;
  lines: { name: string; unitPrice: number; quantity: number; lineTotal: number; station: string }[];
  total: number;
  statusHistory: { status: string; at: Date; by: string }[];
  outbox: { id: string; type: string; occurredAt: Date }[];
  createdAt: Date;
  counter?: number;
}

/** Latencies of one operation, in milliseconds, plus a note (correctness check, cut short...). */
interface Result {
  samples: number[];
  note?: string;
}

/** The i-th order: spread over RESTAURANTS restaurants, one in ten still carrying an outbox event. */
function order(i: number, restaurants: ObjectId[]): OrderLike {
  const restaurantId = restaurants[i % RESTAURANTS] ?? new ObjectId();
  const createdAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000);
  const lines = [1, 2, 3].map((l) => ({
    name: `Item ${(i + l) % 40}`,
    unitPrice: 100 * l,
    quantity: l,
    lineTotal: 100 * l * l,
    station: l === 1 ? "bar" : "kitchen",
  }));
  return {
    _id: new ObjectId(),
    restaurantId,
    customerId: new ObjectId(),
    idempotencyKey: `key-${i}`,
    businessDate: createdAt.toISOString().slice(0, 10),
    number: Math.floor(i / RESTAURANTS) + 1,
    status: "placed",
    lines,
    total: lines.reduce((sum, line) => sum + line.lineTotal, 0),
    statusHistory: [{ status: "placed", at: createdAt, by: "guest:bench" }],
    outbox: i % 10 === 0 ? [{ id: `evt-${i}`, type: "order.placed", occurredAt: createdAt }] : [],
    createdAt,
  };
}

/**
 * Runs `op`; resolves its value, or an Error if it failed or took longer than `timeoutMs` (it is
 * then left running: the driver has no working client-side timeout, and the server is stopped
 * at the end of its run anyway).
 */
async function attempt<T>(op: () => Promise<T>, timeoutMs: number): Promise<T | Error> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Error>((resolve) => {
    timer = setTimeout(() => resolve(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([op(), timeout]);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    clearTimeout(timer);
  }
}

/** "; k failed: <end of the first message>" when some of `outcomes` failed, else "" (no `|`: table cells). */
function failures(outcomes: unknown[]): string {
  const errors = outcomes.filter((o): o is Error => o instanceof Error);
  const first = errors[0]?.message.slice(-60).replaceAll("|", "/") ?? "";
  return errors.length > 0 ? `; ${errors.length} failed: ${first}` : "";
}

/** Runs a step the measurements depend on; throws its Error if it failed or timed out. */
async function setup(op: () => Promise<unknown>, timeoutMs: number): Promise<void> {
  const outcome = await attempt(op, timeoutMs);
  if (outcome instanceof Error) throw outcome;
}

/** Runs `op` on each item, one at a time, until all ran or `budgetMs` passed. */
async function sequential<T>(items: T[], budgetMs: number, op: (item: T) => Promise<unknown>): Promise<Result> {
  const samples: number[] = [];
  const outcomes: unknown[] = [];
  const deadline = performance.now() + budgetMs;
  for (const item of items) {
    if (performance.now() >= deadline) break;
    const t = performance.now();
    outcomes.push(await attempt(() => op(item), budgetMs));
    samples.push(performance.now() - t);
  }
  const cut = samples.length < items.length ? `${samples.length}/${items.length} in budget` : "";
  return { samples, note: `${cut}${failures(outcomes)}`.replace(/^; /, "") || undefined };
}

/**
 * Starts `count` operations at once; each sample is one operation's time from the common start.
 * `outcomes` holds each operation's value or Error.
 */
async function concurrent<T>(
  count: number,
  timeoutMs: number,
  op: (k: number) => Promise<T>,
): Promise<{ samples: number[]; outcomes: (T | Error)[] }> {
  const start = performance.now();
  const samples: number[] = [];
  const outcomes = await Promise.all(
    Array.from({ length: count }, async (_, k) => {
      const outcome = await attempt(() => op(k), timeoutMs);
      samples.push(performance.now() - start);
      return outcome;
    }),
  );
  return { samples, outcomes };
}

/** Nearest-rank percentile `p` (0..100) of `samples`, in ms. */
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** `k` distinct items of `items`, chosen at random. */
function pick<T>(items: T[], k: number): T[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(items.length, k)) chosen.add(Math.floor(Math.random() * items.length));
  return items.filter((_, i) => chosen.has(i));
}

/** Loads N orders into a fresh collection, then times every operation. */
async function runOps(col: Collection<OrderLike>, n: number, budgetMs: number): Promise<Map<string, Result>> {
  const results = new Map<string, Result>();
  const restaurants = Array.from({ length: RESTAURANTS }, () => new ObjectId());
  // Indexes first, as the app does at start-up (mongoose autoIndex); mongo-java-server took
  // over 50 s to build them over 100,000 existing documents.
  const indexing = performance.now();
  await setup(
    () =>
      col.createIndexes([
        { key: { customerId: 1, idempotencyKey: 1 }, unique: true },
        { key: { restaurantId: 1, status: 1, createdAt: 1 } },
        { key: { restaurantId: 1, businessDate: 1, number: 1 }, unique: true },
        { key: { "outbox.occurredAt": 1 } },
      ]),
    5 * budgetMs,
  );
  results.set("createIndexes (4), empty collection", { samples: [performance.now() - indexing] });

  const docs: OrderLike[] = [];
  const insert: number[] = [];
  for (let from = 0; from < n; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, n - from) }, (_, j) => order(from + j, restaurants));
    const t = performance.now();
    await setup(() => col.insertMany(batch, { ordered: false }), budgetMs);
    insert.push(performance.now() - t);
    docs.push(...batch);
  }
  results.set(`insertMany (${BATCH}/batch)`, { samples: insert });

  results.set(
    "find by unique index",
    await sequential(pick(docs, 200), budgetMs, (d) =>
      col.findOne({ customerId: d.customerId, idempotencyKey: d.idempotencyKey }),
    ),
  );
  results.set("find by _id", await sequential(pick(docs, 200), budgetMs, (d) => col.findOne({ _id: d._id })));
  let matched = 0;
  const conditional = await sequential(pick(docs, 200), budgetMs, async (d) => {
    const updated = await col.findOneAndUpdate(
      { _id: d._id, status: "placed" },
      { $set: { status: "accepted" }, $push: { statusHistory: { status: "accepted", at: new Date(), by: "bench" } } },
      { returnDocument: "after" },
    );
    if (updated) matched++;
  });
  conditional.note = [conditional.note, matched === conditional.samples.length ? undefined : `${matched} matched`]
    .filter(Boolean)
    .join(", ");
  results.set("findOneAndUpdate by _id + status", conditional);

  results.set(
    "find by non-unique index (limit 50)",
    await sequential([...restaurants, ...restaurants], budgetMs, (restaurantId) =>
      col.find({ restaurantId, status: "placed" }).sort({ createdAt: 1 }).limit(50).toArray(),
    ),
  );

  // Concurrent writes last: FerretDB stalls under them (SQLITE_BUSY), which would skew what follows.
  const target = new ObjectId();
  await setup(() => col.insertOne({ ...order(n, restaurants), _id: target, counter: 0 }), budgetMs);
  const incs = await concurrent(500, budgetMs, () => col.updateOne({ _id: target }, { $inc: { counter: 1 } }));
  const after = await attempt(() => col.findOne({ _id: target }), budgetMs);
  const counter = after instanceof Error ? after.message : after?.counter;
  results.set("500 concurrent $inc, one doc", {
    samples: incs.samples,
    note: (counter === 500 ? "count 500 ✓" : `count ${counter} ✗`) + failures(incs.outcomes),
  });

  const claims = await concurrent(200, budgetMs, (k) =>
    col.findOneAndUpdate({ _id: target, status: "placed" }, { $set: { status: `accepted-${k}` } }),
  );
  const winners = claims.outcomes.filter((o) => o && !(o instanceof Error)).length;
  results.set("200 concurrent conditional updates, one doc", {
    samples: claims.samples,
    note: (winners === 1 ? "1 matched ✓" : `${winners} matched ✗`) + failures(claims.outcomes),
  });

  return results;
}

/** Resident set size of the stack's mongodb process, in MiB, from its pid file; undefined if unknown. */
function mongodbRssMiB(logsDir: string): number | undefined {
  try {
    const { pid } = JSON.parse(readFileSync(join(dirname(logsDir), "run", "mongodb.pid"), "utf8")) as { pid: number };
    const kib = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kib ? Number(kib) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Starts a MongoDB-only test stack for `server`, runs the operations at size `n`, stops it. */
async function benchServer(server: Server, n: number, budgetMs: number) {
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    // Everything but MongoDB counts as external, so only MongoDB is started.
    REDIS_URL: "redis://127.0.0.1:1",
    AWS_REGION: "ap-south-1",
    ...server.env,
  };
  const started = performance.now();
  const stack = await startStack({ profile: "test", env });
  const startMs = performance.now() - started;
  const client = await new MongoClient(stack.env.MONGODB_URI ?? "").connect();
  try {
    const results = await runOps(client.db().collection<OrderLike>("orders"), n, budgetMs);
    return { results, startMs, rssMiB: mongodbRssMiB(stack.logsDir) };
  } finally {
    await client.close(true);
    await stack.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: "string", default: "1000,100000" },
      servers: { type: "string", default: Object.keys(SERVERS).join(",") },
      "op-budget-ms": { type: "string", default: "20000" },
    },
  });
  const sizes = values.n.split(",").map(Number);
  const budgetMs = Number(values["op-budget-ms"]);
  const servers = values.servers.split(",").map((key) => {
    const server = SERVERS[key];
    if (!server) throw new Error(`unknown server ${key}; known: ${Object.keys(SERVERS).join(", ")}`);
    return server;
  });

  const table = new Map<string, Map<string, string>>(); // row "op | N" → server label → cell
  const footer: string[] = [];
  for (const n of sizes) {
    for (const server of servers) {
      process.stderr.write(`${server.label}, N=${n}...\n`);
      let run: Awaited<ReturnType<typeof benchServer>>;
      try {
        run = await benchServer(server, n, budgetMs);
      } catch (error) {
        footer.push(`- ${server.label}, N=${n}: failed: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      const { results, startMs, rssMiB } = run;
      for (const [op, { samples, note }] of results) {
        const row = `${op} | ${n.toLocaleString("en")}`;
        const cell =
          samples.length === 1
            ? `${samples[0]?.toFixed(0)} (once)`
            : `${percentile(samples, 50).toFixed(1)} / ${percentile(samples, 99).toFixed(1)}`;
        const cells = table.get(row) ?? new Map<string, string>();
        cells.set(server.label, note ? `${cell} — ${note}` : cell);
        table.set(row, cells);
      }
      footer.push(
        `- ${server.label}, N=${n}: stack ready in ${(startMs / 1000).toFixed(1)} s, server RSS after the run ${rssMiB?.toFixed(0) ?? "?"} MiB`,
      );
    }
  }

  const labels = servers.map((s) => s.label);
  const lines = [
    `| operation | N | ${labels.map((l) => `${l} p50 / p99 ms`).join(" | ")} |`,
    `| --- | ---: | ${labels.map(() => "---").join(" | ")} |`,
    ...[...table].map(([row, cells]) => `| ${row} | ${labels.map((l) => cells.get(l) ?? "").join(" | ")} |`),
  ];
  process.stdout.write(`${lines.join("\n")}\n\n${footer.join("\n")}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
