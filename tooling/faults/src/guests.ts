/**
 * The run's restaurants and guests. Restaurants are the demo restaurant seeded under fresh slugs
 * (10 tables each). Guests sign in through the real OTP flow over HTTP (`auth.requestOtp`, the
 * code read from the dev SMS outbox, `auth.verifyOtp`), or, past `otpGuests`, by a fixture that
 * creates the session as `auth.verifyOtp` does (the customer stored, a session started in Redis
 * with `TokenService.startSession` and the API's secrets): the OTP limits per IP and per hour (`OTP_POLICY`) are meant to stop a
 * thousand sign-ins from one machine, and the run is about orders, not sign-ins. The kitchen is
 * read as its display reads it: the manager signs in with the password, then `kitchen.tickets`.
 */
import { randomBytes } from "node:crypto";
import { authEnv, SESSION_COOKIES, TokenService } from "@tabletap/auth";
import { Customer, MenuItem } from "@tabletap/db";
import { seedDemo } from "@tabletap/db/seed";
import { readDevOutbox } from "@tabletap/notify";
import type { Redis } from "@tabletap/redis";
import { clientAddress, cookieHeader, trpcCall } from "./client";

export interface FaultRestaurant {
  id: string;
  name: string;
  tables: { label: string; code: string }[];
  /** A dish every order holds (no required choices). */
  staple: string;
  /** A dish some orders add, 86'd during the run: orders still holding it are then rejected. */
  special: string;
  /** The seeded manager's sign-in, to read the kitchen display. */
  manager: { email: string; password: string };
}

export interface Guest {
  /** 0-based guest number; also picks the guest's client address. */
  n: number;
  phone: string;
  customerId: string;
  /** The `Cookie` header value carrying the guest session. */
  cookie: string;
  localAddress: string;
  restaurant: FaultRestaurant;
  /** The QR code of the table the guest sits at. */
  tableCode: string;
  signedInBy: "otp" | "fixture";
}

/** Seeds `count` restaurants named "Faults Kitchen 1..n" under fresh slugs, with their two dishes picked. */
export async function seedRestaurants(count: number): Promise<FaultRestaurant[]> {
  const run = randomBytes(3).toString("hex");
  const restaurants: FaultRestaurant[] = [];
  for (let i = 1; i <= count; i++) {
    const slug = `faults-${run}-${i}`;
    const name = `Faults Kitchen ${i}`;
    const seeded = await seedDemo({ slug, name, staffEmailDomain: `${slug}.test` });
    const items = await MenuItem.find({ restaurantId: seeded.restaurantId, available: true }).sort({ name: 1 }).lean();
    const simple = items.filter((item) => item.modifierGroups.every((group) => group.minSelect === 0));
    const [staple, special] = simple;
    if (!staple || !special)
      throw new Error("faults: the demo menu has fewer than two dishes without required choices");
    const manager = seeded.staff.find((account) => account.role === "manager");
    if (!manager) throw new Error("faults: the seed created no manager");
    restaurants.push({
      id: seeded.restaurantId,
      name,
      tables: seeded.tables,
      staple: staple._id.toString(),
      special: special._id.toString(),
      manager: { email: manager.email, password: manager.password },
    });
  }
  return restaurants;
}

/**
 * Guest `n`'s phone (n < 10,000): +91 98, n in 4 digits, twice: a valid Indian mobile number
 * whose prefix (all but the last 4 digits) is the guest's own, as real guests' are, so the
 * sign-in texts per number prefix (`OTP_POLICY`) count each guest alone.
 */
const phoneOf = (n: number) => `+9198${String(n).padStart(4, "0").repeat(2)}`;

/**
 * Signs in `count` guests: the first `otpGuests` through the real OTP flow at `apiUrl`, the rest
 * by the fixture. Guest n sits at table n of all the restaurants' tables (round robin), so
 * guests spread evenly over tables and restaurants.
 * @param env the environment the API server runs with (its JWT secret signs the fixture's tokens).
 * @throws Error when a sign-in through the OTP flow fails.
 */
