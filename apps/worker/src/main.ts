/**
 * The Tabletap worker process: processes order events from SQS, relays the outbox and sends receipts (see
 * `startWorker`), with a health server on `WORKER_HEALTH_PORT` (`GET /health`, `GET /ready`).
 *
 * Graceful shutdown on SIGTERM or SIGINT: `/ready` answers 503 at once, no new message is
 * received, the events being handled finish and are acknowledged (at most
 * `WORKER_SHUTDOWN_TIMEOUT_MS`; any still running then are left unacknowledged and SQS redelivers
 * them after their visibility timeout), the connections are closed and the process exits 0 (1
 * when closing failed). An idle worker first waits for its long polls in flight (at most
 * `WORKER_RECEIVE_WAIT_SECONDS`): see `OrderEventConsumer.stop`. A second signal exits at once (1).
 */
import { disconnectDb } from "@tabletap/db";
import { pino } from "pino";
import { loadWorkerEnv } from "./env";
import { startHealthServer } from "./health";
import { startWorker } from "./worker";

const env = loadWorkerEnv();
const log = pino({ name: "worker", level: env.LOG_LEVEL });
const worker = await startWorker(env, log);
let stopping = false;
const health =
  env.WORKER_HEALTH_PORT === 0
    ? null
    : await startHealthServer({
        host: env.WORKER_HEALTH_HOST,
        port: env.WORKER_HEALTH_PORT,
        checks: worker.checks,
        stopping: () => stopping,
        log,
      });
if (health) log.info({ url: health.url }, "worker health server listening");

async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    log.warn({ signal }, "worker stopping now, without waiting");
    process.exit(1);
  }
  stopping = true;
  log.info({ signal, timeoutMs: env.WORKER_SHUTDOWN_TIMEOUT_MS }, "worker stopping");
  try {
    const { drained } = await worker.stop();
    if (!drained)
      log.warn("worker stopped with events still being handled; SQS redelivers them after their visibility timeout");
    await disconnectDb();
    await health?.close();
    log.info({ drained }, "worker stopped");
    process.exit(0);
  } catch (err) {
    log.error({ err }, "worker could not stop cleanly");
    process.exit(1);
  }
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
