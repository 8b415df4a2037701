/** Where menu photos live in the bucket: `menu-photos/<restaurant id>/<sha256 of the WebP>.webp`. */
const PHOTO_KEY = /^menu-photos\/[0-9a-f]{24}\/[0-9a-f]{64}\.webp$/;

/**
 * The content-addressed key of a rendition of one of `restaurantId`'s photos: the same bytes
 * always get the same key, so an object never changes once written and may be cached forever.
 */
export function photoKey(restaurantId: string, sha256: string): string {
  return `menu-photos/${restaurantId}/${sha256}.webp`;
}

/** True for a key `photoKey` makes: the only objects the media route serves. */
export function isPhotoKey(key: string): boolean {
  return PHOTO_KEY.test(key);
}
