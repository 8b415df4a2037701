import { devices, expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { DASHBOARD_URL, emailedCode, GUEST_URL, otpFor, receiptsTo, signInGuest, STAFF, tableCode } from "./support";

/** The test cards of the local Razorpay driver's Checkout page. */
const CARD_OK = "4111 1111 1111 1111";
const CARD_DECLINED = "4000 0000 0000 0002";

/** When `UPDATE_SCREENSHOTS` is set, saves the bill's screens (the guest's, the floor) as `docs/screenshots/bill-*.png`. */
async function snapshot(page: Page, name: string, fullPage = false): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: `../docs/screenshots/bill-${name}.png`, fullPage });
}

/** A guest on a phone (390 × 844), signed in at the table with QR code `code`, looking at its menu. */
async function guestAt(browser: Browser, code: string): Promise<Page> {
  const context = await browser.newContext({ ...devices["Pixel 7"], viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const phone = await signInGuest(page, code);
  await page.getByLabel("6-digit code").fill(await otpFor(page.request, phone.e164));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("button", { name: "Add Garlic Naan" })).toBeVisible();
  return page;
}

/** Adds plain (modifier-free) dishes to the cart, opens it, optionally verifies a receipt email, and places the order. */
async function order(page: Page, dishes: string[], receiptEmail?: string): Promise<void> {
  for (const dish of dishes) await page.getByRole("button", { name: `Add ${dish}` }).click();
  await page.getByRole("button", { name: /View cart/ }).click();
  if (receiptEmail) {
    await page.getByLabel(/Email me the receipt/).fill(receiptEmail);
    await page.getByRole("button", { name: "Verify" }).click();
    const emailCode = page.getByLabel(/6-digit code we emailed/);
    await expect(emailCode).toBeVisible();
    await emailCode.fill(await emailedCode(page.request, receiptEmail));
    await page.getByRole("button", { name: "Confirm email" }).click();
    await expect(page.getByText("Verified ✓")).toBeVisible();
  }
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/[a-f0-9]{24}$/);
}

