/** Next.js start-up hook: validates the server configuration before serving (see `register` in @tabletap/api/http). */
export async function register(): Promise<void> {
  // Next compiles this file for the Edge runtime too; the API only runs on Node.
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("@tabletap/api/http")).register();
}
