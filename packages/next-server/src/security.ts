/**
 * The security headers of both Next.js apps (OWASP HTTP Headers Cheat Sheet): the static ones
 * for every response (`securityHeaders`, from next.config.ts) and the per-request
 * Content-Security-Policy with a nonce (`contentSecurityPolicy`, from each app's proxy.ts, as in
 * the Next.js guide "How to set a Content Security Policy"). Browser- and Edge-safe: no Node APIs.
 */

/**
 * The mode of the running Next.js code: Next.js inlines `process.env.NODE_ENV` when it compiles
 * the app, so it reads `development` in the dev server and `production` in a production build,
 * whatever `NODE_ENV` the process was started with (e.g. `test` in the end-to-end tests).
 * In next.config.ts it is the process's value, which `next build` sets to `production`.
 */
const MODE = process.env.NODE_ENV;

/** `Strict-Transport-Security`: HTTPS only, for two years, subdomains included (RFC 6797). */
const HSTS = "max-age=63072000; includeSubDomains";

/**
 * Powerful features neither app uses, switched off for the page and every frame in it
 * (W3C Permissions Policy). Only names Chromium knows: an unknown one is logged as a console error.
 */
const PERMISSIONS_POLICY = [
  "camera",
  "microphone",
  "geolocation",
  "payment",
  "usb",
  "serial",
  "hid",
  "bluetooth",
  "display-capture",
  "browsing-topics",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/**
 * The headers of every response of both apps, in next.config.ts's `headers()` shape:
 * - `X-Content-Type-Options: nosniff`;
 * - `Referrer-Policy: same-origin`: table codes and order ids in URLs never leave the site,
 *   while the app's own requests keep their `Origin` (the API's CSRF check reads it; with
 *   `no-referrer` browsers would send `Origin: null`);
 * - `X-Frame-Options: DENY` for browsers without CSP `frame-ancestors` (the kitchen display must
 *   not be framed: clickjacking of its buttons);
 * - `Permissions-Policy`: camera, microphone, geolocation... off;
 * - `Cross-Origin-Opener-Policy: same-origin`;
 * - `Strict-Transport-Security` when `production` (default: a production build). Browsers
 *   ignore it over plain HTTP (RFC 6797 §8.1), so a production build tested on http://127.0.0.1
 *   is unaffected.
 */
export function securityHeaders(opts: { production?: boolean } = {}): { key: string; value: string }[] {
  const production = opts.production ?? MODE === "production";
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ...(production ? [{ key: "Strict-Transport-Security", value: HSTS }] : []),
  ];
}

/** A fresh CSP nonce: 128 random bits, base64 (CSP Level 3 asks for at least 128 bits). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The `Content-Security-Policy` of one page response, allowing scripts only with `nonce` (Next.js
 * puts it on its own scripts when it finds it in the request's CSP header) and what they load
 * (`'strict-dynamic'`): no inline script without the nonce, no `eval`, no plugins, no `<base>`,
 * forms post only to the site, and no framing by anyone (`frame-ancestors 'none'`).
 * With `dev` (default: the dev server) React's dev tooling gets `'unsafe-eval'` and the dev
 * server's injected styles `'unsafe-inline'`; a production build gets neither. Images load from
 * the site, `data:`/`blob:` URLs, and the origin of `imageOrigin` when given (`S3_PUBLIC_URL`:
 * the bucket or CDN menu photos are served from; an invalid URL is ignored). Frames load from the
 * site and the origins of `frameOrigins` (the guest app's payment provider: Razorpay Checkout
 * shows its payment form in an iframe; duplicates and non-http(s) URLs are dropped).
 */
export function contentSecurityPolicy(
  nonce: string,
  opts: { dev?: boolean; imageOrigin?: string; frameOrigins?: readonly string[] } = {},
): string {
  const dev = opts.dev ?? MODE === "development";
  const images = originOf(opts.imageOrigin);
  const frames = [...new Set((opts.frameOrigins ?? []).map(originOf).filter((origin) => origin !== undefined))];
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // A nonce makes browsers ignore 'unsafe-inline', so the dev server's style tags need it alone.
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    `img-src 'self' blob: data:${images ? ` ${images}` : ""}`,
    "font-src 'self'",
    "connect-src 'self'",
    ["frame-src 'self'", ...frames].join(" "),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The origin (`https://host[:port]`) of `url`, or undefined when it is unset or not an http(s) URL. */
function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { origin, protocol } = new URL(url);
    return protocol === "https:" || protocol === "http:" ? origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The apps' Next.js proxy (src/proxy.ts) for page requests: a fresh nonce per request, its
 * `contentSecurityPolicy` (with `opts.imageOrigin` and `opts.frameOrigins`) set on the request (Next.js reads the nonce from there and puts it on
 * its scripts) and on the response. `next` is `NextResponse.next`, passed in so this module
 * stays free of Next.js imports.
 */
export function cspProxy(
  next: (init: { request: { headers: Headers } }) => Response,
  opts: { imageOrigin?: string; frameOrigins?: readonly string[] } = {},
): (request: Request) => Response {
  return (request) => {
    const policy = contentSecurityPolicy(createNonce(), opts);
    const headers = new Headers(request.headers);
    headers.set("content-security-policy", policy);
    const response = next({ request: { headers } });
    response.headers.set("content-security-policy", policy);
    return response;
  };
}
