import { createServerCaller } from "@tabletap/api/http";
import { SESSION_COOKIES } from "@tabletap/auth";
import type { SessionView } from "@tabletap/core";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { safeNextPath } from "./paths";

export type StaffSession = NonNullable<SessionView["staff"]>;

/** The API as the requesting staff member, once per request (see `createServerCaller`). */
export const serverApi = cache(async () => createServerCaller(await headers(), "staff"));

/** The signed-in staff member of this request, or null. */
export const getStaff = cache(async (): Promise<StaffSession | null> => {
  const api = await serverApi();
  const { staff } = await api.auth.session();
  return staff;
});

/** True when the access cookie has expired but a refresh cookie is left to renew the session with. */
async function canResume(): Promise<boolean> {
  const jar = await cookies();
  return !jar.has(SESSION_COOKIES.staff.access) && jar.has(SESSION_COOKIES.staff.refresh);
}

/** Sends the browser through `/api/auth/resume` (renew the session, then back to `next`) when it can. */
export async function resumeIfPossible(next: string): Promise<void> {
  if (await canResume()) redirect(`/api/auth/resume?next=${encodeURIComponent(safeNextPath(next))}`);
}

/**
 * The signed-in staff member, or a redirect: to `/api/auth/resume` when the 15-minute access
 * cookie is gone but a refresh cookie is left (a display left open overnight), else to `/login`.
 */
export async function requireStaff(returnTo: string): Promise<StaffSession> {
  const staff = await getStaff();
  if (staff) return staff;
  await resumeIfPossible(returnTo);
  redirect(`/login?next=${encodeURIComponent(safeNextPath(returnTo))}`);
}
