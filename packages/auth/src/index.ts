export * from "./cookies";
export * from "./env";
export * from "./otp-store";
export * from "./password";
export * from "./tokens";
