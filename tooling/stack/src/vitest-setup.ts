/**
 * Vitest globalSetup: `globalSetup: ["@tabletap/stack/vitest-setup"]` in a vitest config.
 *
 * If the environment already names every service (for example when the tests run under
 * `stack --profile test -- ...`), it starts nothing. Otherwise it starts the missing local
 * services with the `test` profile, copies their env (MONGODB_URI, REDIS_URL, SQS_ENDPOINT,
 * SES_ENDPOINT, AWS_*, SQS_ORDERS_*) into `process.env` for the test workers, and returns the
 * teardown that stops what it started.
 */
import { localServices } from "./env";
import { startStack } from "./index";

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (localServices(process.env).length === 0) return undefined;
  const stack = await startStack({ profile: "test", log: (line) => console.log(`[stack] ${line}`) });
  Object.assign(process.env, stack.env);
  return () => stack.stop();
}
