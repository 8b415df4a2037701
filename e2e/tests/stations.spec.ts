import { devices, expect, test, type Browser } from "@playwright/test";
import { DASHBOARD_URL, otpFor, signInGuest, STAFF, tableCode } from "./support";

/** A kitchen screen signed in as staff, showing `/kitchen` with `query` (e.g. "?station=tandoor"). */
async function kitchenScreen(browser: Browser, query: string) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${DASHBOARD_URL}/kitchen${query}`);
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(STAFF.email);
  await page.getByLabel("Password").fill(STAFF.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/kitchen/);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  return { context, page };
}

test("two stations bump their lines and the guest sees ready only after both; recall brings a served ticket back", async ({
  browser,
}) => {
  const tandoor = await kitchenScreen(browser, "?station=tandoor");
  const kitchen = await kitchenScreen(browser, "?station=kitchen");

  // The guest orders a naan (tandoor) and a dal (kitchen).
  const guestContext = await browser.newContext(devices["Pixel 7"]);
  const guest = await guestContext.newPage();
  const phone = await signInGuest(guest, await tableCode("T6"));
  await guest.getByLabel("6-digit code").fill(await otpFor(guest.request, phone.e164));
  await guest.getByRole("button", { name: "Verify" }).click();
  await guest.getByRole("button", { name: "Add Garlic Naan" }).click();
  await guest.getByRole("button", { name: "Add Dal Makhani" }).click();
  await guest.getByRole("button", { name: /View cart/ }).click();
  await guest.getByRole("button", { name: /Place order/ }).click();
  await expect(guest).toHaveURL(/\/orders\/[a-f0-9]{24}$/);
  const orderNumber = (await guest.getByRole("heading", { level: 1 }).textContent())?.match(/#\d+/)?.[0];
  expect(orderNumber).toBeTruthy();
  const ticketName = `order ${orderNumber} for T6`;
  const status = guest.getByTestId("order-status");

  // Each station sees the ticket with only its own line to bump.
  const atTandoor = tandoor.page.getByRole("article", { name: `Order ${orderNumber} for T6` });
  const atKitchen = kitchen.page.getByRole("article", { name: `Order ${orderNumber} for T6` });
  await expect(atTandoor).toContainText("Garlic Naan");
  await expect(atTandoor).not.toContainText("Dal Makhani");
  await expect(atKitchen).toContainText("Dal Makhani");

  // The tandoor bumps its naan: the ticket leaves the tandoor's view, and the order is started but not ready.
  await tandoor.page.getByRole("button", { name: `Bump 1× Garlic Naan, ${ticketName}` }).click();
  await expect(atTandoor).toBeHidden();
  await expect(tandoor.page.getByRole("status").filter({ hasText: "Bumped Garlic Naan" })).toBeVisible();
  await expect(atKitchen).toBeVisible();
  await expect(status).not.toHaveText(/accepted|sent/i);
  await expect(status).not.toHaveText(/ready/i);

  // The kitchen bumps the dal: now every station is done, and the guest sees ready.
  await kitchen.page.getByRole("button", { name: `Bump 1× Dal Makhani, ${ticketName}` }).click();
  await expect(atKitchen).toBeHidden();
  await expect(status).toHaveText(/ready/i);

  // The expo view shows the ticket ready with every station done; it is served.
  await tandoor.page.getByRole("button", { name: "All", exact: true }).click();
  await expect(atTandoor).toBeVisible();
  await expect(atTandoor.getByTestId("station-progress")).toHaveText(/Tandoor ✓ · Kitchen ✓/);
  await tandoor.page.getByRole("button", { name: `Mark ${ticketName} served` }).click();
  await expect(status).toHaveText(/served/i);
  await expect(atTandoor).toBeHidden();

  // Served by mistake: recalled from the "Recently done" drawer, it is back on the pass.
  await tandoor.page.getByRole("button", { name: "Recently done" }).click();
  const drawer = tandoor.page.getByRole("dialog", { name: "Recently done" });
  await drawer.getByRole("button", { name: `Recall ${ticketName}` }).click();
  await tandoor.page.keyboard.press("Escape");
  await expect(atTandoor).toBeVisible();
  await expect(atTandoor).toContainText("Ready");
  // The guest's order page keeps following a served order while it can be recalled: the recall
  // reaches it live, without a reload.
  await expect(status).toHaveText(/ready/i);

  for (const context of [tandoor.context, kitchen.context, guestContext]) await context.close();
});
