/**
 * Signed-in guests and staff for the scenarios. Guests are minted, not signed in by phone OTP:
 * the customers are inserted directly and their sessions started in the stack's Redis with the
 * secrets the apps run with (`authEnv` of the same environment), which keeps the OTP rate limits
 * out of the measurements. Staff sign in through `auth.staffLogin` with the seeded demo credentials.
 */
import { authEnv, SESSION_COOKIES, TokenService } from "@tabletap/auth";
import { Customer } from "@tabletap/db";
import { createRedis } from "@tabletap/redis";
import { NO_COMPRESSION } from "./load";
import type { System } from "./system";

/** A signed-in guest: the customer id and the `Cookie` header value that carries the session. */
export interface Guest {
  customerId: string;
  cookie: string;
}

/** Customers minted so far by this process: the stack's database is new every run. */
let minted = 0;

/**
 * Inserts `count` customers with fresh phone numbers (+9170xxxxxxxx) and returns a guest session
 * for each (access tokens valid 15 minutes: mint anew per scenario).
 */
export async function mintGuests(system: System, count: number): Promise<Guest[]> {
  const docs = Array.from({ length: count }, () => {
    minted += 1;
    return { phone: `+9170${String(minted).padStart(8, "0")}`, name: `Bench guest ${minted}` };
  });
  const customers = await Customer.insertMany(docs);
  const env = authEnv(system.env);
  const redisUrl = system.env.REDIS_URL;
  if (!redisUrl) throw new Error("bench: the stack gave no REDIS_URL");
  const redis = createRedis(redisUrl);
  try {
    const tokens = new TokenService(redis, { access: env.JWT_ACCESS_SECRET, refresh: env.JWT_REFRESH_SECRET });
    return await Promise.all(
      customers.map(async (c) => {
        const customerId = c._id.toString();
        const { accessToken } = await tokens.startSession({ kind: "guest", customerId, phone: c.phone });
        return { customerId, cookie: `${SESSION_COOKIES.guest.access}=${accessToken}` };
      }),
    );
  } finally {
    redis.disconnect();
  }
}

/**
 * Signs the seeded manager in through the dashboard's `auth.staffLogin` (at `system.api.staff`) and returns the `Cookie`
 * header value of the staff session. @throws Error when the sign-in is refused.
 */
export async function signInStaff(system: System): Promise<string> {
  const account = system.demo.staff.find((s) => s.role === "manager") ?? system.demo.staff[0];
  if (!account) throw new Error("bench: the seed created no staff account");
  const res = await fetch(`${system.api.staff}/api/trpc/auth.staffLogin`, {
    method: "POST",
    headers: { ...NO_COMPRESSION, "content-type": "application/json" },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`bench: staff sign-in answered ${res.status}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
  const access = cookies.find((c) => c.startsWith(`${SESSION_COOKIES.staff.access}=`));
  if (!access) throw new Error("bench: staff sign-in set no access cookie");
  return access;
}
