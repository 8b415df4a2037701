/**
 * The faults, one after another while the orders keep coming: the worker killed with SIGKILL
 * while it holds received messages, the SQS server killed and kept down (the special 86'd
 * halfway through the outage, so orders still holding it are rejected once processed), Redis
 * killed and restarted, MongoDB restarted. Each starts once a share of the orders has been
 * started after the previous one ended, so that every fault happens under load.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { FaultSystem } from "./system";

export interface FaultPlan {
  /** Seconds the SQS server stays stopped. */
  sqsDownS: number;
  /** Seconds Redis stays down after its SIGKILL. */
  redisDownS: number;
  /** Seconds MongoDB stays down after its clean stop. */
  mongodbDownS: number;
  /** Orders started between one fault's end and the next one's start, as a share of all orders (e.g. 0.1). */
  gapShare: number;
}

/** What happened during one fault. */
export interface FaultRecord {
  name: string;
  /** Seconds since the load started. */
  fromS: number;
  toS: number;
  /** Orders started between `fromS` and `toS`. */
  ordersStarted: number;
  details: string;
}

/** How far the load is, as the fault script watches it. */
export interface LoadProgress {
  /** Orders started so far. */
  started(): number;
  total: number;
  /** Seconds since the load started. */
  nowS(): number;
}

/**
 * Runs the faults of `plan` against `system`, each once `gapShare` of the orders were started
 * after the previous one ended (or at once when the load has ended), and returns what happened.
 * @param opts.take86 takes the special off the menu (called halfway through the SQS outage).
 * @throws Error when a service or process does not come back.
 */
export async function runFaults(opts: {
  system: FaultSystem;
  sqs: SQSClient;
  ordersQueueUrl: string;
  plan: FaultPlan;
  progress: LoadProgress;
  take86: () => Promise<void>;
  log: (line: string) => void;
}): Promise<FaultRecord[]> {
  const { system, plan, progress, log } = opts;
  const gap = Math.max(1, Math.round(plan.gapShare * progress.total));
  const records: FaultRecord[] = [];
  let threshold = gap;

  const fault = async (name: string, act: () => Promise<string>) => {
    while (progress.started() < Math.min(threshold, progress.total)) await sleep(50);
    const fromS = progress.nowS();
    const startedBefore = progress.started();
    log(`${name} (${fromS.toFixed(1)} s, ${startedBefore} orders started)`);
    const details = await act();
    const toS = progress.nowS();
    records.push({ name, fromS, toS, ordersStarted: progress.started() - startedBefore, details });
    log(`${name}: ${details} (${toS.toFixed(1)} s)`);
    threshold = progress.started() + gap;
  };

  await fault("worker killed (SIGKILL) mid-batch", async () => {
    const inFlight = await messagesInFlight(opts.sqs, opts.ordersQueueUrl);
    await system.worker.kill();
    const killedAt = Date.now();
    await system.worker.start();
    return `${inFlight} messages received and not yet deleted at the kill; a new worker answered ${((Date.now() - killedAt) / 1000).toFixed(1)} s later`;
  });

  await fault(`SQS server stopped (SIGKILL) for ${plan.sqsDownS} s`, async () => {
    await system.stack.stopService("sqs", { signal: "SIGKILL" });
    const stoppedAt = Date.now();
    await sleep((plan.sqsDownS * 1000) / 2);
    await opts.take86();
    const took86AtS = (Date.now() - stoppedAt) / 1000;
    await sleep(stoppedAt + plan.sqsDownS * 1000 - Date.now());
    const restartAt = Date.now();
    await system.stack.startService("sqs");
    return `the special 86'd ${took86AtS.toFixed(1)} s into the outage; ElasticMQ answered again ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s after the stop (${((Date.now() - restartAt) / 1000).toFixed(1)} s to start)`;
  });

  await fault(`Redis killed (SIGKILL) and restarted after ${plan.redisDownS} s`, async () => {
    await system.stack.stopService("redis", { signal: "SIGKILL" });
    const stoppedAt = Date.now();
    await sleep(plan.redisDownS * 1000);
    await system.stack.startService("redis");
    return `Redis answered again ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s after the kill (append-only file, fsync always)`;
  });

  await fault(`MongoDB stopped and restarted after ${plan.mongodbDownS} s`, async () => {
    await system.stack.stopService("mongodb");
    const stoppedAt = Date.now();
    await sleep(plan.mongodbDownS * 1000);
    await system.stack.startService("mongodb");
    return `mongo-java-server (file store) answered again ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s after the stop`;
  });

  if (progress.started() >= progress.total)
    log("warning: the load ended before the last fault: raise --orders or lower the rate");
  return records;
}

/**
 * Waits (up to 20 s) until the worker holds received, undeleted messages
 * (`ApproximateNumberOfMessagesNotVisible` > 0) and returns how many.
 */
async function messagesInFlight(sqs: SQSClient, QueueUrl: string): Promise<number> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessagesNotVisible"] }),
    );
    const inFlight = Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
    if (inFlight > 0 || Date.now() > deadline) return inFlight;
    await sleep(10);
  }
}
