import { devices, expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { DASHBOARD_URL, GUEST_URL, randomMobile, STAFF, tableCode } from "./support";

/**
 * Records every Content-Security-Policy violation of the context's pages: the document's
 * `securitypolicyviolation` events (installed before any page script runs) and Chromium's
 * console errors about CSP.
 */
async function watchCsp(context: BrowserContext): Promise<(page: Page) => Promise<string[]>> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __cspViolations: seen });
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`),
    );
  });
  const consoleErrors: string[] = [];
  context.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
      consoleErrors.push(message.text());
  });
  return async (page) => [
    ...consoleErrors,
    ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)),
  ];
}

/** The directives of a CSP header by name, e.g. `{ "script-src": "'self' 'nonce-…' 'strict-dynamic'" }`. */
function directives(policy: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (policy ?? "").split(";").map((part) => {
      const [name = "", ...values] = part.trim().split(/\s+/);
      return [name, values.join(" ")];
    }),
  );
}

/** Asserts the headers both apps send on every page of a production build (issue 8, finding 11). */
function expectSecurityHeaders(headers: Record<string, string>): string {
  const csp = directives(headers["content-security-policy"]);
  expect(csp["script-src"]).toMatch(/^'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'$/);
  expect(csp["style-src"]).not.toContain("unsafe-inline");
  expect(csp["object-src"]).toBe("'none'");
  expect(csp["base-uri"]).toBe("'none'");
  expect(csp["frame-ancestors"]).toBe("'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["strict-transport-security"]).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  return csp["script-src"]!;
}

test("the dashboard sends a nonce CSP and the security headers, and signs in to the kitchen with no CSP violation", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const violations = await watchCsp(context);
  const page = await context.newPage();

  const login = await page.goto(`${DASHBOARD_URL}/login`);
  const firstNonce = expectSecurityHeaders(login!.headers());
  // A fresh nonce on every response.
  const again = await context.request.get(`${DASHBOARD_URL}/login`);
  expect(expectSecurityHeaders(again.headers())).not.toBe(firstNonce);

  // The page's scripts run: the form signs in, and the kitchen display goes live over SSE.
  await page.getByLabel("Email").fill(STAFF.email);
  await page.getByLabel("Password").fill(STAFF.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/kitchen/);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await context.close();
});

test("the guest menu page sends a nonce CSP and the security headers, and works with no CSP violation", async ({
  browser,
}) => {
  const context = await browser.newContext(devices["Pixel 7"]);
  const violations = await watchCsp(context);
  const page = await context.newPage();

  for (const path of ["/", `/t/${await tableCode("T3")}`, "/no-such-page"]) {
    const response = await page.goto(`${GUEST_URL}${path}`);
    expectSecurityHeaders(response!.headers());
  }
  // The menu page's scripts run: the sign-in form opens the code step.
  await page.goto(`${GUEST_URL}/t/${await tableCode("T3")}`);
  await page.getByLabel("Mobile number").fill(randomMobile().typed);
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(page.getByLabel("6-digit code")).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await context.close();
});

test("no other site can frame the kitchen display", async ({ page }) => {
  await page.setContent(`<iframe title="kitchen" src="${DASHBOARD_URL}/kitchen"></iframe>`);
  const frame = page.frameLocator("iframe");
  // Chromium replaces a refused frame with its error page: the dashboard's content never shows.
  await expect.poll(() => page.frames()[1]?.url()).toMatch(/^chrome-error:/);
  await expect(frame.getByText("Staff sign-in")).toHaveCount(0);
});

/** An API client signed in as staff through the dashboard (it keeps the session cookies like a browser). */
async function staffRequest(request: APIRequestContext): Promise<APIRequestContext> {
  const res = await request.post(`${DASHBOARD_URL}/api/trpc/auth.staffLogin`, {
    data: STAFF,
    headers: { origin: DASHBOARD_URL },
  });
  expect(res.status()).toBe(200);
  return request;
}

/** Where a browser goes when it follows `location` from the dashboard. */
function followed(location: string | undefined): URL {
  return new URL(location ?? "", `${DASHBOARD_URL}/`);
}

// `next` values that sent staff off-site or broke the response (issue 8, finding 6), as they appear in a URL.
const ATTACKS = [
  "/%09/evil.example",
  "/%5Cevil.example",
  "%2F%2Fevil.example",
  "/.//evil.example",
  "javascript:alert(1)",
  "/%0D%0ASet-Cookie:%20tt_staff_at=x",
  "/kitchen%0D%0A",
];

test("sign-in redirects stay on the dashboard whatever `next` says", async ({ playwright }) => {
  const request = await staffRequest(await playwright.request.newContext());
  for (const next of ATTACKS) {
    const res = await request.get(`${DASHBOARD_URL}/login?next=${next}`, { maxRedirects: 0 });
    expect(res.status(), `GET /login?next=${next}`).toBe(307);
    const target = followed(res.headers().location);
    expect(target.origin, `GET /login?next=${next}`).toBe(DASHBOARD_URL);
    expect(target.pathname, `GET /login?next=${next}`).toBe("/");
  }
  await request.dispose();
});

test("resuming a session with a bad `next` stays on the dashboard and keeps the staff member signed in", async ({
  playwright,
}) => {
  const request = await staffRequest(await playwright.request.newContext());
  for (const next of ATTACKS) {
    // The refresh cookie is spent and renewed on each resume; the context keeps the new one.
    const res = await request.get(`${DASHBOARD_URL}/api/auth/resume?next=${next}`, { maxRedirects: 0 });
    expect(res.status(), `GET /api/auth/resume?next=${next}`).toBe(303);
    const target = followed(res.headers().location);
    expect(`${target.origin}${target.pathname}`, `GET /api/auth/resume?next=${next}`).toBe(`${DASHBOARD_URL}/`);
  }
  // Still signed in: the kitchen opens without a detour through sign-in.
  const kitchen = await request.get(`${DASHBOARD_URL}/kitchen`, { maxRedirects: 0 });
  expect(kitchen.status()).toBe(200);
  await request.dispose();
});
