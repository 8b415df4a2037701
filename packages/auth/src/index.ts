export * from "./cookies";
export * from "./env";
export * from "./login-throttle";
export * from "./otp-store";
export * from "./password";
export * from "./tokens";
