import { resumeSession } from "@tabletap/api/http";
import { safeNextPath } from "@/lib/paths";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `GET /api/auth/resume?next=/kitchen`: renews an expired staff session from its refresh
 * cookie and sends the browser back to `next`; when that fails (refresh token spent, revoked or
 * invalid), clears the staff cookies and goes to `/login`, so a failed resume can never loop
 * (see `resumeSession`). Pages redirect here because a server component can't set cookies itself.
 * `next` is checked before the refresh token is spent (`safeNextPath`: a same-origin path, never
 * another site, a control character or a value the `Location` header can't carry).
 */
export async function GET(req: Request): Promise<Response> {
  const next = safeNextPath(new URL(req.url).searchParams.get("next"));
  const { resumed, headers } = await resumeSession(req, "staff");
  headers.set("cache-control", "no-store");
  headers.set("location", resumed ? next : `/login?next=${encodeURIComponent(next)}`);
  return new Response(null, { status: 303, headers });
}
