import { randomInt } from "node:crypto";
import { STAFF_LOGIN_ATTEMPTS } from "@tabletap/auth";
import { OTP_POLICY, phoneCountry, toE164 } from "@tabletap/core";
import { Customer, Restaurant, Staff } from "@tabletap/db";
import { readDevOutbox } from "@tabletap/notify";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { getServices } from "../services";
import { SESSION_RECHECK_MS } from "../trpc";
import {
  emailsTo,
  latestEmailedCode,
  latestOtp,
  randomPhone,
  seedRestaurant,
  signedInGuest,
  signedInStaff,
  TestClient,
  testServices,
} from "../testing";
import { deactivateStaff } from "../use-cases/staff";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("guest sign-in with a phone OTP", () => {
  it("texts a 6-digit code to the E.164 number and signs the guest in with it", async () => {
    const guest = new TestClient("guest");
    // Typed as a guest would: the national number with a space, no country code.
    const phone = randomPhone();
    const sent = await guest.call((api) => api.auth.requestOtp({ phone: `${phone.slice(3, 8)} ${phone.slice(8)}` }));
    expect(sent.phone).toBe(phone);
    expect(sent.maskedPhone).not.toContain(sent.phone.slice(3, 8));
    expect(sent.expiresInSeconds).toBe(OTP_POLICY.ttlSeconds);
    const code = await latestOtp(sent.phone);
    const { customer } = await guest.call((api) => api.auth.verifyOtp({ phone: sent.phone, code }));
    expect(customer.phone).toBe(sent.phone);
    expect(guest.cookies.has("tt_guest_at")).toBe(true);
    expect(guest.cookies.has("tt_guest_rt")).toBe(true);
    const session = await guest.call((api) => api.auth.session());
    expect(session.guest?.phone).toBe(sent.phone);
    expect(session.staff).toBeNull();
  });

  it("rejects a malformed phone number with BAD_REQUEST and sends nothing", async () => {
    const guest = new TestClient("guest");
    await expect(guest.call((api) => api.auth.requestOtp({ phone: "12345" }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/valid mobile number/),
    });
    await expect(guest.call((api) => api.auth.requestOtp({ phone: "" }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Enter your phone number",
    });
  });

  it("refuses a second code within the 30-second resend cooldown", async () => {
    const guest = new TestClient("guest");
    const phone = randomPhone();
    await guest.call((api) => api.auth.requestOtp({ phone }));
    await expect(guest.call((api) => api.auth.requestOtp({ phone }))).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/wait \d+ seconds/),
    });
  });

  it("counts wrong codes and burns the code after 3 misses", async () => {
    const guest = new TestClient("guest");
    const phone = randomPhone();
    await guest.call((api) => api.auth.requestOtp({ phone }));
    const code = await latestOtp(phone);
    const wrong = code === "000000" ? "111111" : "000000";
    await expect(guest.call((api) => api.auth.verifyOtp({ phone, code: wrong }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "That code isn't right. 2 tries left.",
    });
    await expect(guest.call((api) => api.auth.verifyOtp({ phone, code: wrong }))).rejects.toMatchObject({
      message: "That code isn't right. 1 try left.",
    });
    await expect(guest.call((api) => api.auth.verifyOtp({ phone, code: wrong }))).rejects.toMatchObject({
      message: "Too many wrong codes. Ask for a new one.",
    });
    // Even the right code no longer works: it was burned.
    await expect(guest.call((api) => api.auth.verifyOtp({ phone, code }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/expired/),
    });
    expect(guest.cookies.size).toBe(0);
  });

  it("treats a code that was never sent (or has expired) as expired", async () => {
    const guest = new TestClient("guest");
    expect(await codeOf(guest.call((api) => api.auth.verifyOtp({ phone: randomPhone(), code: "123456" })))).toBe(
      "BAD_REQUEST",
    );
  });

  it("rejects a code that isn't 6 digits before touching the store", async () => {
    const guest = new TestClient("guest");
    await expect(guest.call((api) => api.auth.verifyOtp({ phone: randomPhone(), code: "12ab" }))).rejects.toMatchObject(
      { code: "BAD_REQUEST", message: "Enter the 6-digit code" },
    );
  });

  it("rate limits code requests per IP", async () => {
    const guest = new TestClient("guest");
    for (let i = 0; i < OTP_POLICY.requestsPerIpPerHour; i += 1)
      await guest.call((api) => api.auth.requestOtp({ phone: randomPhone() }));
    await expect(guest.call((api) => api.auth.requestOtp({ phone: randomPhone() }))).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/this network/),
    });
  });

  it("rate limits codes per phone number, across networks", async () => {
    const phone = randomPhone();
    for (let i = 0; i < OTP_POLICY.requestsPerPhonePerHour; i += 1) {
      await new TestClient("guest").call((api) => api.auth.requestOtp({ phone }));
      // Let the 30-second resend cooldown pass without waiting for it.
      await getServices().redis.del(`otp:cooldown:sign-in:${phone}:sms`);
    }
    await expect(new TestClient("guest").call((api) => api.auth.requestOtp({ phone }))).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/Too many codes sent to this number/),
    });
  });

  it("rotates the refresh token: a refresh works once, a replay is refused", async () => {
    const guest = await signedInGuest();
    const firstRefresh = guest.cookies.get("tt_guest_rt");
    await guest.call((api) => api.auth.refresh());
    expect(guest.cookies.get("tt_guest_rt")).not.toBe(firstRefresh);
    const replay = new TestClient("guest");
    replay.cookies.set("tt_guest_rt", firstRefresh ?? "");
    expect(await codeOf(replay.call((api) => api.auth.refresh()))).toBe("UNAUTHORIZED");
  });

  it("says the session is renewable when only the refresh cookie is left, and not once renewed", async () => {
    const guest = await signedInGuest();
    expect(await guest.call((api) => api.auth.session())).toMatchObject({ renewable: false });
    // The 15-minute access cookie expired (the browser dropped it); the 7-day refresh cookie is left.
    guest.cookies.delete("tt_guest_at");
    expect(await guest.call((api) => api.auth.session())).toMatchObject({ guest: null, renewable: true });
    await guest.call((api) => api.auth.refresh());
    expect(await guest.call((api) => api.auth.session())).toMatchObject({
      guest: expect.objectContaining({ id: expect.any(String) }),
      renewable: false,
    });
    // Only the request's own app counts: a staff request with the guest's cookies can't renew a staff session.
    const asStaff = new TestClient("staff");
    asStaff.cookies.set("tt_guest_rt", guest.cookies.get("tt_guest_rt") ?? "");
    expect(await asStaff.call((api) => api.auth.session())).toMatchObject({ renewable: false });
  });

  it("logout revokes the session", async () => {
    const guest = await signedInGuest();
    const refresh = guest.cookies.get("tt_guest_rt");
    await guest.call((api) => api.auth.logout());
    expect(guest.cookies.size).toBe(0);
    const stolen = new TestClient("guest");
    stolen.cookies.set("tt_guest_rt", refresh ?? "");
    expect(await codeOf(stolen.call((api) => api.auth.refresh()))).toBe("UNAUTHORIZED");
  });
});

