import { describe, expect, it } from "vitest";
import * as core from "./index";

describe("@tabletap/core entry point", () => {
  it("re-exports every module", () => {
    for (const name of [
      "percentOfBps",
      "formatMoney",
      "ORDER_STATUSES",
      "PAYMENT_STATUSES",
      "ACTIVE_ORDER_STATUSES",
      "ORDER_TRANSITIONS",
      "ORDER_STATUS_LABELS",
      "canTransition",
      "assertTransition",
      "IllegalTransitionError",
      "nextKitchenStatus",
      "priceOrder",
      "PricingError",
      "checkCart",
      "OTP_POLICY",
      "isOtpFormat",
      "toE164",
      "maskPhone",
      "phoneCountry",
      "EMAIL_POLICY",
      "maskEmail",
      "businessDate",
      "objectIdSchema",
      "tableCodeSchema",
      "phoneInput",
      "requestOtpInput",
      "verifyEmailInput",
      "otpCodeSchema",
      "verifyOtpInput",
      "staffLoginInput",
      "orderLineInput",
      "placeOrderInput",
      "tableMenuInput",
      "orderIdInput",
      "orderSubscriptionInput",
      "ticketSubscriptionInput",
      "advanceOrderInput",
    ]) {
      expect(core, name).toHaveProperty(name);
    }
  });
});
