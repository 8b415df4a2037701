"use client";
import type { OrderView } from "@tabletap/core";
import { allDayCounts } from "@tabletap/core/kitchen-lookup";
import { useId, useMemo } from "react";
import { stationHue } from "./station";

/**
 * The "all day" strip: how many of each item (with its options) are still to make across the
 * tickets on the board (core's `allDayCounts`; for one station when the board is filtered), most
 * first, scrolling sideways when long. Nothing pending says so.
 */
export function AllDayStrip({ tickets, station }: { tickets: readonly OrderView[]; station: string | null }) {
  const counts = useMemo(() => allDayCounts(tickets, station), [tickets, station]);
  const titleId = useId();
  return (
    <section className="all-day" aria-labelledby={titleId}>
      <h2 className="all-day-title" id={titleId}>
        All day
      </h2>
      {counts.length === 0 ? (
        <p className="all-day-empty">Nothing to make</p>
      ) : (
        <ul className="all-day-list">
          {counts.map((count) => (
            <li
              key={`${count.station}:${count.name}`}
              className={`all-day-item station-hue-${stationHue(count.station)}`}
            >
              <span className="all-day-qty">{count.quantity}</span>
              <span className="sr-only"> × </span>
              <span className="all-day-name">{count.name}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
