"use client";
import type { GuestRouter } from "@tabletap/api";
import type { TRPCClient } from "@trpc/client";
import { createApi } from "./api";

/** The guest app's API (`GuestRouter`), see `createApi`. */
const api = createApi<GuestRouter>();

/** Wraps the guest app in TanStack Query and its typed tRPC client. */
export const ApiProvider = api.ApiProvider;
export const useTRPC = api.useTRPC;
export const useTRPCClient = api.useTRPCClient;
/** The typed tRPC client `ApiProvider` creates (`useTRPCClient()` returns it). */
export type ApiClient = TRPCClient<GuestRouter>;
