/**
 * The Tabletap worker process: processes order events from SQS and relays the outbox (see
 * `startWorker`). Stops gracefully on SIGINT/SIGTERM: in-flight messages finish first.
 */
import { disconnectDb } from "@tabletap/db";
import { pino } from "pino";
import { loadWorkerEnv } from "./env";
import { startWorker } from "./worker";

const env = loadWorkerEnv();
const log = pino({ name: "worker", level: env.LOG_LEVEL });
const worker = await startWorker(env, log);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "worker stopping");
  await worker.stop();
  await disconnectDb();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
