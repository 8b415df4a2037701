"use client";
import { createContext, useContext } from "react";
import type { StationWork } from "@/hooks/use-station-work";

/** The display's station work (`useStationWork`), for the ticket cards deep in the columns. */
export const StationWorkContext = createContext<StationWork | null>(null);

/** The station work of the display this card is on (null outside one: no bump controls). */
export function useStationWorkContext(): StationWork | null {
  return useContext(StationWorkContext);
}
