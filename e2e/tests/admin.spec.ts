import { randomUUID } from "node:crypto";
import { expectNoSeriousA11yViolations } from "./a11y";
import { devices, expect, test, type Browser, type Page } from "@playwright/test";
import {
  businessDateOf,
  countedOrdersOn,
  DASHBOARD_URL,
  GUEST_URL,
  MANAGER,
  otpFor,
  signInGuest,
  tableCode,
} from "./support";

/**
 * When `UPDATE_SCREENSHOTS` is set, the journey saves the admin screens it passes through as
 * `docs/screenshots/admin-*.png` (the README's pictures); otherwise it only checks them.
 */
async function snapshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: `../docs/screenshots/admin-${name}.png` });
}

/** A wide-screen dashboard page signed in as `account`, on the page sign-in leads to. */
async function signInStaff(browser: Browser, account: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${DASHBOARD_URL}/login`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  return page;
}

/** A guest on a phone, signed in at table `label`, looking at its menu. */
async function guestAt(browser: Browser, label: string): Promise<Page> {
  const context = await browser.newContext(devices["Pixel 7"]);
  const page = await context.newPage();
  const phone = await signInGuest(page, await tableCode(label));
  await page.getByLabel("6-digit code").fill(await otpFor(page.request, phone.e164));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("button", { name: "Add Garlic Naan" })).toBeVisible();
  return page;
}

test("a manager runs the restaurant from the admin panel, and guests and staff see it at once", async ({ browser }) => {
  // Long, and axe checks every screen it reaches: three times the default timeout.
  test.slow();
  const manager = await signInStaff(browser, MANAGER);
  // Managers land on the admin panel, not the kitchen display.
  await expect(manager).toHaveURL(/\/admin\/menu$/);
  await expect(manager.getByRole("heading", { level: 1, name: "Menu" })).toBeVisible();
  await expectNoSeriousA11yViolations(manager);
  const guest = await guestAt(browser, "T6");

  // A new dessert with a modifier group: it reaches the open guest menu without a reload.
  const dish = `Kesar Kulfi ${randomUUID().slice(0, 6)}`;
  await manager.getByRole("button", { name: "Add item to Desserts" }).click();
  const editor = manager.getByRole("dialog");
  await editor.getByLabel("Name", { exact: true }).fill(dish);
  await editor.getByLabel("Price (₹)").fill("120");
  await editor.getByRole("button", { name: "Add modifier group" }).click();
  await editor.getByLabel("Group name").fill("Topping");
  await editor.getByLabel("Fewest").fill("0");
  await editor.getByLabel("Most").fill("1");
  // A new group comes with its first option.
  await editor.getByLabel("Name of option 1").fill("Pistachio");
  await editor.getByLabel("Price difference of Pistachio, rupees").fill("20");
  await snapshot(manager, "item-editor");
  await expectNoSeriousA11yViolations(manager);
  await editor.getByRole("button", { name: "Create item" }).click();
  await expect(manager.getByText(`Saved “${dish}”. Guests see it now.`)).toBeVisible();
  await expect(guest.getByRole("button", { name: `Add ${dish}` })).toBeVisible();

  // Its photo: any real PNG will do, e.g. a picture of the admin page itself.
  await manager.getByRole("button", { name: dish, exact: true }).click();
  await manager
    .getByLabel("Choose photo")
    .setInputFiles({ name: "kulfi.png", mimeType: "image/png", buffer: await manager.screenshot() });
  await expect(manager.getByText(`Saved the photo of “${dish}”. Guests see it now.`)).toBeVisible();
  await manager.getByRole("button", { name: "Close the editor" }).click();
  await manager.evaluate(() => window.scrollTo(0, 0));
  await snapshot(manager, "menu");
  const photo = guest.locator("article", { hasText: dish }).locator("img.menu-photo__image");
  // Loaded lazily: it arrives once it scrolls into view.
  await photo.scrollIntoViewIfNeeded();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  // The guest orders it (analytics must show this order), then puts another in the cart.
  const addDish = async () => {
    await guest.getByRole("button", { name: `Add ${dish}` }).click();
    await guest
      .getByRole("dialog", { name: dish })
      .getByRole("button", { name: /Add to cart/ })
      .click();
  };
  await addDish();
  await guest.getByRole("button", { name: /View cart/ }).click();
  await guest.getByRole("button", { name: "Place order" }).click();
  await expect(guest).toHaveURL(/\/orders\/[a-f0-9]{24}$/);
  const orderId = guest.url().split("/").at(-1)!;
  // Back to the menu, still signed in (the page was first rendered before the guest signed in).
  await guest.goBack();
  await addDish();

  // The manager 86es it in one tap: the guest's cart flags it before checkout.
  await manager.getByRole("switch", { name: `${dish} available` }).click();
  await expect(manager.getByText(`${dish} is 86'd.`)).toBeVisible();
  await guest.getByRole("button", { name: /View cart/ }).click();
  const line = guest.getByRole("list", { name: "Cart items" }).getByRole("listitem").filter({ hasText: dish });
  await expect(line).toContainText("Sold out — remove it to order");
  await expectNoSeriousA11yViolations(guest);
  await expect(guest.getByRole("button", { name: "Place order" })).toBeDisabled();

  // A deactivated table's QR code shows the not-valid page; reactivated, it works again.
  await manager.getByRole("link", { name: "Tables & QR" }).click();
  await manager.getByRole("button", { name: "Deactivate table T9" }).click();
  await manager.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(manager.getByText("Table T9 deactivated.")).toBeVisible();
  await snapshot(manager, "tables");
  await expectNoSeriousA11yViolations(manager);
  const scan = await guest.context().newPage();
  await scan.goto(`${GUEST_URL}/t/${await tableCode("T9")}`);
  await expect(scan.getByRole("heading", { name: "This table's code isn't valid" })).toBeVisible();
  await manager.getByRole("button", { name: "Reactivate table T9" }).click();
  await manager.getByRole("dialog").getByRole("button", { name: "Reactivate" }).click();
  await expect(manager.getByText("Table T9 is active again.")).toBeVisible();
  await scan.reload();
  await expect(scan.getByRole("button", { name: "Add Garlic Naan" })).toBeVisible();

  // A new cook: signs in with the temporary password; deactivated, their open kitchen session is refused.
  await manager.getByRole("link", { name: "Staff" }).click();
  await manager.getByRole("button", { name: "Add staff" }).click();
  const cookName = `Cook ${randomUUID().slice(0, 6)}`;
  const cook = { email: `${cookName.replace(" ", "-").toLowerCase()}@demo.tabletap.local`, password: "" };
  const staffDialog = manager.getByRole("dialog");
  await staffDialog.getByLabel("Name").fill(cookName);
  await staffDialog.getByLabel("Email").fill(cook.email);
  await staffDialog.getByRole("button", { name: "Add and create password" }).click();
  cook.password = (await manager.getByLabel("Temporary password").textContent())?.trim() ?? "";
  expect(cook.password.length).toBeGreaterThanOrEqual(12);
  await manager.getByRole("button", { name: "Done" }).click();
  await snapshot(manager, "staff");
  await expectNoSeriousA11yViolations(manager);
  const kitchen = await signInStaff(browser, cook);
  await expect(kitchen).toHaveURL(/\/kitchen/);
  await expect(kitchen.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await manager.getByRole("button", { name: `Deactivate ${cookName}` }).click();
  await manager.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(manager.getByText(`Deactivated ${cookName}.`)).toBeVisible();
  const tickets = await kitchen.request.get(`${DASHBOARD_URL}/api/trpc/kitchen.tickets`, { failOnStatusCode: false });
  expect(tickets.status()).toBe(401);
  await kitchen.reload();
  await expect(kitchen).toHaveURL(/\/login/);

  // Settings, then analytics: the order just placed is counted, and its dish is a top item.
  await manager.getByRole("link", { name: "Settings" }).click();
  await expect(manager.getByRole("switch")).toBeVisible();
  await snapshot(manager, "settings");
  await expectNoSeriousA11yViolations(manager);
  const day = await businessDateOf(orderId);
  await manager.goto(`${DASHBOARD_URL}/admin/analytics?from=${day}&to=${day}`);
  const ordersTile = manager.locator("dt", { hasText: /^Orders$/ }).locator("xpath=following-sibling::dd[1]");
  await expect(ordersTile).toHaveText((await countedOrdersOn(day)).toLocaleString("en-IN"));
  await expect(manager.getByRole("cell", { name: dish }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(manager);
  if (process.env.UPDATE_SCREENSHOTS) {
    const oneDay = (await ordersTile.textContent()) ?? "";
    await manager.getByRole("button", { name: "Last 30 days" }).click();
    await expect(ordersTile).not.toHaveText(oneDay);
    await snapshot(manager, "analytics");
  }
});
