import { hashPassword } from "@tabletap/auth";
import type { AllergenId, DietaryTag } from "@tabletap/core";
import { MenuCategory, MenuItem, newTableCode, Restaurant, Staff, Table } from "./models";

/** Development passwords of the seeded accounts; the README states them. Never used in production. */
export const DEMO_STAFF = [
  { email: "manager@demo.tabletap.local", name: "Meera Iyer", role: "manager", password: "tabletap-manager" },
  { email: "staff@demo.tabletap.local", name: "Arjun Rao", role: "staff", password: "tabletap-staff" },
] as const;

interface SeedOption {
  name: string;
  priceDelta: number;
}
interface SeedGroup {
  name: string;
  minSelect: number;
  maxSelect: number;
  options: SeedOption[];
}
interface SeedItem {
  name: string;
  description: string;
  price: number;
  dietaryTags: DietaryTag[];
  allergens?: AllergenId[];
  station: string;
  available?: boolean;
  modifierGroups?: SeedGroup[];
}

const spiceLevel: SeedGroup = {
  name: "Spice level",
  minSelect: 1,
  maxSelect: 1,
  options: [
    { name: "Mild", priceDelta: 0 },
    { name: "Medium", priceDelta: 0 },
    { name: "Hot", priceDelta: 0 },
  ],
};

