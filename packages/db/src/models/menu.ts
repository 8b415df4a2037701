import mongoose, { Schema, type InferSchemaType, type Model, type Types } from "mongoose";

/** A menu category ("Starters"), shown in `sortOrder`. */
const menuCategorySchema = new Schema(
  {
    restaurantId: { type: Schema.Types.ObjectId, required: true, ref: "Restaurant" },
    name: { type: String, required: true, trim: true },
    description: { type: String, default: "" },
    sortOrder: { type: Number, required: true, default: 0 },
  },
  { timestamps: true },
);
menuCategorySchema.index({ restaurantId: 1, name: 1 }, { unique: true });

const modifierOptionSchema = new Schema({
  name: { type: String, required: true, trim: true },
  /** Added to the item's price, paise; may be 0. */
  priceDelta: { type: Number, required: true, default: 0, min: 0 },
  available: { type: Boolean, required: true, default: true },
});

const modifierGroupSchema = new Schema({
  name: { type: String, required: true, trim: true },
  minSelect: { type: Number, required: true, default: 0, min: 0 },
  maxSelect: { type: Number, required: true, default: 1, min: 1 },
  options: { type: [modifierOptionSchema], default: [] },
});

/** One stored WebP rendition of a photo: its S3 object key and width in pixels. */
const photoRenditionSchema = new Schema(
  { key: { type: String, required: true }, width: { type: Number, required: true } },
  { _id: false },
);

/**
 * A menu item's photo (see `PHOTO_POLICY` in @tabletap/core): the WebP renditions in S3 (narrowest
 * first), the original's size after EXIF rotation, its BlurHash and the placeholder decoded from
 * it (a tiny PNG data URL), and the alt text.
 */
const menuItemPhotoSchema = new Schema(
  {
    renditions: { type: [photoRenditionSchema], required: true },
    width: { type: Number, required: true },
    height: { type: Number, required: true },
    blurhash: { type: String, required: true },
    placeholder: { type: String, required: true },
    alt: { type: String, default: "" },
  },
  { _id: false },
);

/**
 * A menu item. `price` is the base unit price in paise; `available: false` means 86'd; `stock`
 * counts portions left (null: not counted).
 * `station` routes the ticket line in the kitchen ("tandoor", "bar", ...).
 */
const menuItemSchema = new Schema(
  {
    restaurantId: { type: Schema.Types.ObjectId, required: true, ref: "Restaurant" },
    categoryId: { type: Schema.Types.ObjectId, required: true, ref: "MenuCategory" },
    name: { type: String, required: true, trim: true },
    description: { type: String, default: "" },
    price: { type: Number, required: true, min: 0, validate: Number.isInteger },
    /** Null (or absent) when the item has no photo. */
    photo: { type: menuItemPhotoSchema, default: null },
    dietaryTags: { type: [String], default: [] },
    allergens: { type: [String], default: [] },
    station: { type: String, required: true, default: "kitchen" },
    available: { type: Boolean, required: true, default: true },
    /**
     * Portions left, or null (absent) when the item is not counted (`STOCK_POLICY` in
     * @tabletap/core/stock). `order.place` takes from it atomically and 86's the item at 0.
     */
    stock: {
      type: Number,
      default: null,
      min: 0,
      validate: { validator: (v: number | null) => v === null || Number.isInteger(v), message: "whole portions" },
    },
    sortOrder: { type: Number, required: true, default: 0 },
    modifierGroups: { type: [modifierGroupSchema], default: [] },
  },
  { timestamps: true },
);
menuItemSchema.index({ restaurantId: 1, name: 1 }, { unique: true });
menuItemSchema.index({ restaurantId: 1, categoryId: 1 });

/** A stored item photo as plain data (what `menuItemPhotoSchema` holds). */
export interface MenuItemPhoto {
  renditions: { key: string; width: number }[];
  width: number;
  height: number;
  blurhash: string;
  placeholder: string;
  alt?: string | null;
}

export type MenuCategoryDoc = InferSchemaType<typeof menuCategorySchema> & { _id: Types.ObjectId };
export type MenuItemDoc = InferSchemaType<typeof menuItemSchema> & { _id: Types.ObjectId };
export const MenuCategory: Model<MenuCategoryDoc> =
  (mongoose.models.MenuCategory as Model<MenuCategoryDoc>) ?? mongoose.model("MenuCategory", menuCategorySchema);
export const MenuItem: Model<MenuItemDoc> =
  (mongoose.models.MenuItem as Model<MenuItemDoc>) ?? mongoose.model("MenuItem", menuItemSchema);
