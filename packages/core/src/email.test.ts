import { describe, expect, it } from "vitest";
import { EMAIL_POLICY, maskEmail } from "./email";

describe("EMAIL_POLICY", () => {
  it("caps the emails a guest gets per hour", () => {
    expect(EMAIL_POLICY).toEqual({ emailsPerGuestPerHour: 10 });
  });
});

describe("maskEmail", () => {
  it("keeps the first character and the domain, hiding the mailbox's length", () => {
    expect(maskEmail("asha@example.com")).toBe("a•••@example.com");
    expect(maskEmail("a@example.com")).toBe("a•••@example.com");
    expect(maskEmail("priyanka.sharma@mail.example.in")).toBe("p•••@mail.example.in");
  });

  it("masks what isn't an address without throwing", () => {
    expect(maskEmail("")).toBe("•••");
    expect(maskEmail("@example.com")).toBe("•••");
    expect(maskEmail("no-at-sign")).toBe("•••");
  });
});
