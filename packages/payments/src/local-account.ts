/**
 * The local Razorpay driver's default merchant account (tooling/razorpay-local, started by the
 * local stack in its dev and test profiles): fixed, public test values, not secrets. They are the
 * payments env's defaults outside production, and production refuses them.
 */
export const LOCAL_RAZORPAY_ACCOUNT = {
  keyId: "rzp_test_TabletapLocal1",
  keySecret: "local-razorpay-key-secret",
  webhookSecret: "local-razorpay-webhook-secret",
} as const;