/** The demo menu; prices in paise (₹1 = 100). */
const DEMO_MENU: { name: string; description: string; items: SeedItem[] }[] = [
  {
    name: "Starters",
    description: "Small plates from the tandoor and the wok",
    items: [
      {
        name: "Paneer Tikka",
        description:
          "Cottage cheese cubes marinated in hung curd and spices, charred in the tandoor with peppers and onion.",
        price: 28000,
        dietaryTags: ["veg"],
        allergens: ["milk"],
        station: "tandoor",
        modifierGroups: [spiceLevel],
      },
      {
        name: "Chicken 65",
        description: "Crisp-fried chicken tossed with curry leaves, green chilli and garlic, the Chennai classic.",
        price: 29500,
        dietaryTags: ["non-veg", "spicy"],
        station: "kitchen",
      },
      {
        name: "Hara Bhara Kebab",
        description: "Spinach, green pea and potato patties with a cashew centre, served with mint chutney.",
        price: 22000,
        dietaryTags: ["veg"],
        allergens: ["tree-nuts"],
        station: "tandoor",
      },
      {
        name: "Masala Papad",
        description: "Roasted papad heaped with onion, tomato, coriander and chaat masala.",
        price: 9000,
        dietaryTags: ["veg", "vegan", "jain"],
        station: "kitchen",
      },
      {
        name: "Tandoori Prawns",
        description: "Tiger prawns in ajwain and Kashmiri chilli marinade, finished with lemon butter.",
        price: 49500,
        dietaryTags: ["non-veg"],
        allergens: ["crustaceans", "milk"],
        station: "tandoor",
        available: false,
      },
    ],
  },
  {
    name: "Mains",
    description: "Curries, biryanis and South Indian favourites",
    items: [
      {
        name: "Butter Chicken",
        description: "Tandoori chicken simmered in a silky tomato, butter and fenugreek gravy.",
        price: 38000,
        dietaryTags: ["non-veg"],
        allergens: ["milk"],
        station: "kitchen",
        modifierGroups: [
          {
            name: "Portion",
            minSelect: 1,
            maxSelect: 1,
            options: [
              { name: "Regular", priceDelta: 0 },
              { name: "Large", priceDelta: 12000 },
            ],
          },
        ],
      },
      {
        name: "Dal Makhani",
        description: "Black lentils slow-cooked overnight with butter and cream.",
        price: 26000,
        dietaryTags: ["veg"],
        allergens: ["milk"],
        station: "kitchen",
      },
      {
        name: "Palak Paneer",
        description: "Fresh cottage cheese in a smooth spiced spinach gravy.",
        price: 29000,
        dietaryTags: ["veg", "gluten-free"],
        allergens: ["milk"],
        station: "kitchen",
        modifierGroups: [spiceLevel],
      },
      {
        name: "Chicken Biryani",
        description: "Hyderabadi dum biryani layered with saffron rice, served with raita and salan.",
        price: 34000,
        dietaryTags: ["non-veg"],
        allergens: ["milk"],
        station: "kitchen",
        modifierGroups: [
          {
            name: "Add-ons",
            minSelect: 0,
            maxSelect: 3,
            options: [
              { name: "Extra raita", priceDelta: 4000 },
              { name: "Boiled egg", priceDelta: 3000 },
              { name: "Extra chicken", priceDelta: 9000 },
            ],
          },
        ],
      },
      {
        name: "Veg Biryani",
        description: "Seasonal vegetables and basmati cooked dum-style with whole spices and fried onions.",
        price: 27000,
        dietaryTags: ["veg"],
        station: "kitchen",
      },
      {
        name: "Masala Dosa",
        description: "Crisp rice-lentil crêpe filled with spiced potato, with sambar and coconut chutney.",
        price: 16000,
        dietaryTags: ["veg", "vegan"],
        station: "kitchen",
        modifierGroups: [
          {
            name: "Add-ons",
            minSelect: 0,
            maxSelect: 2,
            options: [
              { name: "Cheese", priceDelta: 4000 },
              { name: "Ghee roast", priceDelta: 3000 },
            ],
          },
        ],
      },
      {
        name: "Chole Bhature",
        description: "Punjabi chickpea curry with two fluffy fried breads, pickled onion and green chilli.",
        price: 19000,
        dietaryTags: ["veg"],
        allergens: ["gluten"],
        station: "kitchen",
      },
    ],
  },
  {
    name: "Breads & Rice",
    description: "Straight from the tandoor",
    items: [
      {
        name: "Butter Naan",
        description: "Leavened flatbread brushed with butter.",
        price: 6000,
        dietaryTags: ["veg"],
        allergens: ["gluten", "milk"],
        station: "tandoor",
      },
      {
        name: "Garlic Naan",
        description: "Naan topped with chopped garlic and coriander.",
        price: 7000,
        dietaryTags: ["veg"],
        allergens: ["gluten", "milk"],
        station: "tandoor",
      },
      {
        name: "Tandoori Roti",
        description: "Whole-wheat flatbread baked in the clay oven.",
        price: 4000,
        dietaryTags: ["veg", "vegan"],
        allergens: ["gluten"],
        station: "tandoor",
      },
      {
        name: "Jeera Rice",
        description: "Basmati tempered with cumin and ghee.",
        price: 14000,
        dietaryTags: ["veg", "gluten-free"],
        allergens: ["milk"],
        station: "kitchen",
      },
    ],
  },
  {
    name: "Desserts",
    description: "Something sweet to finish",
    items: [
      {
        name: "Gulab Jamun",
        description: "Two warm milk dumplings in cardamom-rose syrup.",
        price: 11000,
        dietaryTags: ["veg"],
        allergens: ["milk", "gluten"],
        station: "dessert",
      },
      {
        name: "Rasmalai",
        description: "Soft chenna discs in chilled saffron milk with pistachio.",
        price: 13000,
        dietaryTags: ["veg", "gluten-free"],
        allergens: ["milk", "tree-nuts"],
        station: "dessert",
      },
      {
        name: "Kulfi Falooda",
        description: "Malai kulfi over rose syrup, vermicelli and basil seeds.",
        price: 16000,
        dietaryTags: ["veg"],
        allergens: ["milk", "tree-nuts", "gluten"],
        station: "dessert",
      },
    ],
  },
  {
    name: "Beverages",
    description: "Chai, lassi and coolers",
    items: [
      {
        name: "Masala Chai",
        description: "Assam tea brewed with milk, ginger and cardamom.",
        price: 6000,
        dietaryTags: ["veg"],
        allergens: ["milk"],
        station: "bar",
        modifierGroups: [
          {
            name: "Size",
            minSelect: 1,
            maxSelect: 1,
            options: [
              { name: "Regular", priceDelta: 0 },
              { name: "Large", priceDelta: 2000 },
            ],
          },
        ],
      },
      {
        name: "Sweet Lassi",
        description: "Thick churned yoghurt, lightly sweetened.",
        price: 11000,
        dietaryTags: ["veg", "gluten-free"],
        allergens: ["milk"],
        station: "bar",
        modifierGroups: [
          {
            name: "Flavour",
            minSelect: 1,
            maxSelect: 1,
            options: [
              { name: "Plain", priceDelta: 0 },
              { name: "Mango", priceDelta: 3000 },
              { name: "Rose", priceDelta: 2000 },
            ],
          },
        ],
      },
      {
        name: "Fresh Lime Soda",
        description: "Fresh lime with chilled soda.",
        price: 9000,
        dietaryTags: ["veg", "vegan"],
        station: "bar",
        modifierGroups: [
          {
            name: "Style",
            minSelect: 1,
            maxSelect: 1,
            options: [
              { name: "Sweet", priceDelta: 0 },
              { name: "Salted", priceDelta: 0 },
              { name: "Mixed", priceDelta: 0 },
            ],
          },
        ],
      },
      {
        name: "Cold Coffee",
        description: "Blended espresso, milk and ice.",
        price: 15000,
        dietaryTags: ["veg"],
        allergens: ["milk"],
        station: "bar",
        modifierGroups: [
          {
            name: "Add-ons",
            minSelect: 0,
            maxSelect: 2,
            options: [
              { name: "Scoop of ice cream", priceDelta: 5000 },
              { name: "Extra shot", priceDelta: 4000 },
            ],
          },
        ],
      },
    ],
  },
];

