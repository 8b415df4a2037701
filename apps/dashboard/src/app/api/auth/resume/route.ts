import { appRouter, createCallerFactory, createContext } from "@tabletap/api";
import { clearedSessionCookies } from "@tabletap/auth";
import { safeNextPath } from "@/lib/paths";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const createCaller = createCallerFactory(appRouter);

/**
 * `GET /api/auth/resume?next=/kitchen`: renews an expired staff session from its refresh
 * cookie (`auth.refresh`, which sets the new cookie pair) and sends the browser back to `next`;
 * when that fails (refresh token spent, revoked or invalid), clears the staff cookies and goes
 * to `/login`, so a failed resume can never loop.
 * Pages redirect here because a server component can't set cookies itself.
 */
export async function GET(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const next = safeNextPath(url.searchParams.get("next"));
  const resHeaders = new Headers({ "cache-control": "no-store" });
  const ctx = await createContext({ headers: req.headers, resHeaders, audience: "staff" });
  const caller = createCaller(ctx);
  try {
    await caller.auth.refresh();
    resHeaders.set("location", next);
  } catch {
    // Spent, revoked or forged refresh token (or the session store is unreachable): start over.
    resHeaders.delete("set-cookie");
    for (const cookie of clearedSessionCookies("staff", ctx.services.env.NODE_ENV === "production")) resHeaders.append("set-cookie", cookie);
    resHeaders.set("location", `/login?next=${encodeURIComponent(next)}`);
  }
  return new Response(null, { status: 303, headers: resHeaders });
}
