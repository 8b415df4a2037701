import { describe, expect, it } from "vitest";
import { SesEmailSender, createEmailSender, notifyEnv, orderConfirmationEmail } from "./index";
import { sampleOrder } from "./test/order";

const env = notifyEnv();

interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

async function storedEmails(): Promise<StoredEmail[]> {
  const res = await fetch(new URL("/store", env.SES_ENDPOINT));
  expect(res.ok).toBe(true);
  return ((await res.json()) as { emails: StoredEmail[] }).emails;
}

describe("SesEmailSender", () => {
  it("needs the local SES endpoint for this test", () => {
    expect(env.SES_ENDPOINT, "SES_ENDPOINT must point at aws-ses-v2-local").toBeTruthy();
  });

  it("sends the confirmation email through SES (visible in the local store)", async () => {
    const sender = createEmailSender(env);
    expect(sender).toBeInstanceOf(SesEmailSender);
    const to = `guest-${crypto.randomUUID()}@example.com`;
    const content = orderConfirmationEmail(sampleOrder({ tableLabel: "T<7>" }), "Spice & Route");
    const { id } = await sender.send({ to, ...content });
    expect(id).toBeTruthy();

    const email = (await storedEmails()).find((m) => m.messageId === id);
    expect(email).toBeDefined();
    expect(email!.destination.to).toEqual([to]);
    expect(email!.from).toBe(env.SES_FROM_EMAIL);
    expect(email!.subject).toBe("Your order #042 at Spice & Route");
    expect(email!.body.text).toBe(content.text);
    expect(email!.body.html).toBe(content.html);
    expect(email!.body.html).toContain("T&lt;7&gt;");
    expect(email!.body.text).toContain("₹770.00");
  });

  it("rejects when SES cannot be reached", async () => {
    const sender = createEmailSender({ ...env, SES_ENDPOINT: "http://127.0.0.1:1" });
    await expect(sender.send({ to: "a@example.com", subject: "s", text: "t", html: "<p>t</p>" })).rejects.toThrow();
  });
});
