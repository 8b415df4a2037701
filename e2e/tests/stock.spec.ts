import { devices, expect, test } from "@playwright/test";
import { DASHBOARD_URL, otpFor, signInGuest, STAFF, tableCode } from "./support";

test("a cook 86s an item and a guest's open menu and cart show it live", async ({ browser }) => {
  const code = await tableCode("T6");
  const item = "Jeera Rice";

  // The kitchen display, signed in as staff.
  const kitchenContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const kitchen = await kitchenContext.newPage();
  await kitchen.goto(`${DASHBOARD_URL}/kitchen`);
  await kitchen.getByLabel("Email").fill(STAFF.email);
  await kitchen.getByLabel("Password").fill(STAFF.password);
  await kitchen.getByRole("button", { name: "Sign in" }).click();
  await expect(kitchen.getByRole("status").filter({ hasText: "Live" })).toBeVisible();

  // A guest orders the item (so the kitchen has a ticket line for it), then puts it in the cart again.
  const guestContext = await browser.newContext(devices["Pixel 7"]);
  const guest = await guestContext.newPage();
  const phone = await signInGuest(guest, code);
  await guest.getByLabel("6-digit code").fill(await otpFor(guest.request, phone.e164));
  await guest.getByRole("button", { name: "Verify" }).click();
  await guest.getByRole("button", { name: `Add ${item}` }).click();
  await guest.getByRole("button", { name: /View cart/ }).click();
  await guest.getByRole("button", { name: /Place order/ }).click();
  await expect(guest).toHaveURL(/\/orders\/[a-f0-9]{24}$/);
  await guest.goBack();
  await guest.getByRole("button", { name: `Add ${item}` }).click();

  // One tap on the ticket line 86's it.
  await kitchen
    .getByRole("button", { name: `86 ${item}` })
    .first()
    .click();
  await expect(kitchen.getByRole("region", { name: "Stock" })).toContainText(item);

  // The guest's open menu shows it sold out without a reload, and the cart flags the line.
  await expect(guest.getByRole("button", { name: `Add ${item}` })).toBeHidden();
  await expect(guest.getByText("Sold out").first()).toBeVisible();
  await guest.getByRole("button", { name: /View cart/ }).click();
  await expect(guest.getByText("Sold out — remove it to order")).toBeVisible();

  // Brought back from the kitchen's stock strip (the demo menu is shared with the other journeys).
  await kitchen.getByRole("button", { name: `Bring back ${item}` }).click();
  await expect(kitchen.getByRole("button", { name: `Bring back ${item}` })).toBeHidden();

  await kitchenContext.close();
  await guestContext.close();
});
