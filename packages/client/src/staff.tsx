"use client";
import type { StaffRouter } from "@tabletap/api";
import { createApi } from "./api";

/** The dashboard's API (`StaffRouter`), see `createApi`. */
const api = createApi<StaffRouter>();

/** Wraps the dashboard in TanStack Query and its typed tRPC client. */
export const ApiProvider = api.ApiProvider;
export const useTRPC = api.useTRPC;
export const useTRPCClient = api.useTRPCClient;
