/**
 * Menu item photos against the real local S3 stand-in (versitygw): the upload route, the media
 * route, `admin.photos.remove`, and what the guest menu shows.
 */
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { PHOTO_POLICY } from "@tabletap/core/photo";
import type { MenuItemView } from "@tabletap/core";
import { AuditEntry, MenuItem } from "@tabletap/db";
import { createS3Client } from "@tabletap/media";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { mediaRouteHandler, photoUploadRouteHandler } from "../../http";
import { seedRestaurant, signedInStaff, testServices, TestClient } from "../../testing";

const services = testServices();
const upload = photoUploadRouteHandler({ services: () => services });
const s3 = createS3Client(services.env);
afterAll(() => s3.destroy());

type Seeded = Awaited<ReturnType<typeof seedRestaurant>>;

/** A photo-like test image: a diagonal gradient (so BlurHash and WebP have something to encode). */
async function image(width: number, height: number, format: "jpeg" | "png" | "webp"): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = 128;
    }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .toFormat(format)
    .toBuffer();
}

/** POSTs `body` to the upload route for `menuItemId` as `client` would from the dashboard (same-origin fetch). */
function post(
  client: TestClient | null,
  menuItemId: string,
  body: NonNullable<RequestInit["body"]>,
  headers: Record<string, string> = { "content-type": "image/jpeg" },
): Promise<Response> {
  const cookie = client ? [...client.cookies].map(([name, value]) => `${name}=${value}`).join("; ") : "";
  const init: RequestInit & { duplex: "half" } = {
    method: "POST",
    headers: { "sec-fetch-site": "same-origin", cookie, ...headers },
    body,
    duplex: "half",
  };
  return upload(
    new Request(`http://127.0.0.1/api/admin/menu-items/${menuItemId}/photo?alt=Rasmalai`, init),
    menuItemId,
  );
}

/** The keys stored for a restaurant's photos. */
async function storedKeys(restaurantId: string): Promise<string[]> {
  const listed = await s3.send(
    new ListObjectsV2Command({ Bucket: services.env.S3_BUCKET, Prefix: `menu-photos/${restaurantId}/` }),
  );
  return (listed.Contents ?? []).map((object) => object.Key ?? "");
}

/** The item as a guest at the restaurant's first table sees it (`menu.forTable`). */
async function guestItem(seeded: Seeded, name: string): Promise<MenuItemView | undefined> {
  const guest = new TestClient("guest", services);
  const menu = await guest.call((api) => api.menu.forTable({ tableCode: seeded.tables[0]!.code }));
  return menu.categories.flatMap((category) => category.items).find((item) => item.name === name);
}

const itemId = (seeded: Seeded) => seeded.items.get("Rasmalai")!._id.toString();

/** Expects a refusal: its status and human message, no object stored, and the item unchanged. */
async function expectRefused(res: Response, status: number, message: RegExp, seeded: Seeded) {
  expect(res.status).toBe(status);
  expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
  expect(await storedKeys(seeded.restaurantId)).toEqual([]);
  expect((await MenuItem.findById(itemId(seeded)).lean())?.photo ?? null).toBeNull();
}

