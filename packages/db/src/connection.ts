import mongoose, { type mongo } from "mongoose";
import { models } from "./models";

/** Where the connection reports that it restarted a stuck driver (pino's `warn` fits). */
export interface DbLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
}

/** How long the driver may take to open a connection (and a heartbeat to answer), ms. */
const CONNECT_TIMEOUT_MS = 10_000;
/** How often the driver checks the server (the driver's default), ms. */
const HEARTBEAT_FREQUENCY_MS = 10_000;
/**
 * A heartbeat pending this long is stuck: the longest a live one takes is an awaited (streaming)
 * heartbeat, `HEARTBEAT_FREQUENCY_MS` waiting on the server plus `CONNECT_TIMEOUT_MS`.
 */
const HEARTBEAT_STUCK_AFTER_MS = CONNECT_TIMEOUT_MS + HEARTBEAT_FREQUENCY_MS + 5_000;

const CONNECT_OPTIONS = {
  serverSelectionTimeoutMS: 10_000,
  connectTimeoutMS: CONNECT_TIMEOUT_MS,
  heartbeatFrequencyMS: HEARTBEAT_FREQUENCY_MS,
  autoIndex: false,
};

interface ProcessDb {
  connected?: Promise<typeof mongoose>;
  stopWatching?: () => void;
}
const processDb = () => globalThis as { __tabletapDb?: ProcessDb };

/**
 * Connects mongoose to `uri` (MongoDB, Atlas, or the local stand-in) once per process
 * and makes sure every model's indexes exist. Safe to call repeatedly: later calls reuse the
 * connection. Throws the driver's error when the server can't be reached within 10 s.
 *
 * It also restarts the driver when its server monitor is stuck (see `watchHeartbeats`): the
 * MongoDB Node.js driver 7.8 can leave a heartbeat pending forever when the server closes the
 * monitoring connection just as the heartbeat is sent, as when MongoDB restarts; the server then
 * stays "Unknown" and every operation fails server selection until the process restarts. The
 * fault suite (tooling/faults) found it: after a MongoDB restart the worker processed nothing
 * more. The restart is logged to `opts.log`.
 */
export async function connectDb(uri: string, opts: { log?: DbLogger } = {}): Promise<typeof mongoose> {
  const db = (processDb().__tabletapDb ??= {});
  db.connected ??= (async () => {
    const conn = await mongoose.connect(uri, CONNECT_OPTIONS);
    // One model at a time: mongo-java-server (the local stand-in) fails when two index builds
    // create the same collection at once.
    for (const model of Object.values(models)) await model.createIndexes();
    watchClient(uri, opts.log);
    return conn;
  })().catch((error: unknown) => {
    delete db.connected;
    throw error;
  });
  return db.connected;
}

/** Watches the current client's heartbeats; a stuck one closes the client and opens a new one. */
function watchClient(uri: string, log: DbLogger | undefined): void {
  const db = (processDb().__tabletapDb ??= {});
  db.stopWatching?.();
  db.stopWatching = watchHeartbeats(mongoose.connection.getClient(), {
    stuckAfterMs: HEARTBEAT_STUCK_AFTER_MS,
    checkEveryMs: 1_000,
    onStuck: (address, pendingMs) => {
      log?.warn({ address, pendingMs }, "MongoDB driver's server monitor is stuck; reconnecting");
      void (async () => {
        await mongoose.disconnect();
        await mongoose.connect(uri, CONNECT_OPTIONS);
        watchClient(uri, log);
      })().catch((error: unknown) =>
        log?.warn({ err: error }, "MongoDB reconnect failed; retrying at the next stuck heartbeat"),
      );
    },
  });
}

/**
 * Calls `onStuck` (once per heartbeat) when a server heartbeat of `client` has been pending for
 * longer than `stuckAfterMs`, checked every `checkEveryMs`: the SDAM monitoring events
 * `serverHeartbeatStarted`, then `serverHeartbeatSucceeded` or `serverHeartbeatFailed`, are
 * public driver events, and a heartbeat always ends in one of the last two unless the monitor
 * is stuck. Returns a function that stops watching.
 */
export function watchHeartbeats(
  client: Pick<mongo.MongoClient, "on" | "off">,
  opts: { stuckAfterMs: number; checkEveryMs: number; onStuck: (address: string, pendingMs: number) => void },
): () => void {
  const pending = new Map<string, number>();
  const started = (event: { connectionId: string }) => pending.set(event.connectionId, Date.now());
  const ended = (event: { connectionId: string }) => pending.delete(event.connectionId);
  client.on("serverHeartbeatStarted", started);
  client.on("serverHeartbeatSucceeded", ended);
  client.on("serverHeartbeatFailed", ended);
  const timer = setInterval(() => {
    for (const [address, since] of pending) {
      const pendingMs = Date.now() - since;
      if (pendingMs <= opts.stuckAfterMs) continue;
      pending.delete(address);
      opts.onStuck(address, pendingMs);
    }
  }, opts.checkEveryMs).unref();
  return () => {
    clearInterval(timer);
    client.off("serverHeartbeatStarted", started);
    client.off("serverHeartbeatSucceeded", ended);
    client.off("serverHeartbeatFailed", ended);
  };
}

/** Closes the connection opened by `connectDb` (tests and graceful shutdown). */
export async function disconnectDb(): Promise<void> {
  const db = processDb().__tabletapDb;
  db?.stopWatching?.();
  delete processDb().__tabletapDb;
  await mongoose.disconnect();
}