describe("guest sign-in under parallel guesses", () => {
  /** Messages of the settled calls; a fulfilled call reads "signed in". */
  const messagesOf = (results: PromiseSettledResult<unknown>[]) =>
    results.map((r) => (r.status === "fulfilled" ? "signed in" : (r.reason as Error).message));
  /** Guesses that were compared with the code: the others found it already burnt. */
  const compared = (messages: string[]) => messages.filter((m) => !m.includes("expired"));

  it("one batch of wrong codes and then the right one does not sign in: at most 3 guesses are compared", async () => {
    const guest = new TestClient("guest");
    const phone = randomPhone();
    await guest.call((api) => api.auth.requestOtp({ phone }));
    const code = await latestOtp(phone);
    const wrong = code === "000000" ? "111111" : "000000";
    // One tRPC batch: every call shares the request's context and runs at once.
    const results = await guest.call((api) =>
      Promise.allSettled([
        ...Array.from({ length: 24 }, () => api.auth.verifyOtp({ phone, code: wrong })),
        api.auth.verifyOtp({ phone, code }),
      ]),
    );
    const messages = messagesOf(results);
    expect(compared(messages)).toEqual([
      "That code isn't right. 2 tries left.",
      "That code isn't right. 1 try left.",
      "Too many wrong codes. Ask for a new one.",
    ]);
    expect(messages.at(-1)).toMatch(/expired/);
    expect(guest.cookies.size).toBe(0);
    await expect(guest.call((api) => api.auth.verifyOtp({ phone, code }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/expired/),
    });
  });

  it("the right code sent many times at once signs in once", async () => {
    const guest = new TestClient("guest");
    const phone = randomPhone();
    await guest.call((api) => api.auth.requestOtp({ phone }));
    const code = await latestOtp(phone);
    const results = await guest.call((api) =>
      Promise.allSettled(Array.from({ length: 6 }, () => api.auth.verifyOtp({ phone, code }))),
    );
    expect(messagesOf(results).filter((m) => m === "signed in")).toHaveLength(1);
  });
});

