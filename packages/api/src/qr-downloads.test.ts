import { qrSvg } from "@tabletap/qr";
import { sheetLinks } from "@tabletap/qr/sheet-links";
import { describe, expect, it } from "vitest";
import { qrSheetResponse, tableQrResponse } from "./qr-downloads";
import { seedRestaurant, signedInStaff, type TestClient } from "./testing";

/** A browser's request to the dashboard with `client`'s cookies. */
function request(client: TestClient | null, path: string): Request {
  const cookie = client ? [...client.cookies].map(([name, value]) => `${name}=${value}`).join("; ") : "";
  return new Request(`http://127.0.0.1${path}`, { headers: { cookie } });
}

describe("QR downloads", () => {
  it("give the manager the PDF sheet of the active tables, and each table's PNG and SVG, as attachments", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const { tables } = await manager.call((api) => api.admin.tables.list());
    const [t1, t2] = tables;
    await manager.call((api) => api.admin.tables.save({ id: t2!.id, label: t2!.label, seats: 4, active: false }));

    const sheet = await qrSheetResponse(request(manager, "/admin/tables/qr-sheet.pdf"));
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get("content-type")).toBe("application/pdf");
    expect(sheet.headers.get("content-disposition")).toBe('attachment; filename="Saffron-Table-table-qr-codes.pdf"');
    expect(sheet.headers.get("cache-control")).toBe("private, no-store");
    expect((await sheetLinks(await sheet.arrayBuffer())).flat()).toEqual(
      tables.filter((t) => t.id !== t2!.id).map((t) => t.guestUrl),
    );

    const svg = await tableQrResponse(request(manager, `/admin/tables/${t1!.id}/qr.svg`), t1!.id, "svg");
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(svg.headers.get("content-disposition")).toBe('attachment; filename="table-T1-qr.svg"');
    expect(await svg.text()).toBe(await qrSvg(t1!.guestUrl));

    // An inactive table's code still downloads (to reprint it before reactivating).
    const png = await tableQrResponse(request(manager, `/admin/tables/${t2!.id}/qr.png`), t2!.id, "png");
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(png.headers.get("content-disposition")).toBe('attachment; filename="table-T2-qr.png"');
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString("latin1"),
    ).toBe("PNG");
  });

  it("refuse the signed-out (401), staff (403), and another restaurant's or an unknown table (404)", async () => {
    const seeded = await seedRestaurant();
    const other = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const tableId = (await manager.call((api) => api.admin.tables.list())).tables[0]!.id;
    const staff = await signedInStaff(seeded, "staff");
    const foreign = await signedInStaff(other, "manager");

    expect((await qrSheetResponse(request(null, "/admin/tables/qr-sheet.pdf"))).status).toBe(401);
    expect((await qrSheetResponse(request(staff, "/admin/tables/qr-sheet.pdf"))).status).toBe(403);
    expect((await tableQrResponse(request(null, "/"), tableId, "png")).status).toBe(401);
    expect((await tableQrResponse(request(staff, "/"), tableId, "png")).status).toBe(403);
    const refused = await tableQrResponse(request(foreign, "/"), tableId, "svg");
    expect(refused.status).toBe(404);
    expect(refused.headers.get("content-disposition")).toBeNull();
    expect(await refused.text()).toMatch(/doesn't exist/);
    expect((await tableQrResponse(request(manager, "/"), "0123456789abcdef01234567", "svg")).status).toBe(404);
    expect((await tableQrResponse(request(manager, "/"), "not-an-id", "svg")).status).toBe(400);
  });
});
