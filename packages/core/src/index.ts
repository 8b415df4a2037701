export * from "./money";
export * from "./order-status";
export * from "./pricing";
export * from "./otp";
export * from "./phone";
export * from "./business-date";
export * from "./schemas";
export * from "./views";
