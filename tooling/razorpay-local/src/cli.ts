/**
 * The local Razorpay driver, as the stack runs it:
 *
 *   tsx tooling/razorpay-local/src/cli.ts [--host 127.0.0.1] [--port 7080]
 *
 * With `RAZORPAY_KEY_ID`, `RAZORPAY_KEY_SECRET` and `RAZORPAY_WEBHOOK_SECRET` set, it starts with
 * that account (the stack's default one), whose webhooks go to `RAZORPAY_LOCAL_WEBHOOK_URL` when
 * set. Stops on SIGTERM/SIGINT.
 */
import { startRazorpayDriver } from "./server";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const { RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET, RAZORPAY_WEBHOOK_SECRET, RAZORPAY_LOCAL_WEBHOOK_URL } = process.env;
const defaultAccount =
  RAZORPAY_KEY_ID && RAZORPAY_KEY_SECRET && RAZORPAY_WEBHOOK_SECRET
    ? {
        keyId: RAZORPAY_KEY_ID,
        keySecret: RAZORPAY_KEY_SECRET,
        webhookSecret: RAZORPAY_WEBHOOK_SECRET,
        webhookUrl: RAZORPAY_LOCAL_WEBHOOK_URL || null,
      }
    : undefined;

const driver = await startRazorpayDriver({
  host: arg("host") ?? "127.0.0.1",
  port: Number(arg("port") ?? 7080),
  defaultAccount,
});
console.log(
  `razorpay-local listening at ${driver.url}` +
    (defaultAccount ? ` (account ${defaultAccount.keyId}, webhooks to ${defaultAccount.webhookUrl ?? "nowhere"})` : ""),
);
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.once(signal, () => void driver.close().then(() => process.exit(0)));
