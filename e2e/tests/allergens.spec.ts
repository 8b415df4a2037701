import { devices, expect, test } from "@playwright/test";
import { DASHBOARD_URL, otpFor, signInGuest, STAFF, tableCode } from "./support";

test("a guest filters out an allergen and never sees it (menu and search), the filter is remembered on reload, the kitchen ticket shows the banner", async ({
  browser,
}) => {
  const code = await tableCode("T8");

  const kitchenContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const kitchen = await kitchenContext.newPage();
  await kitchen.goto(`${DASHBOARD_URL}/kitchen`);
  await kitchen.getByLabel("Email").fill(STAFF.email);
  await kitchen.getByLabel("Password").fill(STAFF.password);
  await kitchen.getByRole("button", { name: "Sign in" }).click();
  await expect(kitchen.getByRole("status").filter({ hasText: "Live" })).toBeVisible();

  const guestContext = await browser.newContext(devices["Pixel 7"]);
  const guest = await guestContext.newPage();
  const phone = await signInGuest(guest, code);
  await guest.getByLabel("6-digit code").fill(await otpFor(guest.request, phone.e164));
  await guest.getByRole("button", { name: "Verify" }).click();
  const paneer = guest.getByRole("button", { name: "Add Paneer Tikka" });
  await expect(paneer).toBeVisible();

  // Leave out everything with milk: Paneer Tikka (milk) goes, Tandoori Roti (gluten) stays.
  await guest.getByRole("button", { name: "Filter", exact: true }).click();
  const filterSheet = guest.getByRole("dialog", { name: "Filter the menu" });
  await filterSheet.getByRole("checkbox", { name: "Milk" }).check();
  await filterSheet.getByRole("button", { name: /^Show \d+ items$/ }).click();
  await expect(filterSheet).toBeHidden();
  await expect(paneer).toHaveCount(0);
  await expect(guest.getByText(/^\d+ items hidden by your filter$/)).toBeVisible();
  await expect(guest.getByRole("button", { name: "Add Tandoori Roti" })).toBeVisible();

  // Search never finds what the filter hides: "tandoor" is in Paneer Tikka's description and
  // Tandoori Prawns' name (both with milk), and in Tandoori Roti's name.
  await guest.getByRole("button", { name: "Search", exact: true }).click();
  const search = guest.getByRole("dialog", { name: "Search the menu" });
  await search.getByRole("searchbox").fill("tandoor");
  await expect(search.getByRole("button", { name: "Add Tandoori Roti" })).toBeVisible();
  await expect(search.getByRole("button", { name: "Add Paneer Tikka" })).toHaveCount(0);
  await expect(search.getByRole("button", { name: "Add Tandoori Prawns" })).toHaveCount(0);
  await search.getByRole("searchbox").fill("PANEER");
  await expect(search.getByText("Nothing matches “PANEER”")).toBeVisible();
  await search.getByRole("searchbox").fill("roti");
  await search.getByRole("button", { name: "Add Tandoori Roti" }).click();
  await guest.keyboard.press("Escape");
  await expect(search).toBeHidden();

  // Remembered for the table.
  await guest.reload();
  await expect(guest.getByRole("button", { name: "Filter · 1" })).toBeVisible();
  await expect(guest.getByText(/^\d+ items hidden by your filter$/)).toBeVisible();
  await expect(paneer).toHaveCount(0);

  // Checkout: a note on a line added without the item form, an order note, a declared allergy.
  await guest.getByRole("button", { name: /View cart/ }).click();
  const cart = guest.getByRole("dialog", { name: "Your cart" });
  await cart.getByRole("button", { name: "Add note for Tandoori Roti" }).click();
  await cart.getByRole("textbox", { name: "Note for the kitchen", exact: true }).fill("Well done, please");
  await cart.getByRole("button", { name: "Save note" }).click();
  await expect(cart.getByText("Note: Well done, please")).toBeVisible();
  await cart.getByRole("textbox", { name: /Note for the kitchen/ }).fill("Birthday table, candles please");
  await cart.getByRole("button", { name: "I have allergies" }).click();
  await cart.getByRole("checkbox", { name: "Peanuts" }).check();
  await cart.getByRole("button", { name: /^Place order/ }).click();
  await expect(guest).toHaveURL(/\/orders\/[a-f0-9]{24}$/);
  await expect(guest.getByText("Allergies you told the kitchen: Peanuts")).toBeVisible();
  const orderNumber = (await guest.getByRole("heading", { level: 1 }).textContent())?.match(/#\d+/)?.[0];
  expect(orderNumber).toBeTruthy();

  // The kitchen: a red banner with the declared allergy and the line's listed allergens, the notes.
  const ticket = kitchen.getByRole("article", { name: `Order ${orderNumber} for T8` });
  await expect(ticket).toBeVisible();
  const banner = ticket.getByRole("region", { name: "Allergens" });
  await expect(banner).toContainText("Allergy: Peanuts");
  await expect(banner).toContainText("1× Tandoori Roti: Cereals containing gluten");
  await expect(ticket).toContainText("Birthday table, candles please");
  await expect(ticket).toContainText("Well done, please");

  // The reset brings the whole menu back.
  await guest.goBack();
  await guest.getByRole("button", { name: "Show all" }).click();
  await expect(paneer).toBeVisible();

  await kitchenContext.close();
  await guestContext.close();
});
