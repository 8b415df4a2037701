import { PASSWORD_POLICY } from "@tabletap/core/staff-admin";
import { describe, expect, it } from "vitest";
import { generateTemporaryPassword, isCommonPassword } from "./password";

describe("isCommonPassword", () => {
  it("finds common passwords, ignoring case, and lets uncommon ones through", () => {
    expect(isCommonPassword("password1234")).toBe(true);
    expect(isCommonPassword("Password1234")).toBe(true);
    expect(isCommonPassword("qwerty123456")).toBe(true);
    expect(isCommonPassword("saffron-tandoor-ledger")).toBe(false);
  });
});

describe("generateTemporaryPassword", () => {
  it("makes readable, unpredictable passwords that meet the policy", () => {
    const passwords = Array.from({ length: 500 }, generateTemporaryPassword);
    for (const password of passwords) {
      expect(password).toMatch(/^[a-km-z2-9]{4}(-[a-km-z2-9]{4}){3}$/);
      expect(password.length).toBeGreaterThanOrEqual(PASSWORD_POLICY.minLength);
      expect(isCommonPassword(password)).toBe(false);
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});