/** A random valid US mobile number in E.164 (random enough that no two tests share a number prefix). */
function randomUsPhone(): string {
  for (;;) {
    const phone = toE164(`+1415${randomInt(2_000_000, 9_999_999)}`);
    if (phone && phoneCountry(phone) === "US") return phone;
  }
}

describe("guest sign-in: where codes may be texted (SMS pumping)", () => {
  it("texts only numbers from the countries the table's restaurant allows, by default its own", async () => {
    const seeded = await seedRestaurant();
    const tableCode = seeded.tables[0]!.code;
    const us = randomUsPhone();
    await expect(
      new TestClient("guest").call((api) => api.auth.requestOtp({ phone: us, tableCode })),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "We can only text numbers from India here." });
    expect(await readDevOutbox(getServices().redis, { to: us }), "nothing texted").toEqual([]);
    const india = randomPhone();
    await expect(
      new TestClient("guest").call((api) => api.auth.requestOtp({ phone: india, tableCode })),
    ).resolves.toMatchObject({ phone: india, channel: "sms" });

    await Restaurant.updateOne({ _id: seeded.restaurantId }, { $set: { allowedPhoneCountries: ["IN", "US"] } });
    await expect(
      new TestClient("guest").call((api) => api.auth.requestOtp({ phone: us, tableCode })),
    ).resolves.toMatchObject({ phone: us });
    await expect(
      new TestClient("guest").call((api) => api.auth.requestOtp({ phone: "+44 7911 123456", tableCode })),
    ).rejects.toMatchObject({ message: "We can only text numbers from India or United States here." });
    await expect(
      new TestClient("guest").call((api) => api.auth.requestOtp({ phone: us, tableCode: "not-a-table-code" })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("without a table code, texts the countries of OTP_ALLOWED_COUNTRIES (default India)", async () => {
    const us = randomUsPhone();
    await expect(new TestClient("guest").call((api) => api.auth.requestOtp({ phone: us }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "We can only text numbers from India here.",
    });
    const services = testServices({ OTP_ALLOWED_COUNTRIES: "IN,US" });
    await expect(
      new TestClient("guest", services).call((api) => api.auth.requestOtp({ phone: us })),
    ).resolves.toMatchObject({ phone: us });
  });

  it("caps the codes texted to one block of numbers per hour, across networks", async () => {
    // Numbers differing only in their last 4 digits: a run of premium numbers an attacker rents.
    const block = `+919${randomInt(10_000, 99_999)}`;
    const numbers = Array.from({ length: OTP_POLICY.smsPerNumberPrefixPerHour + 1 }, (_, i) => `${block}${2000 + i}`);
    for (const phone of numbers.slice(0, -1))
      await new TestClient("guest").call((api) => api.auth.requestOtp({ phone }));
    await expect(
      new TestClient("guest").call((api) => api.auth.requestOtp({ phone: numbers.at(-1)! })),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", message: expect.stringMatching(/numbers like this one/) });
    expect(await readDevOutbox(getServices().redis, { to: numbers.at(-1)! })).toEqual([]);
  });
});

describe("guest sign-in by email when SMS fails", () => {
  /** A signed-in guest with a verified email; returns their phone and address. */
  async function guestWithVerifiedEmail() {
    const phone = randomPhone();
    const guest = await signedInGuest(phone);
    const email = `guest-${crypto.randomUUID()}@example.com`;
    await guest.call((api) => api.customer.requestEmailVerification({ email }));
    const code = await latestEmailedCode(email);
    await guest.call((api) => api.customer.verifyEmail({ email, code }));
    return { phone, email };
  }

  it("emails the code to the number's verified email, and that code signs in", async () => {
    const { phone, email } = await guestWithVerifiedEmail();
    const device = new TestClient("guest");
    // A code was texted moments ago (the SMS cooldown runs) and never came: email it at once.
    await expect(device.call((api) => api.auth.requestOtp({ phone }))).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    const sent = await device.call((api) => api.auth.requestOtp({ phone, channel: "email" }));
    expect(sent).toMatchObject({ phone, channel: "email", sentTo: "g•••@example.com" });
    expect(JSON.stringify(sent)).not.toContain(email);
    const code = await latestEmailedCode(email);
    const { customer } = await device.call((api) => api.auth.verifyOtp({ phone, code }));
    expect(customer).toMatchObject({ phone, email, emailVerified: true });
    expect(device.cookies.has("tt_guest_at")).toBe(true);
  });

  it("refuses a number without a verified email, sending nothing", async () => {
    const unknown = randomPhone();
    await expect(
      new TestClient("guest").call((api) => api.auth.requestOtp({ phone: unknown, channel: "email" })),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "This number has no verified email. Ask for the code by SMS.",
    });

    // An email saved but never verified doesn't count either.
    const phone = randomPhone();
    const guest = await signedInGuest(phone);
    const email = `guest-${crypto.randomUUID()}@example.com`;
    await guest.call((api) => api.customer.updateProfile({ email }));
    expect((await Customer.findOne({ phone }).lean())?.email).toBe(email);
    await expect(
      new TestClient("guest").call((api) => api.auth.requestOtp({ phone, channel: "email" })),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await emailsTo(email)).toEqual([]);
  });
});

describe("staff sign-in", () => {
  it("signs staff in with the seeded password and refuses a wrong one with the same message as an unknown email", async () => {
    const seeded = await seedRestaurant();
    const account = seeded.staff.find((s) => s.role === "staff")!;
    const staff = new TestClient("staff");
    const { staff: me } = await staff.call((api) =>
      api.auth.staffLogin({ email: account.email.toUpperCase(), password: account.password }),
    );
    expect(me).toMatchObject({ email: account.email, role: "staff", restaurantId: seeded.restaurantId });
    expect(staff.cookies.has("tt_staff_at")).toBe(true);

    const other = new TestClient("staff");
    await expect(
      other.call((api) => api.auth.staffLogin({ email: account.email, password: "wrong-password" })),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "Wrong email or password." });
    await expect(
      other.call((api) => api.auth.staffLogin({ email: "nobody@example.com", password: "x" })),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "Wrong email or password." });
    await expect(
      other.call((api) => api.auth.staffLogin({ email: "not-an-email", password: "x" })),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Enter a valid email" });
  });

  it("throttles password guessing per email and IP, even for the right password", async () => {
    const seeded = await seedRestaurant();
    const account = seeded.staff.find((s) => s.role === "manager")!;
    const attacker = new TestClient("staff");
    for (let i = 0; i < STAFF_LOGIN_ATTEMPTS; i += 1) {
      await expect(
        attacker.call((api) => api.auth.staffLogin({ email: account.email, password: `guess-${i}` })),
      ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
    await expect(
      attacker.call((api) => api.auth.staffLogin({ email: account.email, password: account.password })),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", message: expect.stringMatching(/Too many sign-in attempts/) });
    expect(attacker.cookies.size).toBe(0);
    // The manager at another terminal is not locked out.
    await expect(
      new TestClient("staff").call((api) => api.auth.staffLogin({ email: account.email, password: account.password })),
    ).resolves.toMatchObject({ staff: { role: "manager" } });
  });
});

/** A new client holding only `cookies` taken from another one: a stolen or left-behind copy. */
function clientWith(audience: "guest" | "staff", cookies: Record<string, string | undefined>): TestClient {
  const client = new TestClient(audience);
  for (const [name, value] of Object.entries(cookies)) client.cookies.set(name, value ?? "");
  return client;
}

/** An order id nobody has: a signed-in guest gets NOT_FOUND for it, anyone else UNAUTHORIZED. */
const NO_ORDER = { orderId: "6b00000000000000000000ff" };

/** The staff member's id, as the dashboard sees it. */
async function staffIdOf(staff: TestClient): Promise<string> {
  const { staff: me } = await staff.call((api) => api.auth.session());
  if (!me) throw new Error("not signed in as staff");
  return me.id;
}

describe("sessions", () => {
  it("logout refuses the session's access token at once, not only its refresh token", async () => {
    const staff = await signedInStaff(await seedRestaurant());
    const leftBehind = clientWith("staff", { tt_staff_at: staff.cookies.get("tt_staff_at") });
    await expect(leftBehind.call((api) => api.kitchen.tickets())).resolves.toEqual([]);
    await staff.call((api) => api.auth.logout());
    expect(await codeOf(leftBehind.call((api) => api.kitchen.tickets()))).toBe("UNAUTHORIZED");
    expect(await leftBehind.call((api) => api.auth.session())).toMatchObject({ staff: null });
  });

  it("a replayed refresh token revokes its whole family: the pair it was exchanged for is refused too", async () => {
    const guest = await signedInGuest();
    const used = guest.cookies.get("tt_guest_rt");
    await guest.call((api) => api.auth.refresh());
    expect(await codeOf(guest.call((api) => api.order.get(NO_ORDER)))).toBe("NOT_FOUND");
    // Someone replays the spent refresh token (stolen earlier): refused, and the family ends.
    const thief = clientWith("guest", { tt_guest_rt: used });
    expect(await codeOf(thief.call((api) => api.auth.refresh()))).toBe("UNAUTHORIZED");
    expect(await codeOf(guest.call((api) => api.order.get(NO_ORDER)))).toBe("UNAUTHORIZED");
    expect(await codeOf(guest.call((api) => api.auth.refresh()))).toBe("UNAUTHORIZED");
    // Signing in again starts a new family that works.
    const again = await signedInGuest();
    expect(await codeOf(again.call((api) => api.order.get(NO_ORDER)))).toBe("NOT_FOUND");
  });

  it("deactivating staff ends every session of theirs at once: the next request and the refresh are refused", async () => {
    const seeded = await seedRestaurant();
    const [till, kitchen] = [await signedInStaff(seeded), await signedInStaff(seeded)];
    const colleague = await signedInStaff(seeded, "manager");
    await expect(kitchen.call((api) => api.kitchen.tickets())).resolves.toEqual([]);
    await deactivateStaff(kitchen.services, { restaurantId: seeded.restaurantId, staffId: await staffIdOf(kitchen) });
    for (const device of [till, kitchen]) {
      expect(await codeOf(device.call((api) => api.kitchen.tickets()))).toBe("UNAUTHORIZED");
      expect(await codeOf(device.call((api) => api.auth.refresh()))).toBe("UNAUTHORIZED");
    }
    const account = seeded.staff.find((s) => s.role === "staff")!;
    await expect(
      new TestClient("staff").call((api) => api.auth.staffLogin({ email: account.email, password: account.password })),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // Nobody else is signed out.
    await expect(colleague.call((api) => api.kitchen.tickets())).resolves.toEqual([]);
  });

  it(
    "deactivating staff ends their open kitchen stream within the session re-check interval",
    { timeout: SESSION_RECHECK_MS * 3 },
    async () => {
      const seeded = await seedRestaurant();
      const kitchen = await signedInStaff(seeded);
      const stream = await kitchen.call((api) => api.kitchen.onTicket({}));
      const events = stream[Symbol.asyncIterator]();
      const ended = events.next().then(
        (step) => (step.done ? "ended" : "got an event"),
        () => "ended",
      );
      await deactivateStaff(kitchen.services, { restaurantId: seeded.restaurantId, staffId: await staffIdOf(kitchen) });
      expect(await ended).toBe("ended");
    },
  );

  it("deactivating staff of another restaurant is NOT_FOUND and changes nothing", async () => {
    const [mine, theirs] = [await seedRestaurant(), await seedRestaurant()];
    const staff = await signedInStaff(theirs);
    const staffId = await staffIdOf(staff);
    await expect(deactivateStaff(staff.services, { restaurantId: mine.restaurantId, staffId })).rejects.toMatchObject({
      name: "NotFoundError",
    });
    await expect(staff.call((api) => api.kitchen.tickets())).resolves.toEqual([]);
    expect(await Staff.findById(staffId).lean()).toMatchObject({ active: true });
  });

  it("refresh refuses an account that was deleted", async () => {
    const staff = await signedInStaff(await seedRestaurant());
    await Staff.deleteOne({ _id: await staffIdOf(staff) });
    expect(await codeOf(staff.call((api) => api.auth.refresh()))).toBe("UNAUTHORIZED");

    const guest = await signedInGuest();
    const { guest: me } = await guest.call((api) => api.auth.session());
    await Customer.deleteOne({ _id: me?.id });
    expect(await codeOf(guest.call((api) => api.auth.refresh()))).toBe("UNAUTHORIZED");
  });

  it("refresh carries the account's current role and restaurant into the new tokens", async () => {
    const [first, second] = [await seedRestaurant(), await seedRestaurant()];
    const staff = await signedInStaff(first);
    const staffId = await staffIdOf(staff);
    await Staff.updateOne({ _id: staffId }, { $set: { role: "manager", restaurantId: second.restaurantId } });
    await staff.call((api) => api.auth.refresh());
    expect(await staff.services.tokens.verifyAccessToken(staff.cookies.get("tt_staff_at"))).toMatchObject({
      staffId,
      role: "manager",
      restaurantId: second.restaurantId,
    });
  });
});