/** What `seedDemo` leaves in the database, for printing and for tests. */
export interface DemoSeedResult {
  restaurantId: string;
  slug: string;
  tables: { label: string; code: string }[];
  staff: { email: string; password: string; role: string }[];
  itemCount: number;
}

/**
 * Seeds the demo restaurant (slug `demo`, in India, signing in Indian numbers only, INR, GST 5%,
 * Asia/Kolkata), its menu, 10 tables with unguessable QR codes and two staff accounts.
 * Idempotent: every document is upserted on a natural key with `$setOnInsert`, so a second run
 * changes nothing (ids and table codes stay).
 *
 * @param opts.slug tenant slug (tests seed isolated restaurants under random slugs).
 */
export async function seedDemo(
  opts: { slug?: string; name?: string; staffEmailDomain?: string } = {},
): Promise<DemoSeedResult> {
  const slug = opts.slug ?? "demo";
  const restaurant = await Restaurant.findOneAndUpdate(
    { slug },
    {
      $setOnInsert: {
        slug,
        name: opts.name ?? "Saffron Table",
        currency: "INR",
        country: "IN",
        allowedPhoneCountries: ["IN"],
        timeZone: "Asia/Kolkata",
        taxBps: 500,
        serviceChargeBps: 0,
        // A sample GSTIN in the published format (state 29, PAN, entity, "Z", check character).
        gstin: "29ABCDE1234F1Z5",
        address: "12 Residency Road, Bengaluru 560025",
        openingHours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, opens: "11:00", closes: "23:00" })),
      },
    },
    { upsert: true, returnDocument: "after" },
  ).lean();
  if (!restaurant) throw new Error("Seeding the restaurant failed");
  const restaurantId = restaurant._id;

  let itemCount = 0;
  for (const [categoryIndex, category] of DEMO_MENU.entries()) {
    const categoryDoc = await MenuCategory.findOneAndUpdate(
      { restaurantId, name: category.name },
      {
        $setOnInsert: {
          restaurantId,
          name: category.name,
          description: category.description,
          sortOrder: categoryIndex,
        },
      },
      { upsert: true, returnDocument: "after" },
    ).lean();
    if (!categoryDoc) throw new Error(`Seeding category ${category.name} failed`);
    for (const [itemIndex, item] of category.items.entries()) {
      await MenuItem.updateOne(
        { restaurantId, name: item.name },
        {
          $setOnInsert: {
            restaurantId,
            categoryId: categoryDoc._id,
            name: item.name,
            description: item.description,
            price: item.price,
            dietaryTags: item.dietaryTags,
            allergens: item.allergens ?? [],
            station: item.station,
            available: item.available ?? true,
            sortOrder: itemIndex,
            modifierGroups: item.modifierGroups ?? [],
          },
        },
        { upsert: true },
      );
      itemCount += 1;
    }
  }

  const tables: DemoSeedResult["tables"] = [];
  for (let n = 1; n <= 10; n += 1) {
    const label = `T${n}`;
    const table = await Table.findOneAndUpdate(
      { restaurantId, label },
      {
        $setOnInsert: {
          restaurantId,
          label,
          seats: n <= 6 ? 4 : 6,
          code: newTableCode(),
          active: true,
        },
      },
      { upsert: true, returnDocument: "after" },
    ).lean();
    if (!table) throw new Error(`Seeding table ${label} failed`);
    tables.push({ label, code: table.code });
  }

  const domain = opts.staffEmailDomain ?? "demo.tabletap.local";
  const staff: DemoSeedResult["staff"] = [];
  for (const account of DEMO_STAFF) {
    const email = account.email.replace("demo.tabletap.local", domain);
    await Staff.updateOne(
      { email },
      {
        $setOnInsert: {
          restaurantId,
          email,
          name: account.name,
          role: account.role,
          passwordHash: await hashPassword(account.password),
          active: true,
        },
      },
      { upsert: true },
    );
    staff.push({ email, password: account.password, role: account.role });
  }

  return { restaurantId: restaurantId.toString(), slug, tables, staff, itemCount };
}
