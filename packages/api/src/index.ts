export { guestRouter, staffRouter, type GuestRouter, type StaffRouter } from "./root";
export { createCallerFactory, createContext, type Context } from "./trpc";
export { createServices, getServices, type Services } from "./services";
export { loadServerEnv, type ServerEnv } from "./env";