/** Opens the table's bill from the order page. */
async function openBill(page: Page): Promise<void> {
  await page.getByRole("link", { name: /bill/i }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your table's bill" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
}

/** Pays in the local Razorpay Checkout (an iframe over the page) with `card`. */
async function payInCheckout(page: Page, card: string): Promise<void> {
  const checkout = page.frameLocator('iframe[title="Razorpay Checkout"]');
  await checkout.getByLabel("Card number").fill(card);
  await checkout.getByRole("button", { name: /^Pay / }).click();
}

const round = (page: Page, n: number) => page.getByRole("article", { name: new RegExp(`^Round ${n},`) });
const leftToPay = (page: Page) => page.getByTestId("left-to-pay");

test("two guests share a table's bill: one pays half online with a tip, the other at the counter, staff settle it", async ({
  browser,
}) => {
  // Long, and axe checks every screen it reaches: three times the default timeout.
  test.slow();
  const code = await tableCode("T7");
  const receiptEmail = `payer-${Date.now()}@example.com`;

  // Guest A orders the first round, with a verified email for the receipt.
  const a = await guestAt(browser, code);
  await order(a, ["Garlic Naan", "Dal Makhani"], receiptEmail);
  await openBill(a);
  await expect(round(a, 1)).toContainText("You");
  await expect(round(a, 1)).toContainText("Dal Makhani");

  // Guest B, on another phone at the same table, orders the second round ("Order more" works
  // for anyone at the table, not only the first to order).
  const b = await guestAt(browser, code);
  await order(b, ["Hara Bhara Kebab"]);
  await openBill(b);
  await expect(round(b, 1)).toContainText("Dal Makhani");
  await expect(round(b, 1)).not.toContainText("You");
  await expect(round(b, 2)).toContainText("You");
  // A sees B's round arrive live, without a reload.
  await expect(round(a, 2)).toContainText("Hara Bhara Kebab");
  // ₹70 + ₹260 + ₹220 = ₹550, GST 5 % = ₹27.50.
  await expect(leftToPay(a)).toHaveText("₹577.50");

  // A calls a waiter: asked once, however often tapped.
  const waiter = a.getByRole("button", { name: "Call a waiter" });
  await waiter.click();
  await expect(waiter).toBeDisabled();
  await expect(a.getByText("Asked")).toBeVisible();
  await snapshot(a, "page", true);

  // A pays half online with a 10 % tip; the first card is declined and nothing is charged.
  await a.getByRole("button", { name: "Pay", exact: true }).click();
  const sheet = a.getByRole("dialog", { name: "Pay", exact: true });
  await sheet.getByRole("radio", { name: "Split equally" }).check();
  await expect(sheet.getByRole("group", { name: "Number of people" }).locator("output")).toHaveText("2");
  await sheet.getByRole("radio", { name: /^Part 1/ }).check();
  await sheet.getByRole("radio", { name: "10%" }).check();
  // Half of ₹577.50 = ₹288.75, 10 % tip = ₹28.88 (rounded half up): ₹317.63.
  await expect(sheet.getByLabel("Your payment")).toContainText("₹317.63");
  await snapshot(a, "pay-sheet");
  await expectNoSeriousA11yViolations(a);
  await sheet.getByRole("button", { name: "Pay online" }).click();
  await payInCheckout(a, CARD_DECLINED);
  await expect(sheet.getByRole("alert")).toHaveText(
    "Your card was declined — nothing was charged. Try again or pay at the counter.",
  );
  await expect(leftToPay(a)).toHaveText("₹577.50");

  await sheet.getByRole("button", { name: "Pay online" }).click();
  await payInCheckout(a, CARD_OK);
  await expect(sheet.getByRole("status").filter({ hasText: "Paid" })).toContainText("₹317.63");
  await expect(sheet.getByRole("link", { name: "View receipt" })).toHaveAttribute("href", /^\/receipts\/[\w-]{22}$/);
  await expectNoSeriousA11yViolations(a);
  // The receipt page itself, in a tab of its own.
  const receipt = await a.context().newPage();
  await receipt.goto(`${GUEST_URL}${await sheet.getByRole("link", { name: "View receipt" }).getAttribute("href")}`);
  await expect(receipt.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(receipt);
  await receipt.close();
  await sheet.getByRole("button", { name: "Done" }).click();
  await expect(leftToPay(a)).toHaveText("₹288.75");
  await expect(leftToPay(b)).toHaveText("₹288.75");

  // B pays the other half at the counter: the part A paid is taken.
  await b.getByRole("button", { name: "Pay", exact: true }).click();
  const sheetB = b.getByRole("dialog", { name: "Pay", exact: true });
  await expect(sheetB.getByRole("radio", { name: "Split equally" })).toBeChecked();
  await expect(sheetB.getByRole("radio", { name: /^Part 1/ })).toBeDisabled();
  await expect(sheetB.getByRole("radio", { name: /^Part 2/ })).toBeChecked();
  await sheetB.getByRole("button", { name: "Pay at the counter" }).click();
  await expect(sheetB.getByText("Show this at the counter: ₹288.75")).toBeVisible();
  await sheetB.getByRole("button", { name: "Done" }).click();
  await expect(b.getByText("Show this at the counter: ₹288.75")).toBeVisible();

  // Staff settle it on the floor view.
  const staffContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const staff = await staffContext.newPage();
  await staff.goto(`${DASHBOARD_URL}/login`);
  await staff.getByLabel("Email").fill(STAFF.email);
  await staff.getByLabel("Password").fill(STAFF.password);
  await staff.getByRole("button", { name: "Sign in" }).click();
  await expect(staff).toHaveURL(/\/kitchen/);
  await staff.goto(`${DASHBOARD_URL}/floor`);
  const table = staff.getByRole("article", { name: "Table T7" });
  await expect(table).toContainText("₹288.75");
  await expectNoSeriousA11yViolations(staff);
  await snapshot(staff, "floor");
  await table.getByRole("button", { name: "Table T7" }).click();
  // Staff acknowledge A's call for a waiter in one tap; A's bill says help is on the way.
  await staff.getByRole("listitem", { name: "Waiter request" }).getByRole("button", { name: "Acknowledge" }).click();
  await expect(waiter).toHaveAccessibleDescription("On the way");
  await staff.getByRole("button", { name: "Settle at counter" }).click();
  // The amount comes filled in with what is left (B's counter payment); B paid cash.
  await expect(staff.getByLabel("Amount (₹)")).toHaveValue("288.75");
  const settle = staff.getByRole("dialog", { name: /Settle/ });
  await settle.getByText("Cash", { exact: true }).click();
  await expect(settle.getByRole("radio", { name: "Cash" })).toBeChecked();
  await staff.getByRole("button", { name: "Record payment" }).click();

  // The session closes: both guests see the bill settled.
  for (const guest of [a, b]) await expect(guest.getByText("All paid — thank you!")).toBeVisible();
  await expectNoSeriousA11yViolations(a);

  // A's GST receipt arrives by email (the local SES keeps what it "sent").
  await expect
    .poll(
      async () =>
        (await receiptsTo(a.request, receiptEmail))
          .map((m) => m.subject)
          .filter((s) => /^(Tax invoice|Receipt) R-/.test(s)),
      {
        timeout: 30_000,
      },
    )
    .toHaveLength(1);

  await staffContext.close();
  await a.context().close();
  await b.context().close();
});
