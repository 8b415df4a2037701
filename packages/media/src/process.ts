import { createHash } from "node:crypto";
import { PHOTO_POLICY } from "@tabletap/core/photo";
import { decode, encode } from "blurhash";
import sharp, { type Sharp } from "sharp";
import { PhotoRejectedError } from "./errors";

/** One WebP rendition made from an upload: its bytes, width in pixels and SHA-256 (hex, its content address). */
export interface PhotoRendition {
  width: number;
  data: Buffer;
  sha256: string;
}

/** An upload turned into what is stored: renditions (narrowest first), the original's upright size, BlurHash and placeholder. */
export interface ProcessedPhoto {
  renditions: PhotoRendition[];
  width: number;
  height: number;
  blurhash: string;
  /** The BlurHash decoded to `PLACEHOLDER_WIDTH` pixels wide, as a PNG data URL. */
  placeholder: string;
}

/** The input formats sharp may detect that are accepted (`PHOTO_TYPES`), by sharp's format name. */
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp"]);
/** Width of the image the BlurHash is computed from, pixels (BlurHash needs only a few). */
const BLURHASH_SOURCE_WIDTH = 32;
/** Width of the placeholder decoded from the BlurHash, pixels; the browser stretches it smoothly. */
const PLACEHOLDER_WIDTH = 8;

/** sharp on the upload: at most `PHOTO_POLICY.maxPixels` decoded, any decoder warning fatal (a damaged file). */
function open(bytes: Uint8Array): Sharp {
  return sharp(bytes, { limitInputPixels: PHOTO_POLICY.maxPixels, failOn: "warning" });
}

/**
 * The widths to store for an image `width` pixels wide: each of `PHOTO_POLICY.widths` below it,
 * then the widest that does not upscale (`min(width, largest)`), e.g. 800 → 320, 640, 800.
 */
export function renditionWidths(width: number): number[] {
  const widest = Math.min(width, Math.max(...PHOTO_POLICY.widths));
  return [...PHOTO_POLICY.widths.filter((w) => w < widest), widest];
}

/** Runs a sharp step; a decoder failure means the upload is damaged (`corrupt`). */
async function decoding<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof PhotoRejectedError) throw error;
    throw new PhotoRejectedError("corrupt");
  }
}

/**
 * Checks an upload against `PHOTO_POLICY` by its content (the client's Content-Type is not
 * trusted) and makes what is stored: WebP renditions at `renditionWidths` (EXIF-rotated upright,
 * metadata such as GPS position stripped), the BlurHash of a 32-pixel version and an 8-pixel
 * PNG placeholder decoded from it.
 * @throws PhotoRejectedError `too-large` over `maxBytes`; `wrong-type` unless the bytes are a
 *   JPEG, PNG or WebP image (SVG, GIF, HEIC, text... refused); `too-many-pixels` over
 *   `maxPixels`; `corrupt` when the image can't be decoded in full.
 */
export async function processPhoto(bytes: Uint8Array): Promise<ProcessedPhoto> {
  if (bytes.byteLength > PHOTO_POLICY.maxBytes) throw new PhotoRejectedError("too-large");
  const meta = await open(bytes)
    .metadata()
    .catch(() => {
      throw new PhotoRejectedError("wrong-type");
    });
  if (!ACCEPTED_FORMATS.has(meta.format)) throw new PhotoRejectedError("wrong-type");
  if (meta.width * meta.height > PHOTO_POLICY.maxPixels) throw new PhotoRejectedError("too-many-pixels");
  const { width, height } = meta.autoOrient;

  const renditions = await decoding(() =>
    Promise.all(
      renditionWidths(width).map(async (w) => {
        const data = await open(bytes)
          .rotate()
          .resize({ width: w, withoutEnlargement: true })
          .webp({ quality: PHOTO_POLICY.quality })
          .toBuffer();
        return { width: w, data, sha256: createHash("sha256").update(data).digest("hex") };
      }),
    ),
  );
  const small = await decoding(() =>
    open(bytes)
      .rotate()
      .resize({ width: Math.min(BLURHASH_SOURCE_WIDTH, width) })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true }),
  );
  const { componentsX, componentsY } = PHOTO_POLICY.blurhash;
  const blurhash = encode(
    new Uint8ClampedArray(small.data),
    small.info.width,
    small.info.height,
    componentsX,
    componentsY,
  );
  return { renditions, width, height, blurhash, placeholder: await placeholderOf(blurhash, width, height) };
}

/** The BlurHash decoded to a `PLACEHOLDER_WIDTH`-pixel PNG with the photo's aspect ratio, as a data URL. */
async function placeholderOf(blurhash: string, width: number, height: number): Promise<string> {
  const w = PLACEHOLDER_WIDTH;
  const h = Math.max(1, Math.round((w * height) / width));
  const png = await sharp(Buffer.from(decode(blurhash, w, h)), { raw: { width: w, height: h, channels: 4 } })
    .removeAlpha()
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString("base64")}`;
}
