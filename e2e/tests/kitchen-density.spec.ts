import { randomBytes, randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { businessDate, formatTimeOfDay } from "@tabletap/core/business-date";
import { allDayCounts, type AllDayTicket } from "@tabletap/core/kitchen-lookup";
import { connectDb, Customer, MenuItem, Order, OrderCounter, Table } from "@tabletap/db";
import { seedDemo } from "@tabletap/db/seed";
import { DASHBOARD_URL } from "./support";

const TIME_ZONE = "Asia/Kolkata";
const OPEN = [
  ...Array<string>(8).fill("placed"),
  ...Array<string>(9).fill("preparing"),
  ...Array<string>(8).fill("ready"),
];

/**
 * A restaurant of its own at rush hour: 25 open tickets (8 new, 9 preparing, 8 ready) and one
 * served order (#026, of the guest with `servedPhone`), stored straight
 * in the database as a busy service leaves them.
 */
async function rushHour() {
  await connectDb(process.env.MONGODB_URI ?? "");
  const slug = `rush-${randomBytes(5).toString("hex")}`;
  const seeded = await seedDemo({ slug, staffEmailDomain: `${slug}.test` });
  const items = await MenuItem.find({ restaurantId: seeded.restaurantId }).sort({ name: 1 }).lean();
  const tables = await Table.find({ restaurantId: seeded.restaurantId }).sort({ label: 1 }).lean();
  const now = Date.now();
  const today = businessDate(new Date(now), TIME_ZONE);
  const statuses = [...OPEN, "served"];
  const servedPhone = `+9199${String(now % 1e8).padStart(8, "0")}`;
  const servedGuest = await Customer.create({ phone: servedPhone });
  const orders = await Order.insertMany(
    statuses.map((status, i) => {
      // Nine dishes over 26 orders, so the all-day counts add up across tickets.
      const item = items[(i * 4) % 9]!;
      const quantity = 1 + (i % 3);
      const at = new Date(now - (statuses.length - i) * 60_000);
      const history = ["placed", "accepted", "preparing", "ready", "served"];
      const steps = status === "placed" ? ["placed"] : history.slice(0, history.indexOf(status) + 1);
      return {
        restaurantId: seeded.restaurantId,
        tableId: tables[i % tables.length]!._id,
        tableLabel: tables[i % tables.length]!.label,
        tableSessionId: randomBytes(12).toString("hex"),
        customerId: status === "served" ? servedGuest._id : randomBytes(12).toString("hex"),
        idempotencyKey: randomUUID(),
        businessDate: today,
        number: i + 1,
        lines: [
          {
            menuItemId: item._id,
            name: item.name,
            unitPrice: item.price,
            quantity,
            modifiers: [],
            notes: null,
            lineTotal: item.price * quantity,
            station: item.station,
          },
        ],
        currency: "INR",
        subtotal: item.price * quantity,
        serviceCharge: 0,
        tax: 0,
        tip: 0,
        total: item.price * quantity,
        status,
        statusHistory: steps.map((step, s) => ({ status: step, at: new Date(at.getTime() + s * 20_000), by: "test" })),
        createdAt: at,
        updatedAt: at,
      };
    }),
  );
  await OrderCounter.create({ restaurantId: seeded.restaurantId, businessDate: today, seq: statuses.length });
  const staff = seeded.staff.find((account) => account.role === "staff")!;
  const [mostPending] = allDayCounts(orders.map((order) => order.toObject() as unknown as AllDayTicket));
  return { staff, servedPhone, tables: tables.map((table) => table.label), mostPending: mostPending! };
}

/** The kitchen display signed in as `account`, at `viewport`, in a browser set to New York time. */
async function kitchenAt(
  browser: Browser,
  account: { email: string; password: string },
  viewport: { width: number; height: number },
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, timezoneId: "America/New_York" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${DASHBOARD_URL}/login?next=/kitchen`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/kitchen$/);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  return { page, errors };
}

/** Tickets whose whole card is on screen. */
async function ticketsOnScreen(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      Array.from(document.querySelectorAll("article[data-ticket-id]")).filter((ticket) => {
        const box = ticket.getBoundingClientRect();
        return box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
      }).length,
  );
}

/** When `UPDATE_SCREENSHOTS` is set, saves `docs/screenshots/kitchen-<name>.png` (the README's pictures). */
async function snapshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: `../docs/screenshots/kitchen-${name}.png` });
}

test("at rush hour the kitchen shows 12+ tickets on a laptop and every column on a portrait tablet, bumps from the keyboard, tells the restaurant's time and finds a served order", async ({
  browser,
}) => {
  const rush = await rushHour();
  const { page, errors } = await kitchenAt(browser, rush.staff, { width: 1366, height: 768 });

  // The clock is the restaurant's (India), not the browser's (New York), in the server's HTML already.
  const html = await (await page.request.get(`${DASHBOARD_URL}/kitchen`)).text();
  const clock = (at: number) => formatTimeOfDay(at, TIME_ZONE);
  const now = Date.now();
  expect([clock(now - 60_000), clock(now), clock(now + 60_000)].some((time) => html.includes(`>${time}</time>`))).toBe(
    true,
  );
  await expect(page.locator("time.wall-clock")).toHaveText(new RegExp(`^(${clock(now)}|${clock(now + 60_000)})$`));

  // 25 open tickets: compact, at least 12 whole cards on a 1366×768 screen, and the all-day counts.
  await expect(page.locator("article[data-ticket-id]")).toHaveCount(25);
  await expect(page.getByRole("button", { name: "Compact" })).toHaveAttribute("aria-pressed", "true");
  expect(await ticketsOnScreen(page)).toBeGreaterThanOrEqual(12);
  const allDay = page.getByRole("region", { name: "All day" });
  await expect(allDay.getByRole("listitem").first()).toHaveText(
    `${rush.mostPending.quantity} × ${rush.mostPending.name}`,
  );
  await snapshot(page, "dense");

  // Bump bar: "1" selects the oldest new ticket, Enter accepts it; the help lists the keys.
  await page.keyboard.press("1");
  await expect(page.locator("[data-selected] article")).toHaveAttribute("aria-labelledby", /.+/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: `Start order #001 for ${rush.tables[0]}` })).toBeVisible();
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard and bump bar" });
  await expect(help).toContainText("Bump the selected ticket");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // "/" opens the lookup; typing there bumps nothing; the served order is found with its history.
  await page.keyboard.press("/");
  const lookup = page.getByRole("dialog", { name: "Find an order" });
  const field = lookup.getByLabel("Order number, table or phone");
  await expect(field).toBeFocused();
  await field.fill(rush.servedPhone.slice(-6));
  await field.press("Enter");
  const found = lookup.getByRole("article");
  await expect(found).toHaveCount(1);
  await expect(found).toContainText("#026");
  await expect(found.getByRole("list", { name: "History of order #026" }).getByRole("listitem")).toHaveCount(5);
  await expect(found).toContainText("Served");
  await field.fill("#");
  await field.press("Enter");
  await expect(lookup.getByRole("alert")).toContainText("Type an order number");
  await page.keyboard.press("Escape");
  await expect(lookup).toBeHidden();
  await expect(page.getByRole("button", { name: `Start order #001 for ${rush.tables[0]}` })).toBeVisible();
  expect(errors.filter((text) => /hydrat|#418|#423|#425/i.test(text))).toEqual([]);

  await page.context().close();

  // A tablet in portrait: all three columns wholly on screen.
  const tablet = await kitchenAt(browser, rush.staff, { width: 800, height: 1280 });
  for (const name of ["New", "Preparing", "Ready"]) {
    const box = (await tablet.page.getByRole("region", { name, exact: true }).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(800);
  }
  await snapshot(tablet.page, "portrait");
});
