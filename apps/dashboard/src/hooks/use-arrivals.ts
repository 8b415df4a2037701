"use client";
import { useEffect, useRef, useState } from "react";
import { playChime } from "@/lib/chime";
import type { Ticket } from "@/lib/tickets";

/** How long a ticket that just arrived stays highlighted. */
const FRESH_MS = 8_000;

/**
 * New tickets since the board first loaded: `fresh` holds their ids for 8 s (highlighted),
 * `announcement` names them for screen readers ("New ticket: table T3, order #001"), and the
 * chime plays when `chime` is on.
 */
export function useArrivals(tickets: readonly Ticket[] | undefined, chime: boolean) {
  const chimeRef = useRef(chime);
  useEffect(() => {
    chimeRef.current = chime;
  }, [chime]);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  const known = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => {
    if (!tickets) return;
    if (!known.current) {
      known.current = new Set(tickets.map((ticket) => ticket.id));
      return;
    }
    const seen = known.current;
    const arrived = tickets.filter((ticket) => !seen.has(ticket.id));
    for (const ticket of tickets) seen.add(ticket.id);
    if (arrived.length === 0) return;
    const ids = arrived.map((ticket) => ticket.id);
    setFresh((current) => new Set([...current, ...ids]));
    setAnnouncement(
      `New ${arrived.length === 1 ? "ticket" : "tickets"}: ${arrived.map((ticket) => `table ${ticket.tableLabel}, order ${ticket.number}`).join("; ")}`,
    );
    if (chimeRef.current) playChime();
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setFresh((current) => new Set([...current].filter((id) => !ids.includes(id))));
    }, FRESH_MS);
    timers.current.add(timer);
  }, [tickets]);
  return { fresh, announcement };
}
