"use client";
import { useCallback, useMemo, useState } from "react";
import { filterByStation, stationsOf, type Ticket } from "@/lib/tickets";

/**
 * The station filter, kept in the URL (`?station=tandoor`, so a screen at the tandoor can
 * bookmark it). `stations` lists the board's stations (plus the chosen one when it has no
 * tickets right now), `stationCounts` the tickets each would show, `visible` the board as the
 * chosen station sees it (every ticket for null).
 */
export function useStationFilter(board: readonly Ticket[], initialStation: string | null) {
  const [station, setStation] = useState<string | null>(initialStation);
  const stations = useMemo(() => {
    const list = stationsOf(board);
    return station && !list.includes(station) ? [...list, station] : list;
  }, [board, station]);
  const chooseStation = useCallback((next: string | null) => {
    setStation(next);
    const url = new URL(window.location.href);
    if (next) url.searchParams.set("station", next);
    else url.searchParams.delete("station");
    window.history.replaceState(window.history.state, "", url);
  }, []);
  const stationCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const s of stations) counts.set(s, filterByStation(board, s).length);
    return counts;
  }, [board, stations]);
  const visible = useMemo(() => filterByStation(board, station), [board, station]);
  return { station, stations, stationCounts, chooseStation, visible };
}
