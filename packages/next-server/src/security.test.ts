import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, cspProxy, securityHeaders } from "./security";

describe("contentSecurityPolicy", () => {
  it("allows only scripts with the nonce in a production build: no inline script, no eval, no framing", () => {
    const policy = contentSecurityPolicy("abc123", { dev: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic';");
    expect(policy).toContain("style-src 'self' 'nonce-abc123';");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("unsafe");
  });

  it("adds 'unsafe-eval' (React's dev tooling) and inline styles only for the dev server", () => {
    const policy = contentSecurityPolicy("abc123", { dev: true });
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic' 'unsafe-eval';");
    expect(policy).toContain("style-src 'self' 'unsafe-inline';");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });
});

describe("contentSecurityPolicy images", () => {
  it("allows menu photos from the origin of S3_PUBLIC_URL, and nothing more for a missing or bad URL", () => {
    const imgSrc = (imageOrigin?: string) =>
      contentSecurityPolicy("n", { dev: false, imageOrigin })
        .split("; ")
        .find((directive) => directive.startsWith("img-src"));
    expect(imgSrc("https://media.example.com/photos/")).toBe("img-src 'self' blob: data: https://media.example.com");
    expect(imgSrc()).toBe("img-src 'self' blob: data:");
    expect(imgSrc("javascript:alert(1)")).toBe("img-src 'self' blob: data:");
  });
});

describe("contentSecurityPolicy frames", () => {
  it("frames only the payment provider's origins (Razorpay Checkout's form), and nothing else", () => {
    const frameSrc = (frameOrigins?: string[]) =>
      contentSecurityPolicy("n", { dev: false, frameOrigins })
        .split("; ")
        .find((directive) => directive.startsWith("frame-src"));
    expect(frameSrc(["https://checkout.razorpay.com/v1/checkout.js", "https://api.razorpay.com"])).toBe(
      "frame-src 'self' https://checkout.razorpay.com https://api.razorpay.com",
    );
    expect(frameSrc(["http://127.0.0.1:7080/v1/checkout.js", "http://127.0.0.1:7080", "data:text/html,x"])).toBe(
      "frame-src 'self' http://127.0.0.1:7080",
    );
    expect(frameSrc()).toBe("frame-src 'self'");
  });
});

describe("createNonce", () => {
  it("gives 128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("securityHeaders", () => {
  it("sends HSTS in production only, and the other headers always", () => {
    const names = (production: boolean) => securityHeaders({ production }).map((header) => header.key);
    expect(names(true)).toContain("Strict-Transport-Security");
    expect(names(false)).not.toContain("Strict-Transport-Security");
    expect(names(false)).toEqual(
      expect.arrayContaining(["X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Permissions-Policy"]),
    );
  });
});

describe("cspProxy", () => {
  it("puts the same fresh policy on the request (for Next.js to read the nonce) and on the response", () => {
    let forwarded: Headers | undefined;
    const proxy = cspProxy(({ request }) => {
      forwarded = request.headers;
      return new Response(null);
    });
    const first = proxy(new Request("http://app.test/kitchen", { headers: { cookie: "a=1" } }));
    const policy = first.headers.get("content-security-policy");
    expect(policy).toMatch(/'nonce-[A-Za-z0-9+/]{22}=='/);
    expect(forwarded?.get("content-security-policy")).toBe(policy);
    expect(forwarded?.get("cookie")).toBe("a=1");
    const second = proxy(new Request("http://app.test/kitchen"));
    expect(second.headers.get("content-security-policy")).not.toBe(policy);
  });
});
