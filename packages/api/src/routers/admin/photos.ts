import { removePhotoInput } from "@tabletap/core/photo";
import type { TRPCRouterRecord } from "@trpc/server";
import { managerProcedure } from "../../trpc";
import { removeItemPhoto } from "../../use-cases/photos";

/**
 * Menu item photos. The upload is not a procedure (the API takes JSON only): it is the
 * dashboard's `POST /api/admin/menu-items/<id>/photo` with the image as the body
 * (`photoUploadRouteHandler`).
 */
export const adminPhotosRouter = {
  /**
   * Takes the photo off the manager's restaurant's item `menuItemId`; returns `{ photo: null }`.
   * Audited (entity "menuItem", action "photo"); open guest menus refetch. Nothing changes when
   * the item has no photo. Errors: NOT_FOUND for an unknown item or another restaurant's;
   * FORBIDDEN for staff who are not managers.
   */
  remove: managerProcedure
    .input(removePhotoInput)
    .mutation(({ ctx, input }) => removeItemPhoto(ctx.services, ctx.staff, input)),
} satisfies TRPCRouterRecord;
