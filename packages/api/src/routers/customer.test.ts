import { Customer } from "@tabletap/db";
import { describe, expect, it } from "vitest";
import { signedInGuest, TestClient } from "../testing";

describe("customer.updateProfile", () => {
  it("saves the guest's receipt email, shows it in the session, and clears it with an empty string", async () => {
    const guest = await signedInGuest();
    const saved = await guest.call((api) => api.customer.updateProfile({ email: "  Asha@Example.com " }));
    expect(saved.email).toBe("asha@example.com");
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
