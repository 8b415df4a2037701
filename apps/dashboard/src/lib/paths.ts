/** Where to go after signing in: a same-origin path only (never `//host` or a full URL), else /kitchen. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/kitchen";
  if (next.startsWith("/login") || next.startsWith("/api/")) return "/kitchen";
  return next;
}
