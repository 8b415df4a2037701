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

/**
 * A menu item. `price` is the base unit price in paise; `available: false` means 86'd.
 * `station` routes the ticket line in the kitchen ("tandoor", "bar", ...).
 */
const menuItemSchema = new Schema(
  {
    restaurantId: { type: Schema.Types.ObjectId, required: true, ref: "Restaurant" },
    categoryId: { type: Schema.Types.ObjectId, required: true, ref: "MenuCategory" },
    name: { type: String, required: true, trim: true },
    description: { type: String, default: "" },
    price: { type: Number, required: true, min: 0, validate: Number.isInteger },
    imageUrl: { type: String, default: null },
    dietaryTags: { type: [String], default: [] },
    allergens: { type: [String], default: [] },
    station: { type: String, required: true, default: "kitchen" },
    available: { type: Boolean, required: true, default: true },
    sortOrder: { type: Number, required: true, default: 0 },
    modifierGroups: { type: [modifierGroupSchema], default: [] },
  },
  { timestamps: true },
);
menuItemSchema.index({ restaurantId: 1, name: 1 }, { unique: true });
menuItemSchema.index({ restaurantId: 1, categoryId: 1 });

export type MenuCategoryDoc = InferSchemaType<typeof menuCategorySchema> & { _id: Types.ObjectId };
export type MenuItemDoc = InferSchemaType<typeof menuItemSchema> & { _id: Types.ObjectId };
export const MenuCategory: Model<MenuCategoryDoc> =
  (mongoose.models.MenuCategory as Model<MenuCategoryDoc>) ?? mongoose.model("MenuCategory", menuCategorySchema);
export const MenuItem: Model<MenuItemDoc> =
  (mongoose.models.MenuItem as Model<MenuItemDoc>) ?? mongoose.model("MenuItem", menuItemSchema);
