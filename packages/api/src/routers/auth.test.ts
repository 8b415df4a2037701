import { STAFF_LOGIN_ATTEMPTS } from "@tabletap/auth";
import { OTP_POLICY } from "@tabletap/core";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { getServices } from "../services";
import { latestOtp, randomPhone, seedRestaurant, signedInGuest, TestClient } from "../testing";

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
      await getServices().redis.del(`otp:cooldown:${phone}`);
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
