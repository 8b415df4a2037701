import { devices, expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { DASHBOARD_URL, emailedCode, GUEST_URL, otpFor, receiptsTo, signInGuest, STAFF, tableCode } from "./support";

test("a guest's order crosses live to the kitchen and the kitchen's moves cross live back", async ({ browser }) => {
  // Long, and axe checks every screen it reaches: three times the default timeout.
  test.slow();
  const code = await tableCode("T4");

  // The kitchen: a staff member signs in on a wide screen and waits for tickets.
  const kitchenContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const kitchen = await kitchenContext.newPage();
  await kitchen.goto(`${DASHBOARD_URL}/kitchen`);
  await expect(kitchen).toHaveURL(/\/login/);
  await kitchen.getByLabel("Email").fill(STAFF.email);
  await kitchen.getByLabel("Password").fill(STAFF.password);
  await kitchen.getByRole("button", { name: "Sign in" }).click();
  await expect(kitchen).toHaveURL(/\/kitchen/);
  await expect(kitchen.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await expectNoSeriousA11yViolations(kitchen);

  // The guest, on a phone: sign in with the texted code.
  const guestContext = await browser.newContext(devices["Pixel 7"]);
  const guest = await guestContext.newPage();
  const phone = await signInGuest(guest, code);
  await expectNoSeriousA11yViolations(guest);
  await guest.getByLabel("6-digit code").fill(await otpFor(guest.request, phone.e164));
  await guest.getByRole("button", { name: "Verify" }).click();

  await expect(guest.getByRole("button", { name: "Add Garlic Naan" })).toBeVisible();
  await expectNoSeriousA11yViolations(guest);
  // Order a plain item and one with a modifier.
  await guest.getByRole("button", { name: "Add Garlic Naan" }).click();
  await guest.getByRole("button", { name: "Add Masala Chai" }).click();
  const sheet = guest.getByRole("dialog", { name: "Masala Chai" });
  await sheet.getByLabel(/Large/).check();
  await expectNoSeriousA11yViolations(guest);
  await sheet.getByRole("button", { name: /Add to cart/ }).click();
  // The 15-minute access cookie runs out while the guest browses: the client renews the session
  // from the refresh cookie by itself, and the order still goes through.
  await guestContext.clearCookies({ name: "tt_guest_at" });
  await guest.getByRole("button", { name: /View cart/ }).click();
  // Receipts go only to a verified address: verify it with the code emailed to it.
  const receiptEmail = `guest-${Date.now()}@example.com`;
  await guest.getByLabel(/Email me the receipt/).fill(receiptEmail);
  await guest.getByRole("button", { name: "Verify" }).click();
  const emailCode = guest.getByLabel(/6-digit code we emailed/);
  await expect(emailCode).toBeVisible();
  await emailCode.fill(await emailedCode(guest.request, receiptEmail));
  await guest.getByRole("button", { name: "Confirm email" }).click();
  await expect(guest.getByText("Verified ✓")).toBeVisible();
  await expectNoSeriousA11yViolations(guest);
  await guest.getByRole("button", { name: "Place order" }).click();
  await expect(guest).toHaveURL(/\/orders\/[a-f0-9]{24}$/);
  const orderNumber = (await guest.getByRole("heading", { level: 1 }).textContent())?.match(/#\d+/)?.[0];
  expect(orderNumber).toBeTruthy();
  // Server-priced: Garlic Naan ₹70 + Masala Chai Large ₹80 = ₹150, GST 5% = ₹7.50.
  await expect(guest.getByLabel("Bill")).toContainText("₹157.50");
  await expectNoSeriousA11yViolations(guest);

  // The ticket appears on the kitchen display without a reload, and the worker accepts it.
  const ticketName = `order ${orderNumber} for T4`;
  const ticket = kitchen.getByRole("article", { name: `Order ${orderNumber} for T4` });
  await expect(ticket).toBeVisible();
  await expect(ticket).toContainText("Garlic Naan");
  await expect(ticket).toContainText("Large");
  await expect(guest.getByTestId("order-status")).toHaveText("Sent to the kitchen");
  // Before any cook starts it, the guest sees when it should be ready.
  await expect(guest.getByTestId("order-eta")).toHaveText(/^Ready in about \d+(–\d+)? min$/);
  await expectNoSeriousA11yViolations(kitchen);
  // The worker emailed the receipt through SES (the local stand-in keeps what it "sent").
  await expect
    .poll(async () =>
      (await receiptsTo(guest.request, receiptEmail)).map((m) => m.subject).filter((s) => s.startsWith("Your order")),
    )
    .toEqual([expect.stringContaining(orderNumber!)]);

  // Each move in the kitchen shows on the guest's phone live.
  await kitchen.getByRole("button", { name: `Start ${ticketName}` }).click();
  await expect(guest.getByTestId("order-status")).toHaveText("The kitchen has started it");
  await kitchen.getByRole("button", { name: `Mark ${ticketName} ready` }).click();
  await expect(guest.getByTestId("order-status")).toHaveText("Ready — on its way to you");
  await expect(guest.getByTestId("order-eta")).toBeHidden();
  await kitchen.getByRole("button", { name: `Mark ${ticketName} served` }).click();
  await expect(guest.getByTestId("order-status")).toHaveText("Served");
  await expect(ticket).toBeHidden();

  await kitchenContext.close();
  await guestContext.close();
});

test("a wrong code is refused with the attempts left, and an unknown table says so", async ({ browser }) => {
  const context = await browser.newContext(devices["Pixel 7"]);
  const page = await context.newPage();
  const phone = await signInGuest(page, await tableCode("T5"));
  const right = await otpFor(page.request, phone.e164);
  await page.getByLabel("6-digit code").fill(right === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That code isn't right. 2 tries left." })).toBeVisible();
  // No text came, but this number has no verified email to send the code to instead.
  await page.getByRole("button", { name: "Email me the code instead" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This number has no verified email" })).toBeVisible();

  const response = await page.goto(`${GUEST_URL}/t/not-a-real-table-code`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: /isn't valid/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await context.close();
});
