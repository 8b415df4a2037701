import type { MenuItemPhotoView, RemovePhotoInput, UploadPhotoInput } from "@tabletap/core/photo";
import { MenuItem, toMenuItemPhotoView, type MenuItemPhoto } from "@tabletap/db";
import { photoKey, processPhoto } from "@tabletap/media";
import { NotFoundError } from "../errors";
import type { Services } from "../services";
import type { StaffPrincipal } from "../trpc";
import { recordChange } from "./audit";
import { restaurantChanged } from "./menu";

/** The manager's restaurant's item `menuItemId`. @throws NotFoundError for an unknown item or another restaurant's. */
async function ownItem(manager: StaffPrincipal, menuItemId: string) {
  const item = await MenuItem.findOne({ _id: menuItemId, restaurantId: manager.restaurantId }, { photo: 1 }).lean();
  if (!item) throw new NotFoundError("That menu item doesn't exist.");
  return item;
}

/** A photo as the audit log records it: its renditions' keys and widths, size and alt text (no placeholder bytes). */
function audited(photo: MenuItemPhoto | null | undefined) {
  if (!photo) return { photo: null };
  const { renditions, width, height, alt } = photo;
  return { photo: { renditions: renditions.map(({ key, width: w }) => ({ key, width: w })), width, height, alt } };
}

/**
 * Sets the photo of the manager's restaurant's item `input.menuItemId` from an uploaded image
 * (`bytes`, at most `PHOTO_POLICY.maxBytes`): checked by content and turned into WebP renditions,
 * a BlurHash and a placeholder (`processPhoto`), stored in the photos bucket under content-addressed
 * keys (`photoKey`), then set on the item, audited (entity "menuItem", action "photo") and pushed
 * to open guest menus (`restaurantChanged`). A replaced photo's objects stay in the bucket: their
 * keys are immutable and a guest menu loaded earlier may still show them.
 * Returns the photo as guests see it.
 * @throws NotFoundError for an unknown item or another restaurant's (nothing processed or stored).
 * @throws PhotoRejectedError when the upload is too large, not a JPEG/PNG/WebP image, too many
 *   pixels or damaged; nothing is stored and the item is unchanged.
 * @throws the S3 SDK's error when the bucket can't be written (the item is unchanged).
 */
export async function uploadItemPhoto(
  services: Services,
  manager: StaffPrincipal,
  input: UploadPhotoInput & { bytes: Uint8Array },
): Promise<MenuItemPhotoView> {
  const item = await ownItem(manager, input.menuItemId);
  const processed = await processPhoto(input.bytes);
  const renditions = await Promise.all(
    processed.renditions.map(async ({ width, data, sha256 }) => {
      const key = photoKey(manager.restaurantId, sha256);
      await services.media.put(key, data, "image/webp");
      return { key, width };
    }),
  );
  const photo: MenuItemPhoto = {
    renditions,
    width: processed.width,
    height: processed.height,
    blurhash: processed.blurhash,
    placeholder: processed.placeholder,
    alt: input.alt,
  };
  const updated = await MenuItem.updateOne(
    { _id: input.menuItemId, restaurantId: manager.restaurantId },
    { $set: { photo } },
  );
  if (updated.matchedCount === 0) throw new NotFoundError("That menu item doesn't exist.");
  await recordChange(manager, {
    entity: "menuItem",
    entityId: input.menuItemId,
    action: "photo",
    before: audited(item.photo),
    after: audited(photo),
  });
  await restaurantChanged(services, manager.restaurantId);
  const view = toMenuItemPhotoView(photo, { mediaBaseUrl: services.mediaBaseUrl });
  if (!view) throw new Error("unreachable: a stored photo has a view");
  return view;
}

/**
 * Takes the photo off the manager's restaurant's item `input.menuItemId` (the guest menu shows it
 * without one), audited (entity "menuItem", action "photo", after `{ photo: null }`) and pushed to
 * open guest menus. Nothing changes, and nothing is recorded, when the item has no photo. The
 * objects stay in the bucket (see `uploadItemPhoto`).
 * @throws NotFoundError for an unknown item or another restaurant's.
 */
export async function removeItemPhoto(
  services: Services,
  manager: StaffPrincipal,
  input: RemovePhotoInput,
): Promise<{ photo: null }> {
  const item = await ownItem(manager, input.menuItemId);
  if (!item.photo) return { photo: null };
  await MenuItem.updateOne({ _id: input.menuItemId, restaurantId: manager.restaurantId }, { $set: { photo: null } });
  await recordChange(manager, {
    entity: "menuItem",
    entityId: input.menuItemId,
    action: "photo",
    before: audited(item.photo),
    after: audited(null),
  });
  await restaurantChanged(services, manager.restaurantId);
  return { photo: null };
}
