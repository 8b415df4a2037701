import { randomInt } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { connectDb, Order, Restaurant, Table } from "@tabletap/db";
import { appUrls } from "../app-urls";

export const { GUEST_URL, DASHBOARD_URL } = appUrls();
export const STAFF = { email: "staff@demo.tabletap.local", password: "tabletap-staff" };
export const MANAGER = { email: "manager@demo.tabletap.local", password: "tabletap-manager" };

/** The QR code of a seeded demo table ("T4"), read from the test database. */
export async function tableCode(label: string): Promise<string> {
  await connectDb(process.env.MONGODB_URI ?? "");
  const restaurant = await Restaurant.findOne({ slug: "demo" }).lean();
  const table = await Table.findOne({ restaurantId: restaurant?._id, label }).lean();
  if (!table) throw new Error(`No demo table ${label}: did global setup seed?`);
  return table.code;
}

/** A random valid Indian mobile number as a guest would type it ("98765 43210"). */
export function randomMobile(): { typed: string; e164: string } {
  const digits = `9${randomInt(100_000_000, 999_999_999)}`;
  return { typed: `${digits.slice(0, 5)} ${digits.slice(5)}`, e164: `+91${digits}` };
}

/** The newest sign-in code texted to `e164`, from the guest app's dev SMS outbox. */
export async function otpFor(request: APIRequestContext, e164: string): Promise<string> {
  const response = await request.get(`${GUEST_URL}/api/dev/outbox`, { params: { to: e164 } });
  const messages = (await response.json()) as { to: string; body: string }[];
  const code = messages[0]?.body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`No code texted to ${e164}`);
  return code;
}

/** Emails SES "sent" to `address` (oldest first), from aws-ses-v2-local's store (`SES_ENDPOINT` of the test stack). */
export async function receiptsTo(request: APIRequestContext, address: string): Promise<{ subject: string }[]> {
  const response = await request.get(`${process.env.SES_ENDPOINT}/store`);
  const { emails } = (await response.json()) as { emails: { subject: string; destination: { to: string[] } }[] };
  return emails.filter((email) => email.destination.to.includes(address));
}

/** The newest one-time code emailed to `address` (the code leads the subject), from aws-ses-v2-local's store. */
export async function emailedCode(request: APIRequestContext, address: string): Promise<string> {
  const code = (await receiptsTo(request, address)).at(-1)?.subject.match(/^(\d{6}) /)?.[1];
  if (!code) throw new Error(`No code emailed to ${address}`);
  return code;
}

/** The business date ("YYYY-MM-DD", the restaurant's time zone) order `orderId` was placed on, from the test database. */
export async function businessDateOf(orderId: string): Promise<string> {
  await connectDb(process.env.MONGODB_URI ?? "");
  const order = await Order.findById(orderId, { businessDate: 1 }).lean();
  if (!order) throw new Error(`No order ${orderId}`);
  return order.businessDate;
}

/**
 * Orders of the demo restaurant on `businessDate` that count in analytics (not cancelled or
 * rejected), from the test database.
 */
export async function countedOrdersOn(businessDate: string): Promise<number> {
  await connectDb(process.env.MONGODB_URI ?? "");
  const restaurant = await Restaurant.findOne({ slug: "demo" }).lean();
  return Order.countDocuments({
    restaurantId: restaurant?._id,
    businessDate,
    status: { $nin: ["cancelled", "rejected"] },
  });
}

/** Opens table `code`'s menu on `page` and asks for a sign-in code for a new random mobile number; resolves to that number. */
export async function signInGuest(page: Page, code: string): Promise<{ typed: string; e164: string }> {
  const phone = randomMobile();
  await page.goto(`${GUEST_URL}/t/${code}`);
  await page.getByLabel("Mobile number").fill(phone.typed);
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(page.getByLabel("6-digit code")).toBeVisible();
  return phone;
}
