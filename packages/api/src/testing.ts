/**
 * Test support for router tests: callers with real cookies against the real local services.
 * Each test seeds its own restaurant under a random slug, so tests never see each other's data.
 */
import { randomBytes, randomInt } from "node:crypto";
import type { SessionAudience } from "@tabletap/auth";
import { MenuItem } from "@tabletap/db";
import { seedDemo, type DemoSeedResult } from "@tabletap/db/seed";
import { readDevOutbox } from "@tabletap/notify";
import { streamKey } from "@tabletap/realtime";
import { expect } from "vitest";
import { appRouter } from "./root";
import { loadServerEnv } from "./env";
import { createServices, type Services } from "./services";
import { createCallerFactory, createContext } from "./trpc";

const createCaller = createCallerFactory(appRouter);

/**
 * Services for tests, built from an explicit env: the test stack's environment with `overrides`
 * (e.g. `{ SQS_ENDPOINT: "http://127.0.0.1:9" }` for an unreachable queue). Nothing mutates `process.env`.
 */
export function testServices(overrides: Record<string, string> = {}): Services {
  return createServices(loadServerEnv({ ...process.env, ...overrides }));
}

/** The services test clients use unless given others. */
const defaultServices = testServices();
type Caller = ReturnType<typeof createCaller>;

/** A browser-like client: keeps the cookies the API sets, like a browser would. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  readonly ip = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;

  constructor(
    readonly audience: SessionAudience,
    readonly services: Services = defaultServices,
  ) {}

  /** Runs `fn` with a caller for one request, then stores the cookies the API set, as a browser would. */
  async call<T>(fn: (caller: Caller) => Promise<T>, opts: { signal?: AbortSignal } = {}): Promise<T> {
    const headers = new Headers({ cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ") });
    const resHeaders = new Headers();
    const ctx = await createContext(this.services, {
      headers,
      resHeaders,
      audience: this.audience,
      peerAddress: this.ip,
    });
    try {
      return await fn(createCaller(ctx, { signal: opts.signal }));
    } finally {
      for (const cookie of resHeaders.getSetCookie()) {
        const [name = "", value = ""] = (cookie.split(";")[0] ?? "").split("=");
        if (value === "") this.cookies.delete(name);
        else this.cookies.set(name, value);
      }
    }
  }
}

/** A random valid Indian mobile number in E.164, so rate limits of one test never hit another. */
export function randomPhone(): string {
  return `+919${String(randomInt(100_000_000, 999_999_999))}`;
}

/** The newest sign-in code texted to `phone`, read from the dev SMS outbox. */
export async function latestOtp(phone: string): Promise<string> {
  const [message] = await readDevOutbox(defaultServices.redis, { to: phone, limit: 1 });
  const code = message?.body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`No OTP SMS found for ${phone}`);
  return code;
}

interface SesStoredEmail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
}

/** What the local SES stand-in "sent" to `address`, oldest first (its `/store`). */
export async function emailsTo(address: string): Promise<SesStoredEmail[]> {
  const response = await fetch(new URL("/store", defaultServices.env.SES_ENDPOINT));
  const { emails } = (await response.json()) as { emails: SesStoredEmail[] };
  return emails.filter((email) => email.destination.to.includes(address));
}

/** The newest one-time code emailed to `address`, read from the local SES stand-in. */
export async function latestEmailedCode(address: string): Promise<string> {
  const code = (await emailsTo(address)).at(-1)?.subject.match(/^(\d{6})\b/)?.[1];
  if (!code) throw new Error(`No code emailed to ${address}`);
  return code;
}

/** A guest signed in through the real OTP flow, calling the API with `services`. */
export async function signedInGuest(phone = randomPhone(), services: Services = defaultServices): Promise<TestClient> {
  const client = new TestClient("guest", services);
  await client.call((api) => api.auth.requestOtp({ phone }));
  const code = await latestOtp(phone);
  await client.call((api) => api.auth.verifyOtp({ phone, code }));
  return client;
}

/** A fresh demo restaurant under a random slug, with its staff accounts. */
export async function seedRestaurant(): Promise<
  DemoSeedResult & { items: Awaited<ReturnType<typeof menuItemsByName>> }
> {
  await defaultServices.connectDb();
  const slug = `t-${randomBytes(6).toString("hex")}`;
  const seeded = await seedDemo({ slug, staffEmailDomain: `${slug}.test` });
  return { ...seeded, items: await menuItemsByName(seeded.restaurantId) };
}

async function menuItemsByName(restaurantId: string) {
  const items = await MenuItem.find({ restaurantId }).lean();
  return new Map(items.map((item) => [item.name, item]));
}

/** A staff client of the restaurant, signed in with its seeded password, calling the API with `services`. */
export async function signedInStaff(
  seeded: DemoSeedResult,
  role: "staff" | "manager" = "staff",
  services: Services = defaultServices,
): Promise<TestClient> {
  const account = seeded.staff.find((s) => s.role === role);
  if (!account) throw new Error(`No ${role} seeded`);
  const client = new TestClient("staff", services);
  await client.call((api) => api.auth.staffLogin({ email: account.email, password: account.password }));
  return client;
}

/**
 * Resolves once a live subscription listens on the realtime `channel` (for example
 * `channels.kitchen(restaurantId)`), so what the test does next is seen live; fails after the
 * `expect.poll` bound. A subscription starts listening at its first `next()`.
 */
export async function subscribed(channel: string): Promise<void> {
  const listeners = async () =>
    Number(((await defaultServices.redis.pubsub("NUMSUB", streamKey(channel))) as [string, number])[1]);
  await expect.poll(listeners, { message: `a live subscription on ${channel}` }).toBeGreaterThan(0);
}

/** The next event of a subscription as `{ id, data }` (tRPC yields `tracked()` events as `[id, data, symbol]`). */
export async function nextEvent<T>(iterator: AsyncIterator<unknown>): Promise<{ id: string; data: T }> {
  const next = await iterator.next();
  if (next.done) throw new Error("The subscription ended");
  const [id, data] = next.value as [string, T];
  return { id, data };
}
