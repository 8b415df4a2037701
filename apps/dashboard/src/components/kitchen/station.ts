export { stationLabel } from "@tabletap/core/stations";

const KNOWN: Record<string, number> = { kitchen: 0, tandoor: 1, bar: 2, dessert: 3, grill: 4, fryer: 5, cold: 6 };

/** A stable colour slot (0–7) per station, so a station looks the same on every ticket. */
export function stationHue(station: string): number {
  const known = KNOWN[station];
  if (known !== undefined) return known;
  let hash = 0;
  for (const char of station) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % 8;
}