export async function signInGuests(opts: {
  apiUrl: string;
  env: Record<string, string>;
  redis: Redis;
  restaurants: FaultRestaurant[];
  count: number;
  otpGuests: number;
}): Promise<Guest[]> {
  const seats = opts.restaurants.flatMap((restaurant) => restaurant.tables.map((table) => ({ restaurant, table })));
  const seatOf = (n: number) => {
    const seat = seats[n % seats.length];
    if (!seat) throw new Error("faults: no tables");
    return { restaurant: seat.restaurant, tableCode: seat.table.code };
  };
  const guests: Guest[] = [];
  const otpCount = Math.min(opts.otpGuests, opts.count);
  for (let n = 0; n < otpCount; n++) guests.push(await signInWithOtp(opts.apiUrl, opts.redis, n, seatOf(n)));

  const fixtureNumbers = Array.from({ length: opts.count - otpCount }, (_, i) => otpCount + i);
  const customers = await Customer.insertMany(
    fixtureNumbers.map((n) => ({ phone: phoneOf(n), lastSeenAt: new Date() })),
  );
  const { JWT_ACCESS_SECRET, JWT_REFRESH_SECRET } = authEnv(opts.env);
  const tokens = new TokenService(opts.redis, { access: JWT_ACCESS_SECRET, refresh: JWT_REFRESH_SECRET });
  for (const [i, customer] of customers.entries()) {
    const n = fixtureNumbers[i] ?? 0;
    const customerId = customer._id.toString();
    const { accessToken } = await tokens.startSession({ kind: "guest", customerId, phone: customer.phone });
    guests.push({
      n,
      phone: customer.phone,
      customerId,
      cookie: `${SESSION_COOKIES.guest.access}=${accessToken}`,
      localAddress: clientAddress(n),
      ...seatOf(n),
      signedInBy: "fixture",
    });
  }
  return guests;
}

/** Guest `n` signs in as a phone does: asks for a code, reads the SMS, sends the code back. */
async function signInWithOtp(
  apiUrl: string,
  redis: Redis,
  n: number,
  seat: { restaurant: FaultRestaurant; tableCode: string },
): Promise<Guest> {
  const phone = phoneOf(n);
  const localAddress = clientAddress(n);
  const asked = await trpcCall({ baseUrl: apiUrl, procedure: "auth.requestOtp", input: { phone }, localAddress });
  if (!asked.ok) throw new Error(`faults: auth.requestOtp for ${phone} answered ${asked.status} ${asked.message}`);
  const [sms] = await readDevOutbox(redis, { to: phone, limit: 1 });
  const code = /\b(\d{6})\b/.exec(sms?.body ?? "")?.[1];
  if (!code) throw new Error(`faults: no sign-in code texted to ${phone}`);
  const verified = await trpcCall({
    baseUrl: apiUrl,
    procedure: "auth.verifyOtp",
    input: { phone, code },
    localAddress,
  });
  if (!verified.ok)
    throw new Error(`faults: auth.verifyOtp for ${phone} answered ${verified.status} ${verified.message}`);
  const { customer } = verified.data as { customer: { id: string } };
  return {
    n,
    phone,
    customerId: customer.id,
    cookie: cookieHeader(verified.cookies),
    localAddress,
    ...seat,
    signedInBy: "otp",
  };
}

/**
 * The tickets on `restaurant`'s kitchen display (`kitchen.tickets` at the staff `apiUrl`, its
 * manager signed in with the password from client address `localAddress`): id and status of
 * each, and how many it does not show.
 * @throws Error when the sign-in or the read fails.
 */
export async function kitchenBoard(
  apiUrl: string,
  restaurant: FaultRestaurant,
  localAddress: string,
): Promise<{ tickets: { id: string; status: string }[]; hidden: number }> {
  const login = await trpcCall({
    baseUrl: apiUrl,
    procedure: "auth.staffLogin",
    input: restaurant.manager,
    localAddress,
  });
  if (!login.ok)
    throw new Error(`faults: staff sign-in at ${restaurant.name} answered ${login.status} ${login.message}`);
  const tickets = await trpcCall({
    baseUrl: apiUrl,
    procedure: "kitchen.tickets",
    localAddress,
    cookie: cookieHeader(login.cookies),
  });
  if (!tickets.ok)
    throw new Error(`faults: kitchen.tickets at ${restaurant.name} answered ${tickets.status} ${tickets.message}`);
  return tickets.data as { tickets: { id: string; status: string }[]; hidden: number };
}
