import { devices, expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./a11y";
import { DASHBOARD_URL, otpFor, signInGuest, STAFF, tableCode } from "./support";

/** A poll of the order (`order.get`, alone in its batch). */
const ORDER_GET = /\/api\/trpc\/order\.get\?/;

test("the order page keeps showing the current status when its live stream can't connect, and says how old it is", async ({
  browser,
}) => {
  const code = await tableCode("T6");
  const kitchenContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const kitchen = await kitchenContext.newPage();
  await kitchen.goto(`${DASHBOARD_URL}/kitchen`);
  await kitchen.getByLabel("Email").fill(STAFF.email);
  await kitchen.getByLabel("Password").fill(STAFF.password);
  await kitchen.getByRole("button", { name: "Sign in" }).click();
  await expect(kitchen).toHaveURL(/\/kitchen/);

  // The guest's network never lets the order's event stream through (a proxy that drops SSE).
  const guestContext = await browser.newContext(devices["Pixel 7"]);
  await guestContext.route(/\/api\/trpc\/order\.onUpdate/, (route) => route.abort());
  const guest = await guestContext.newPage();
  const phone = await signInGuest(guest, code);
  await guest.getByLabel("6-digit code").fill(await otpFor(guest.request, phone.e164));
  await guest.getByRole("button", { name: "Verify" }).click();
  await guest.getByRole("button", { name: "Add Garlic Naan" }).click();
  await guest.getByRole("button", { name: /View cart/ }).click();
  await guest.getByRole("button", { name: /Place order/ }).click();
  await expect(guest).toHaveURL(/\/orders\/[a-f0-9]{24}$/);
  const orderNumber = (await guest.getByRole("heading", { level: 1 }).textContent())?.match(/#\d+/)?.[0];
  const live = guest.locator(".live");
  await expect(live).toContainText(/Connecting…|Reconnecting…/);
  await expect(live).toContainText("last update");
  await expectNoSeriousA11yViolations(guest);

  // Staff start the order: with no stream, the page still shows it within a poll.
  const status = guest.getByTestId("order-status");
  const before = await status.textContent();
  const ticketName = `order ${orderNumber} for T6`;
  await kitchen.getByRole("button", { name: `Start ${ticketName}` }).click();
  await expect(status).not.toHaveText(before ?? "", { timeout: 12_000 });
  const started = await status.textContent();
  await expect(live).not.toContainText("Live");

  // The API can't be reached either: past 15 s the page says how old what it shows is.
  await guestContext.route(ORDER_GET, (route) => route.abort());
  await expect(live).toHaveAttribute("data-stale", "true", { timeout: 25_000 });
  await expect(live).toContainText(/(Connecting|Reconnecting)… · last update \d+ s ago/);

  // Back on the network (still without the stream): the next state shows, and the warning goes.
  await kitchen.getByRole("button", { name: `Mark ${ticketName} ready` }).click();
  await guestContext.unroute(ORDER_GET);
  await expect(status).not.toHaveText(started ?? "", { timeout: 12_000 });
  await expect(live).toHaveAttribute("data-stale", "false");

  await kitchenContext.close();
  await guestContext.close();
});
