import { WEEKDAYS, type SaveSettingsInput, type SettingsView } from "@tabletap/core/settings";
import { Restaurant, toSettingsView } from "@tabletap/db";
import { NotFoundError } from "../errors";
import type { Services } from "../services";
import type { StaffPrincipal } from "../trpc";
import { recordChange } from "./audit";
import { restaurantChanged } from "./menu";

/**
 * The audited fields of the settings: everything a manager edits, each day's hours as its own
 * field ("Monday": "11:00–23:00" or "closed"), so the history shows the one day that changed.
 */
function audited(settings: SettingsView) {
  const { updatedAt: _updatedAt, openingHours, ...fields } = settings;
  const hours = WEEKDAYS.map((name, day): [string, string] => {
    const open = openingHours.find((h) => h.day === day);
    return [name, open ? `${open.opens}–${open.closes}` : "closed"];
  });
  return { ...fields, ...Object.fromEntries(hours) };
}

/** The manager's restaurant's settings. @throws NotFoundError when the restaurant is gone. */
export async function restaurantSettings(manager: StaffPrincipal): Promise<SettingsView> {
  const restaurant = await Restaurant.findById(manager.restaurantId).lean();
  if (!restaurant) throw new NotFoundError("Your restaurant no longer exists.");
  return toSettingsView(restaurant);
}

/**
 * Changes the given settings of the manager's restaurant (fields left out stay as they are) and
 * returns them all. Then it drops the cached menu and tells open guest menus (`restaurantChanged`),
 * so a pause reaches guests at once and `order.place` refuses from the next order on; and records
 * the change in the audit log (entity "settings", id the restaurant's; none when nothing changed).
 * Rates in basis points.
 * @throws NotFoundError when the restaurant is gone (nothing changes).
 */
export async function saveSettings(
  services: Services,
  manager: StaffPrincipal,
  input: SaveSettingsInput,
): Promise<SettingsView> {
  const before = await restaurantSettings(manager);
  const restaurant = await Restaurant.findByIdAndUpdate(
    manager.restaurantId,
    { $set: input },
    { returnDocument: "after", runValidators: true },
  ).lean();
  if (!restaurant) throw new NotFoundError("Your restaurant no longer exists.");
  const after = toSettingsView(restaurant);
  await restaurantChanged(services, manager.restaurantId);
  // A save that changed nothing (the form saved as it was) leaves no entry in the history.
  if (JSON.stringify(audited(before)) !== JSON.stringify(audited(after)))
    await recordChange(manager, {
      entity: "settings",
      entityId: manager.restaurantId,
      action: "update",
      before: audited(before),
      after: audited(after),
    });
  return after;
}
