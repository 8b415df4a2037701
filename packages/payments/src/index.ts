export { createPaymentGateway, PaymentGatewayError, RAZORPAY_TIMEOUT_MS } from "./gateway";
export type { GatewayOrder, GatewayRefund, PaymentGateway } from "./gateway";
export { paymentsEnv, paymentsEnvSchema, RAZORPAY_CHECKOUT_SCRIPT_URL } from "./env";
export type { PaymentsEnv } from "./env";
export { LOCAL_RAZORPAY_ACCOUNT } from "./local-account";
