import { EMAIL_POLICY } from "@tabletap/core";
import { Customer } from "@tabletap/db";
import { describe, expect, it } from "vitest";
import { emailsTo, latestEmailedCode, signedInGuest, TestClient } from "../testing";

const randomEmail = () => `guest-${crypto.randomUUID()}@example.com`;

describe("customer.updateProfile", () => {
  it("saves the guest's receipt email, shows it in the session, and clears it with an empty string", async () => {
    const guest = await signedInGuest();
    const saved = await guest.call((api) => api.customer.updateProfile({ email: "  Asha@Example.com " }));
    expect(saved).toMatchObject({ email: "asha@example.com", emailVerified: false });
    expect((await guest.call((api) => api.auth.session())).guest?.email).toBe("asha@example.com");
    await guest.call((api) => api.customer.updateProfile({ email: "" }));
    expect((await Customer.findById(saved.id).lean())?.email).toBeNull();
  });

  it("refuses a malformed address and anonymous callers, changing nothing", async () => {
    const guest = await signedInGuest();
    const { guest: me } = await guest.call((api) => api.auth.session());
    await expect(guest.call((api) => api.customer.updateProfile({ email: "asha@" }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/valid email/),
    });
    await expect(
      new TestClient("guest").call((api) => api.customer.updateProfile({ email: "x@example.com" })),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await Customer.findById(me?.id).lean())?.email ?? null).toBeNull();
  });
});

describe("customer email verification", () => {
  it("emails a code to the address; the code makes it the guest's verified email", async () => {
    const guest = await signedInGuest();
    const email = randomEmail();
    const sent = await guest.call((api) =>
      api.customer.requestEmailVerification({ email: ` ${email.toUpperCase()} ` }),
    );
    expect(sent).toMatchObject({ email, expiresInSeconds: 300, resendAfterSeconds: 30 });
    const mails = await emailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^\d{6} is your Tabletap code to confirm your email$/);
    const code = await latestEmailedCode(email);
    const wrong = code === "000000" ? "111111" : "000000";

    await expect(guest.call((api) => api.customer.verifyEmail({ email, code: wrong }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "That code isn't right. 2 tries left.",
    });
    // The code proves this address only.
    await expect(guest.call((api) => api.customer.verifyEmail({ email: randomEmail(), code }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const me = await guest.call((api) => api.customer.verifyEmail({ email, code }));
    expect(me).toMatchObject({ email, emailVerified: true });
    expect((await guest.call((api) => api.auth.session())).guest).toMatchObject({ email, emailVerified: true });

    // Saving the same address keeps it verified; another address is unverified until proven.
    expect(await guest.call((api) => api.customer.updateProfile({ email }))).toMatchObject({ emailVerified: true });
    expect(await guest.call((api) => api.customer.updateProfile({ email: randomEmail() }))).toMatchObject({
      emailVerified: false,
    });
  });

  it("refuses another guest's code and anonymous callers", async () => {
    const asha = await signedInGuest();
    const email = randomEmail();
    await asha.call((api) => api.customer.requestEmailVerification({ email }));
    const code = await latestEmailedCode(email);
    const other = await signedInGuest();
    await expect(other.call((api) => api.customer.verifyEmail({ email, code }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect((await other.call((api) => api.auth.session())).guest).toMatchObject({ email: null, emailVerified: false });
    await expect(
      new TestClient("guest").call((api) => api.customer.requestEmailVerification({ email })),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("limits the emails one guest can have sent per hour", async () => {
    const guest = await signedInGuest();
    for (let i = 0; i < EMAIL_POLICY.emailsPerGuestPerHour; i += 1)
      await guest.call((api) => api.customer.requestEmailVerification({ email: randomEmail() }));
    const email = randomEmail();
    await expect(guest.call((api) => api.customer.requestEmailVerification({ email }))).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/We've sent you a lot of email/),
    });
    expect(await emailsTo(email)).toEqual([]);
  });
});
