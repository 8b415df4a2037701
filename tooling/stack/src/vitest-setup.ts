/**
 * Vitest globalSetup: `globalSetup: ["@tabletap/stack/vitest-setup"]` (through
 * `defineTestConfig({ services: true })` of @tabletap/vitest-config).
 *
 * If the environment does not name every service, it starts the missing local services (test
 * profile: free ports, a run of its own). Then it gives this package's tests a database and
 * orders queues (and a local Razorpay account) of their own on that stack (see `isolateSuite`),
 * copies the resulting env (MONGODB_URI, REDIS_URL, SQS_ENDPOINT, SES_ENDPOINT, AWS_*,
 * SQS_ORDERS_*, RAZORPAY_*) into `process.env`
 * for the test workers, and returns the teardown that removes them and stops what it started.
 */
import { basename } from "node:path";
import { localServices } from "./env";
import { startStack } from "./index";
import { isolateSuite } from "./isolate";

export default async function setup(): Promise<() => Promise<void>> {
  const stack =
    localServices(process.env).length > 0
      ? await startStack({ profile: "test", log: (line) => console.log(`[stack] ${line}`) })
      : undefined;
  if (stack) Object.assign(process.env, stack.env);
  const suite = await isolateSuite(process.env, basename(process.cwd()));
  Object.assign(process.env, suite.env);
  return async () => {
    await suite.cleanup();
    await stack?.stop();
  };
}
