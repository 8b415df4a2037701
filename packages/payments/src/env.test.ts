import { describe, expect, it } from "vitest";
import { LOCAL_RAZORPAY_ACCOUNT, paymentsEnv, RAZORPAY_CHECKOUT_SCRIPT_URL } from "./index";

const PRODUCTION = {
  NODE_ENV: "production",
  RAZORPAY_KEY_ID: "rzp_live_Q2w3E4r5T6y7U8",
  RAZORPAY_KEY_SECRET: "a-live-key-secret-from-razorpay",
  RAZORPAY_WEBHOOK_SECRET: "another-webhook-secret",
};

describe("paymentsEnv", () => {
  it("defaults to the local driver's account and Razorpay's Checkout outside production", () => {
    expect(paymentsEnv({ NODE_ENV: "development" })).toMatchObject({
      RAZORPAY_KEY_ID: LOCAL_RAZORPAY_ACCOUNT.keyId,
      RAZORPAY_KEY_SECRET: LOCAL_RAZORPAY_ACCOUNT.keySecret,
      RAZORPAY_WEBHOOK_SECRET: LOCAL_RAZORPAY_ACCOUNT.webhookSecret,
      RAZORPAY_CHECKOUT_URL: RAZORPAY_CHECKOUT_SCRIPT_URL,
    });
  });

  it("accepts a real account in production", () => {
    expect(paymentsEnv(PRODUCTION).RAZORPAY_KEY_ID).toBe(PRODUCTION.RAZORPAY_KEY_ID);
  });

  it("refuses missing keys in production", () => {
    expect(() => paymentsEnv({ NODE_ENV: "production" })).toThrow(
      /RAZORPAY_KEY_ID: .*\n.*RAZORPAY_KEY_SECRET: .*\n.*RAZORPAY_WEBHOOK_SECRET: /,
    );
  });

  it("refuses the local driver's test keys in production", () => {
    expect(() => paymentsEnv({ ...PRODUCTION, RAZORPAY_WEBHOOK_SECRET: LOCAL_RAZORPAY_ACCOUNT.webhookSecret })).toThrow(
      /RAZORPAY_WEBHOOK_SECRET must be set to your Razorpay account's value/,
    );
    expect(() => paymentsEnv({ ...PRODUCTION, RAZORPAY_KEY_SECRET: LOCAL_RAZORPAY_ACCOUNT.keySecret })).toThrow(
      /RAZORPAY_KEY_SECRET/,
    );
  });

  it("refuses in production a webhook secret equal to the key secret, the local API URL, and plain-http Checkout", () => {
    expect(() => paymentsEnv({ ...PRODUCTION, RAZORPAY_WEBHOOK_SECRET: PRODUCTION.RAZORPAY_KEY_SECRET })).toThrow(
      /RAZORPAY_WEBHOOK_SECRET must differ from RAZORPAY_KEY_SECRET/,
    );
    expect(() => paymentsEnv({ ...PRODUCTION, RAZORPAY_API_URL: "http://127.0.0.1:7080" })).toThrow(
      /RAZORPAY_API_URL is for the local Razorpay driver only/,
    );
    expect(() => paymentsEnv({ ...PRODUCTION, RAZORPAY_CHECKOUT_URL: "http://127.0.0.1:7080/v1/checkout.js" })).toThrow(
      /RAZORPAY_CHECKOUT_URL must be an https URL/,
    );
  });

  it("refuses a key id that is not Razorpay's", () => {
    expect(() => paymentsEnv({ RAZORPAY_KEY_ID: "key_123" })).toThrow(/RAZORPAY_KEY_ID: A Razorpay key id/);
  });
});
