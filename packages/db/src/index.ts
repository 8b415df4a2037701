export * from "./connection";
export * from "./env";
export * from "./menus";
export * from "./models";
export * from "./orders";
export * from "./outbox";
export * from "./sessions";
export * from "./views";
