/**
 * Menu item photos: what a manager may upload, and how a photo reaches guests. Browser-safe:
 * the dashboard checks a chosen file with `photoFileProblem` before uploading, and the server
 * applies the same `PHOTO_POLICY` to the bytes it receives.
 */
import { z } from "zod";
import { objectIdSchema } from "./schemas";

/** The image types a manager may upload, by MIME type (checked against the file's content on the server). */
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/**
 * The rules of a menu item photo upload.
 * - `maxBytes`: 5 MiB, a phone camera's JPEG with room to spare (issue 9).
 * - `maxPixels`: 40 megapixels (e.g. 8000 × 5000); a larger image is refused before it is
 *   decoded in full, against "decompression bombs" (OWASP File Upload Cheat Sheet).
 * - `widths`: the WebP renditions stored, in CSS pixels of the guest menu's card (320), its
 *   dialog on a phone (640) and on a large or high-density screen (1280); an image is never
 *   upscaled, so a narrower original is stored at its own width instead of the wider ones.
 * - `quality`: WebP quality of the renditions (libwebp's 0–100 scale).
 * - `blurhash`: the BlurHash components (x × y, https://blurha.sh) of the placeholder shown while
 *   the photo loads.
 */
export const PHOTO_POLICY = {
  maxBytes: 5 * 1024 * 1024,
  maxPixels: 40_000_000,
  widths: [320, 640, 1280],
  quality: 80,
  blurhash: { componentsX: 4, componentsY: 3 },
} as const;

/** A human size: "5 MB" for `PHOTO_POLICY.maxBytes`. */
function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** The message for a photo over `PHOTO_POLICY.maxBytes`. */
export const PHOTO_TOO_LARGE = `That photo is larger than ${megabytes(PHOTO_POLICY.maxBytes)}. Please choose a smaller one.`;
/** The message for a file that is not a JPEG, PNG or WebP image. */
export const PHOTO_WRONG_TYPE = "That file isn't a JPEG, PNG or WebP photo.";

/** True for a MIME type the upload accepts (parameters such as `; charset` ignored). */
export function isPhotoType(mediaType: string | null | undefined): mediaType is PhotoType {
  const type = mediaType?.split(";", 1)[0]?.trim().toLowerCase();
  return (PHOTO_TYPES as readonly string[]).includes(type ?? "");
}

/**
 * Why a chosen file can't be uploaded as a photo (its declared type and size; the server then
 * checks the content itself), or null when it may be sent.
 */
export function photoFileProblem(file: { type: string; size: number }): string | null {
  if (!isPhotoType(file.type)) return PHOTO_WRONG_TYPE;
  if (file.size > PHOTO_POLICY.maxBytes) return PHOTO_TOO_LARGE;
  if (file.size === 0) return "That file is empty.";
  return null;
}

/** One stored rendition of a photo: WebP, `width` pixels wide. */
export interface PhotoRenditionView {
  /** Where a browser loads it (the media route or `S3_PUBLIC_URL`); immutable, cache forever. */
  url: string;
  width: number;
}

/**
 * A menu item's photo as guests and the admin see it: the WebP renditions (narrowest first) for
 * `srcset`, the original's size in pixels after EXIF rotation (for the aspect ratio), its BlurHash
 * and a tiny PNG data URL decoded from it (the placeholder shown while the photo loads, no
 * JavaScript needed), and the alt text.
 */
export interface MenuItemPhotoView {
  renditions: PhotoRenditionView[];
  width: number;
  height: number;
  blurhash: string;
  /** `data:image/png;base64,...`: the BlurHash decoded to a few pixels, stretched with CSS. */
  placeholder: string;
  /** Text for screen readers; "" when the photo only decorates the item's name. */
  alt: string;
}

/** `admin.photos.remove`: the item whose photo is taken off the menu. */
export const removePhotoInput = z.object({ menuItemId: objectIdSchema });
export type RemovePhotoInput = z.infer<typeof removePhotoInput>;

/**
 * The photo upload (`POST /api/admin/menu-items/<menuItemId>/photo?alt=...`, the image as the
 * body): the item, and the photo's alt text for screen readers (optional, at most 200 characters).
 */
export const uploadPhotoInput = removePhotoInput.extend({
  alt: z.string().trim().max(200, "Keep the description under 200 characters").default(""),
});
export type UploadPhotoInput = z.infer<typeof uploadPhotoInput>;