describe("photo upload", () => {
  it("stores WebP renditions at each width, a BlurHash, and the guest menu shows the photo", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const original = await image(1600, 1000, "jpeg");
    const res = await post(manager, itemId(seeded), original);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { photo } = (await res.json()) as { photo: NonNullable<MenuItemView["photo"]> };
    expect(photo).toMatchObject({ width: 1600, height: 1000, alt: "Rasmalai" });
    expect(photo.renditions.map((r) => r.width)).toEqual([320, 640, 1280]);
    expect(photo.blurhash).toMatch(/^[0-9A-Za-z#$%*+,-.:;=?@[\]^_{|}~]{20,}$/);
    expect(photo.placeholder).toMatch(/^data:image\/png;base64,/);

    // Each width is a WebP object in the bucket, under a content address.
    const keys = await storedKeys(seeded.restaurantId);
    expect(keys).toHaveLength(3);
    for (const { url, width } of photo.renditions) {
      const key = url.replace(/^\/media\//, "");
      expect(keys).toContain(key);
      const object = await s3.send(new GetObjectCommand({ Bucket: services.env.S3_BUCKET, Key: key }));
      expect(object.ContentType).toBe("image/webp");
      const meta = await sharp(Buffer.from(await object.Body!.transformToByteArray())).metadata();
      expect(meta).toMatchObject({ format: "webp", width, height: Math.round((width * 1000) / 1600) });
    }

    // Stored on the item, audited, and on the guest's menu.
    const stored = await MenuItem.findById(itemId(seeded)).lean();
    expect(stored?.photo?.blurhash).toBe(photo.blurhash);
    expect((await guestItem(seeded, "Rasmalai"))?.photo).toEqual(photo);
    const audit = await AuditEntry.findOne({ entityId: itemId(seeded), action: "photo" }).lean();
    expect(audit).toMatchObject({ entity: "menuItem", before: { photo: null } });
    expect((audit?.after as { photo: { width: number } }).photo.width).toBe(1600);
  });

  it("serves a stored photo from the media route, cacheable as immutable", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const res = await post(manager, itemId(seeded), await image(800, 600, "png"), { "content-type": "image/png" });
    const { photo } = (await res.json()) as { photo: NonNullable<MenuItemView["photo"]> };
    // Never upscaled: an 800-pixel original is stored at 320, 640 and 800.
    expect(photo.renditions.map((r) => r.width)).toEqual([320, 640, 800]);
    const url = photo.renditions[0]!.url;
    const served = await mediaRouteHandler(new Request(`http://127.0.0.1${url}`), url.replace(/^\/media\//, ""));
    expect(served.status).toBe(200);
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(served.headers.get("content-type")).toBe("image/webp");
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(320);
    const other = await mediaRouteHandler(new Request("http://127.0.0.1/media/x"), "stack-check/x.txt");
    expect(other.status).toBe(404);
  });

  it("refuses a file that is not an image, whatever its Content-Type says, and stores nothing", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"/>');
    await expectRefused(await post(manager, itemId(seeded), svg), 415, /isn't a JPEG, PNG or WebP/, seeded);
    const text = Buffer.from("not a photo at all");
    await expectRefused(
      await post(manager, itemId(seeded), text, { "content-type": "text/plain" }),
      415,
      /isn't a JPEG, PNG or WebP/,
      seeded,
    );
  });

  it("refuses a damaged image and stores nothing", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const jpeg = await image(1200, 900, "jpeg");
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    await expectRefused(await post(manager, itemId(seeded), truncated), 400, /couldn't be read/, seeded);
  });

  it("refuses a photo over 5 MB, by Content-Length or while streaming, and stores nothing", async () => {
    const seeded = await seedRestaurant();
    const manager = await signedInStaff(seeded, "manager");
    const tooBig = Buffer.alloc(PHOTO_POLICY.maxBytes + 1, 0xff);
    await expectRefused(await post(manager, itemId(seeded), tooBig), 413, /larger than 5 MB/, seeded);
    // A chunked body has no Content-Length: the route counts while reading.
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let sent = 0; sent <= PHOTO_POLICY.maxBytes; sent += 1024 * 1024)
          controller.enqueue(new Uint8Array(1024 * 1024));
        controller.close();
      },
    });
    await expectRefused(await post(manager, itemId(seeded), chunked), 413, /larger than 5 MB/, seeded);
  });

  it("refuses staff, another restaurant's manager, a signed-out caller and a cross-site request", async () => {
    const [seeded, other] = await Promise.all([seedRestaurant(), seedRestaurant()]);
    const photo = await image(640, 480, "webp");
    const webp = { "content-type": "image/webp" };
    const staff = await signedInStaff(seeded, "staff");
    await expectRefused(await post(staff, itemId(seeded), photo, webp), 403, /Only a manager/, seeded);
    const foreign = await signedInStaff(other, "manager");
    await expectRefused(await post(foreign, itemId(seeded), photo, webp), 404, /doesn't exist/, seeded);
    expect(await storedKeys(other.restaurantId)).toEqual([]);
    await expectRefused(await post(null, itemId(seeded), photo, webp), 401, /sign/i, seeded);
    const manager = await signedInStaff(seeded, "manager");
    const crossSite = { ...webp, "sec-fetch-site": "cross-site" };
    await expectRefused(await post(manager, itemId(seeded), photo, crossSite), 403, /another site/, seeded);
    await expectRefused(await post(manager, "not-an-id", photo, webp), 400, /Not a valid id/, seeded);
  });
});

describe("admin.photos.remove", () => {
  it("takes the photo off the item and the guest menu, audited; refuses staff and other restaurants", async () => {
    const [seeded, other] = await Promise.all([seedRestaurant(), seedRestaurant()]);
    const manager = await signedInStaff(seeded, "manager");
    expect((await post(manager, itemId(seeded), await image(400, 300, "jpeg"))).status).toBe(200);

    const staff = await signedInStaff(seeded, "staff");
    await expect(staff.call((api) => api.admin.photos.remove({ menuItemId: itemId(seeded) }))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const foreign = await signedInStaff(other, "manager");
    await expect(foreign.call((api) => api.admin.photos.remove({ menuItemId: itemId(seeded) }))).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "That menu item doesn't exist.",
    });
    expect((await guestItem(seeded, "Rasmalai"))?.photo).not.toBeNull();

    await expect(manager.call((api) => api.admin.photos.remove({ menuItemId: itemId(seeded) }))).resolves.toEqual({
      photo: null,
    });
    expect((await guestItem(seeded, "Rasmalai"))?.photo).toBeNull();
    const entries = await AuditEntry.find({ entityId: itemId(seeded), action: "photo" })
      .sort({ at: 1 })
      .lean();
    expect(entries.map((entry): unknown => entry.after)).toEqual([
      expect.objectContaining({ photo: expect.any(Object) }),
      { photo: null },
    ]);
  });
});
