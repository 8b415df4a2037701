/** Where staff go after signing in when `next` is missing or refused: home, which leads managers to the admin panel and other staff to the kitchen display. */
const DEFAULT_NEXT = "/";
/** A placeholder origin to resolve `next` against: only a path that stays on it is accepted. */
const BASE = "http://dashboard.invalid";
/**
 * Whether `value` has a C0 control character (tab, CR, LF...), DEL or a backslash. The WHATWG URL
 * parser, which browsers use on a `Location` header, drops tabs and newlines and reads "\" as
 * "/", so `/\t/evil.example` and `/\evil.example` both mean `//evil.example`; CR/LF would also
 * break the header itself.
 */
function hasUnsafeCharacter(value: string): boolean {
  return [...value].some((char) => char <= "\u001f" || char === "\u007f" || char === "\\");
}

/**
 * Where to send the browser after signing in (`/login?next=`, `/api/auth/resume?next=`): `next`
 * as a normalised same-origin path (`/kitchen?station=tandoor`), or `/` when it is
 * missing, not a path starting with "/", contains a control character or a backslash, resolves
 * to another origin (`//evil.example`, `/.//evil.example`), or leads back to `/login` or the API
 * (which could loop). The result is what `new URL(next, origin)` serialises to (dot segments
 * resolved, spaces and non-ASCII percent-encoded), so it is always a valid header value and a
 * browser resolves it to this origin. Guards against open redirects (OWASP Unvalidated Redirects
 * and Forwards Cheat Sheet) and header injection.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith("/") || hasUnsafeCharacter(next)) return DEFAULT_NEXT;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return DEFAULT_NEXT;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/.//evil.example` normalises to the path `//evil.example`, which a browser reads as a host.
  if (url.origin !== BASE || path.startsWith("//")) return DEFAULT_NEXT;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return DEFAULT_NEXT;
  }
  const loops = [/^\/login(\/|$)/, /^\/api(\/|$)/].some((pattern) => pattern.test(pathname));
  return loops ? DEFAULT_NEXT : path;
}
