import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadServerEnv } from "./env";

/** A Razorpay account's keys, as production is given them. */
const razorpay = {
  RAZORPAY_KEY_ID: "rzp_live_EnvTest00000001",
  RAZORPAY_KEY_SECRET: randomBytes(24).toString("base64url"),
  RAZORPAY_WEBHOOK_SECRET: randomBytes(24).toString("base64url"),
};

describe("loadServerEnv", () => {
  it("runs locally on defaults", () => {
    expect(loadServerEnv({})).toMatchObject({
      NODE_ENV: "development",
      MONGODB_URI: "mongodb://127.0.0.1:27017/tabletap",
      SQS_ORDERS_QUEUE: "orders",
    });
  });

  it("refuses production with default secrets, naming every one", () => {
    expect(() => loadServerEnv({ NODE_ENV: "production" })).toThrow(
      /JWT_ACCESS_SECRET[\s\S]*JWT_REFRESH_SECRET[\s\S]*OTP_PEPPER/,
    );
  });

  it("reads the guest app's URL for the QR links: a dev default, required in production", () => {
    expect(loadServerEnv({}).GUEST_APP_URL).toBe("http://127.0.0.1:3000");
    expect(loadServerEnv({ GUEST_APP_URL: "https://order.example.com/" }).GUEST_APP_URL).toBe(
      "https://order.example.com",
    );
    expect(() => loadServerEnv({ GUEST_APP_URL: "ftp://order.example.com" })).toThrow(/GUEST_APP_URL/);
    const secrets = {
      JWT_ACCESS_SECRET: randomBytes(48).toString("base64"),
      JWT_REFRESH_SECRET: randomBytes(48).toString("base64"),
      OTP_PEPPER: randomBytes(48).toString("base64"),
    };
    expect(() => loadServerEnv({ NODE_ENV: "production", ...secrets, ...razorpay })).toThrow(/GUEST_APP_URL/);
    const production = { NODE_ENV: "production", ...secrets, ...razorpay, GUEST_APP_URL: "https://order.example.com" };
    expect(loadServerEnv(production).GUEST_APP_URL).toBe("https://order.example.com");
  });

  it("refuses production without the restaurant's own Razorpay keys, and takes them when given", () => {
    const production = {
      NODE_ENV: "production",
      JWT_ACCESS_SECRET: randomBytes(48).toString("base64"),
      JWT_REFRESH_SECRET: randomBytes(48).toString("base64"),
      OTP_PEPPER: randomBytes(48).toString("base64"),
      GUEST_APP_URL: "https://order.example.com",
    };
    expect(() => loadServerEnv(production)).toThrow(
      /RAZORPAY_KEY_ID[\s\S]*RAZORPAY_KEY_SECRET[\s\S]*RAZORPAY_WEBHOOK_SECRET/,
    );
    expect(loadServerEnv({ ...production, ...razorpay })).toMatchObject({
      RAZORPAY_KEY_ID: razorpay.RAZORPAY_KEY_ID,
      RAZORPAY_CHECKOUT_URL: "https://checkout.razorpay.com/v1/checkout.js",
    });
  });

  it("refuses a malformed service URL", () => {
    expect(() => loadServerEnv({ REDIS_URL: "localhost:6379" })).toThrow(/REDIS_URL/);
  });

  it("reads the countries texted sign-in codes without a table, default India", () => {
    expect(loadServerEnv({}).OTP_ALLOWED_COUNTRIES).toEqual(["IN"]);
    expect(loadServerEnv({ OTP_ALLOWED_COUNTRIES: "in, NP" }).OTP_ALLOWED_COUNTRIES).toEqual(["IN", "NP"]);
    expect(() => loadServerEnv({ OTP_ALLOWED_COUNTRIES: "IN,India" })).toThrow(/OTP_ALLOWED_COUNTRIES/);
  });
});
