import { devices, expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { GUEST_URL, otpFor, randomMobile, signInGuest, tableCode } from "./support";

test("a guest's orders are listed newest first and reordered in one tap; the menu's buttons, Back and forms behave on a phone", async ({
  browser,
}) => {
  const code = await tableCode("T8");
  const context = await browser.newContext({ ...devices["Pixel 7"], colorScheme: "dark" });
  const guest = await context.newPage();
  const phone = await signInGuest(guest, code);
  await guest.getByLabel("6-digit code").fill(await otpFor(guest.request, phone.e164));
  await guest.getByRole("button", { name: "Verify" }).click();

  // Dark mode follows the phone: the page's background is dark, and still passes axe.
  const background = await guest.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).not.toBe("rgb(248, 245, 240)");
  await expectNoSeriousA11yViolations(guest);

  // Back on the phone closes the open sheet and stays at the table.
  await guest.getByRole("button", { name: "Add Masala Chai" }).click();
  await expect(guest.getByRole("dialog", { name: "Masala Chai" })).toBeVisible();
  await guest.goBack();
  await expect(guest.getByRole("dialog", { name: "Masala Chai" })).toBeHidden();
  await expect(guest).toHaveURL(new RegExp(`/t/${code}$`));

  // "Place order" says how much: Garlic Naan ₹70 ×2 + GST 5% = ₹147.00.
  await guest.getByRole("button", { name: "Add Garlic Naan" }).click();
  await guest.getByRole("button", { name: "Add Garlic Naan" }).click();
  await guest.getByRole("button", { name: /View cart/ }).click();
  await expect(guest.getByRole("button", { name: /Place order/ })).toHaveText("Place order · ₹147.00");
  await guest.getByRole("button", { name: /Place order/ }).click();
  await expect(guest).toHaveURL(/\/orders\/[a-f0-9]{24}$/);
  const orderNumber = (await guest.getByRole("heading", { level: 1 }).textContent())?.match(/#\d+/)?.[0];

  // The history lists it, and "Reorder" fills the table's cart and opens it.
  await guest.goto(`${GUEST_URL}/orders`);
  const card = guest.getByRole("article", { name: new RegExp(`Order ${orderNumber}`) });
  await expect(card).toContainText("Garlic Naan ×2");
  await expect(card).toContainText("₹147.00");
  await expectNoSeriousA11yViolations(guest);
  await card.getByRole("button", { name: "Reorder" }).click();
  await expect(guest).toHaveURL(new RegExp(`/t/${code}`));
  const cart = guest.getByRole("dialog", { name: "Your cart" });
  await expect(cart).toBeVisible();
  await expect(cart.getByRole("button", { name: /Place order/ })).toHaveText("Place order · ₹147.00");
  await context.close();

  // Before the page's scripts run, sending the sign-in form never puts the phone number in a URL.
  const noScript = await browser.newContext({ ...devices["Pixel 7"], javaScriptEnabled: false });
  const page = await noScript.newPage();
  await page.goto(`${GUEST_URL}/t/${code}`);
  await page.getByLabel("Mobile number").fill(randomMobile().typed);
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.getByLabel("Mobile number").press("Enter");
  await page.waitForLoadState();
  expect(page.url()).not.toContain("phone=");
  expect(requests.filter((url) => url.includes("phone="))).toEqual([]);
  await noScript.close();
});
