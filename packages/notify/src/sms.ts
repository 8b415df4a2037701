import { randomUUID } from "node:crypto";
import twilio from "twilio";
import type { Redis } from "ioredis";
import type { NotifyEnv } from "./env";

/** Sends one text message. */
export interface SmsSender {
  /**
   * Sends `body` to `to` (E.164, e.g. "+919876543210"). Resolves to the provider's message id
   * once the provider has accepted the message (not when it is delivered). Rejects with a
   * RangeError when `to` is not E.164, or with the provider's error.
   */
  send(to: string, body: string): Promise<{ id: string }>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function assertE164(to: string): void {
  if (!E164.test(to)) throw new RangeError(`SMS recipient must be an E.164 phone number, got "${to}"`);
}

export interface TwilioSmsSenderOptions {
  accountSid: string;
  authToken: string;
  /** E.164 sender number, or a Messaging Service SID ("MG..."). */
  from: string;
  /** Options for the twilio client (timeouts, retries, a custom `httpClient`, ...). */
  clientOptions?: twilio.ClientOpts;
}

/** Sends SMS through Twilio's Messages API (`client.messages.create`). */
export class TwilioSmsSender implements SmsSender {
  readonly client: twilio.Twilio;
  private readonly from: string;

  constructor(opts: TwilioSmsSenderOptions) {
    this.client = twilio(opts.accountSid, opts.authToken, { autoRetry: true, maxRetries: 3, ...opts.clientOptions });
    this.from = opts.from;
  }

  /** @see SmsSender.send — the id is Twilio's message SID ("SM..."). Rejects with Twilio's RestException. */
  async send(to: string, body: string): Promise<{ id: string }> {
    assertE164(to);
    const sender = this.from.startsWith("MG") ? { messagingServiceSid: this.from } : { from: this.from };
    const message = await this.client.messages.create({ to, body, ...sender });
    return { id: message.sid };
  }
}

/** Redis list that the dev outbox writes to (newest first). */
export const DEV_SMS_OUTBOX_KEY = "dev:sms-outbox";
/** The dev outbox keeps this many newest messages. */
export const DEV_SMS_OUTBOX_MAX = 200;
/** Per recipient, the dev outbox also keeps this many newest messages... */
export const DEV_SMS_OUTBOX_PER_RECIPIENT = 20;
/** ...for this long after the last one (seconds): a day, longer than any sign-in code lives. */
export const DEV_SMS_OUTBOX_RECIPIENT_TTL_SECONDS = 86_400;

/** The list of one recipient's messages in the outbox `key`. */
const recipientKey = (key: string, to: string) => `${key}:to:${to}`;

/** A message recorded in the dev outbox. */
export interface DevSmsMessage {
  /** "dev-<uuid>". */
  id: string;
  /** E.164. */
  to: string;
  body: string;
  /** ISO-8601 UTC. */
  sentAt: string;
}

export interface DevOutboxOptions {
  /** Redis list key; default `dev:sms-outbox` (change it only to isolate tests). */
  key?: string;
  /** Messages kept in the shared list; default 200. */
  max?: number;
  /** Called after each message is recorded, e.g. to print OTPs in the dev server's log. */
  onSend?: (message: DevSmsMessage) => void;
}

/**
 * Development and test SMS driver: records each message in Redis instead of sending it, in one
 * transaction: LPUSH to the shared list `dev:sms-outbox` (trimmed to the newest 200, what the
 * dev outbox page shows) and to the recipient's own list `dev:sms-outbox:to:<E.164>` (newest
 * 20, expiring a day after the last message), so a recipient's messages can be read back
 * however many others were sent meanwhile. Read them with `readDevOutbox` (the e2e tests read
 * OTPs that way). Never used in production.
 */
export class DevOutboxSmsSender implements SmsSender {
  private readonly key: string;
  private readonly max: number;

  constructor(
    private readonly redis: Redis,
    private readonly opts: DevOutboxOptions = {},
  ) {
    this.key = opts.key ?? DEV_SMS_OUTBOX_KEY;
    this.max = opts.max ?? DEV_SMS_OUTBOX_MAX;
  }

  /** @see SmsSender.send — rejects with the Redis error when Redis is unreachable. */
  async send(to: string, body: string): Promise<{ id: string }> {
    assertE164(to);
    const message: DevSmsMessage = { id: `dev-${randomUUID()}`, to, body, sentAt: new Date().toISOString() };
    const json = JSON.stringify(message);
    const own = recipientKey(this.key, to);
    const results = await this.redis
      .multi()
      .lpush(this.key, json)
      .ltrim(this.key, 0, this.max - 1)
      .lpush(own, json)
      .ltrim(own, 0, DEV_SMS_OUTBOX_PER_RECIPIENT - 1)
      .expire(own, DEV_SMS_OUTBOX_RECIPIENT_TTL_SECONDS)
      .exec();
    const failed = results?.find(([err]) => err);
    if (!results || failed) throw failed?.[0] ?? new Error("Dev SMS outbox transaction was aborted");
    this.opts.onSend?.(message);
    return { id: message.id };
  }
}

/**
 * Reads the dev outbox, newest first: at most `limit` (default 50) messages of the outbox `key`
 * (default `dev:sms-outbox`) — all recipients' (the newest 200 kept), or with `to` (E.164) only
 * that recipient's (the newest 20 of the last day). Entries that are not valid JSON are skipped.
 */
export async function readDevOutbox(
  redis: Redis,
  opts: { limit?: number; key?: string; to?: string } = {},
): Promise<DevSmsMessage[]> {
  const { limit = 50, key = DEV_SMS_OUTBOX_KEY, to } = opts;
  if (limit <= 0) return [];
  const raw = await redis.lrange(to ? recipientKey(key, to) : key, 0, limit - 1);
  const out: DevSmsMessage[] = [];
  for (const item of raw) {
    try {
      out.push(JSON.parse(item) as DevSmsMessage);
    } catch {
      // skip foreign entries
    }
  }
  return out;
}

type SmsEnv = Pick<NotifyEnv, "NODE_ENV" | "TWILIO_ACCOUNT_SID" | "TWILIO_AUTH_TOKEN" | "TWILIO_FROM_NUMBER">;

/**
 * Picks the SMS driver from the environment: Twilio when `TWILIO_ACCOUNT_SID`,
 * `TWILIO_AUTH_TOKEN` and `TWILIO_FROM_NUMBER` are all set; otherwise the dev outbox in
 * `redis`. Throws an Error naming the missing variables when `NODE_ENV` is "production" and
 * Twilio is not fully configured (production never falls back to the outbox).
 */
export function createSmsSender(env: SmsEnv, redis: Redis, devOptions?: DevOutboxOptions): SmsSender {
  const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_FROM_NUMBER: from } = env;
  if (accountSid && authToken && from) return new TwilioSmsSender({ accountSid, authToken, from });
  if (env.NODE_ENV === "production") {
    const missing = (["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER"] as const).filter((k) => !env[k]);
    throw new Error(
      `SMS is not configured for production: set ${missing.join(", ")} (Twilio). ` +
        "The dev SMS outbox is only used outside production.",
    );
  }
  return new DevOutboxSmsSender(redis, devOptions);
}
