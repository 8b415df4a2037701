import { createServerCaller } from "@tabletap/api/http";
import type { SessionView } from "@tabletap/core";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { safeNextPath } from "./paths";

export type StaffSession = NonNullable<SessionView["staff"]>;

/** The API as the requesting staff member, once per request (see `createServerCaller`). */
export const serverApi = cache(async () => createServerCaller(await headers(), "staff"));

/** The session of this request (`auth.session`), once per request. */
const getSession = cache(async () => (await serverApi()).auth.session());

/** The signed-in staff member of this request, or null. */
export const getStaff = cache(async (): Promise<StaffSession | null> => (await getSession()).staff);

/**
 * Sends the browser through `/api/auth/resume` (renew the session, then back to `next`) when it
 * can: nobody is signed in but a refresh cookie is left (the API's `renewable`).
 */
export async function resumeIfPossible(next: string): Promise<void> {
  if ((await getSession()).renewable) redirect(`/api/auth/resume?next=${encodeURIComponent(safeNextPath(next))}`);
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

/**
 * The signed-in manager, or: a redirect to sign in (as `requireStaff`), or for staff who are not
 * managers the "Managers only" page (`forbidden()`, answered 403). Every `/admin` page calls it;
 * the API checks the role again on every `admin.*` procedure.
 */
export async function requireManager(returnTo: string): Promise<StaffSession> {
  const staff = await requireStaff(returnTo);
  if (staff.role !== "manager") forbidden();
  return staff;
}
