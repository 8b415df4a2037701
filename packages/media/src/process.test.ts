import { PHOTO_POLICY } from "@tabletap/core/photo";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { isPhotoKey, photoKey } from "./keys";
import { processPhoto, renditionWidths } from "./process";

/** A `width`×`height` photo-like image (a colour gradient) in `format`. */
async function image(width: number, height: number, format: "jpeg" | "png" | "webp" | "gif"): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) pixels.set([(x * 255) / width, (y * 255) / height, 128], (y * width + x) * 3);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .toFormat(format)
    .toBuffer();
}

describe("renditionWidths", () => {
  it("stores each policy width below the photo's own and never upscales", () => {
    expect(renditionWidths(4000)).toEqual([320, 640, 1280]);
    expect(renditionWidths(800)).toEqual([320, 640, 800]);
    expect(renditionWidths(200)).toEqual([200]);
  });
});

describe("processPhoto", () => {
  it("turns a JPEG into WebP renditions at the policy widths, with a BlurHash and a tiny placeholder", async () => {
    const photo = await processPhoto(await image(1600, 1000, "jpeg"));
    expect(photo).toMatchObject({ width: 1600, height: 1000 });
    expect(photo.renditions.map((r) => r.width)).toEqual([...PHOTO_POLICY.widths]);
    for (const rendition of photo.renditions) {
      const meta = await sharp(rendition.data).metadata();
      expect(meta).toMatchObject({ format: "webp", width: rendition.width });
      expect(rendition.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(photo.blurhash.length).toBeGreaterThanOrEqual(6);
    expect(photo.placeholder).toMatch(/^data:image\/png;base64,/);
  });

  it("accepts PNG and WebP too, by their content", async () => {
    for (const format of ["png", "webp"] as const)
      expect((await processPhoto(await image(400, 300, format))).renditions.map((r) => r.width)).toEqual([320, 400]);
  });

  it("refuses what is not a JPEG, PNG or WebP image, whatever it claims to be", async () => {
    await expect(processPhoto(await image(50, 50, "gif"))).rejects.toMatchObject({ problem: "wrong-type" });
    await expect(
      processPhoto(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>")),
    ).rejects.toMatchObject({ problem: "wrong-type" });
  });

  it("refuses a damaged image and one over the size limit", async () => {
    const jpeg = await image(800, 600, "jpeg");
    await expect(processPhoto(jpeg.subarray(0, jpeg.length / 2))).rejects.toMatchObject({ problem: "corrupt" });
    await expect(processPhoto(new Uint8Array(PHOTO_POLICY.maxBytes + 1))).rejects.toMatchObject({
      problem: "too-large",
    });
  });
});

describe("photoKey", () => {
  it("addresses a rendition by its content, and only such keys are served", () => {
    const key = photoKey("65f1a2b3c4d5e6f708091a2b", "a".repeat(64));
    expect(key).toBe(`menu-photos/65f1a2b3c4d5e6f708091a2b/${"a".repeat(64)}.webp`);
    expect(isPhotoKey(key)).toBe(true);
    expect(isPhotoKey("menu-photos/../secrets.txt")).toBe(false);
  });
});
