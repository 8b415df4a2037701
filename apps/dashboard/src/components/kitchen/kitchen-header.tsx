"use client";
import Link from "next/link";
import type { ConnectionState } from "@/hooks/use-stream-connection";
import { unlockChime } from "@/lib/chime";
import { ConnectionBadge } from "../connection-badge";
import { WallClock } from "./age-timer";
import { stationLabel } from "./station";

export interface KitchenHeaderProps {
  staff: { name: string; role: "staff" | "manager" };
  serverNow: number;
  connection: ConnectionState;
  stations: string[];
  stationCounts: Map<string, number>;
  allCount: number;
  station: string | null;
  onStation: (station: string | null) => void;
  sound: boolean;
  onSound: (on: boolean) => void;
  onSignOut: () => void;
  signingOut: boolean;
  /** Compact tickets (more on screen) or full-size ones. */
  compact: boolean;
  onCompact: (on: boolean) => void;
  /** Opens the order lookup ("/" does too). */
  onFind: () => void;
  /** Opens the keyboard / bump-bar help ("?" does too). */
  onHelp: () => void;
}

/**
 * Brand, station filter chips, clock (the restaurant's time), live indicator, order lookup,
 * compact toggle, shortcuts help, sound toggle, who is signed in, sign out.
 */
export function KitchenHeader(props: KitchenHeaderProps) {
  const {
    staff,
    serverNow,
    connection,
    stations,
    stationCounts,
    allCount,
    station,
    onStation,
    sound,
    onSound,
    onSignOut,
    signingOut,
    compact,
    onCompact,
    onFind,
    onHelp,
  } = props;
  return (
    <header className="kds-header">
      <div className="kds-brand">
        <span className="brand-mark" aria-hidden="true">
          T
        </span>
        <h1 className="kds-title">Kitchen</h1>
      </div>

      <div className="station-filter" role="group" aria-label="Station">
        <StationChip label="All" count={allCount} pressed={station === null} onClick={() => onStation(null)} />
        {stations.map((s) => (
          <StationChip
            key={s}
            label={stationLabel(s)}
            count={stationCounts.get(s) ?? 0}
            pressed={station === s}
            onClick={() => onStation(s)}
          />
        ))}
      </div>

      <div className="kds-tools">
        <WallClock serverNow={serverNow} />
        <ConnectionBadge connection={connection} />
        <button type="button" className="btn btn-ghost btn-sm" onClick={onFind} aria-keyshortcuts="/">
          Find
          <span className="sr-only"> order</span>
          <kbd className="kbd-hint" aria-hidden="true">
            /
          </kbd>
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          aria-pressed={compact}
          onClick={() => onCompact(!compact)}
        >
          Compact
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={onHelp}
          aria-keyshortcuts="?"
          title="Keyboard and bump-bar shortcuts"
        >
          <span aria-hidden="true">?</span>
          <span className="sr-only">Shortcuts</span>
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm sound-toggle"
          aria-pressed={sound}
          onClick={() => {
            if (!sound) unlockChime();
            onSound(!sound);
          }}
        >
          <BellIcon muted={!sound} />
          Sound
          <span className="sr-only"> alerts for new tickets</span>
        </button>
        <span className="kds-staff">
          <span className="sr-only">Signed in as </span>
          {staff.name}
          {staff.role === "manager" ? <span className="kds-role">Manager</span> : null}
        </span>
        <Link href="/floor" className="btn btn-ghost btn-sm">
          Floor
        </Link>
        {staff.role === "manager" ? (
          <Link href="/admin" className="btn btn-ghost btn-sm">
            Admin
          </Link>
        ) : null}
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={onSignOut}
          disabled={signingOut}
          title={`Signed in as ${staff.name}`}
        >
          {signingOut ? "Signing out…" : "Sign out"}
        </button>
      </div>
    </header>
  );
}

function StationChip({
  label,
  count,
  pressed,
  onClick,
}: {
  label: string;
  count: number;
  pressed: boolean;
  onClick: () => void;
}) {
  return (
    <button type="button" className="chip station-chip" aria-pressed={pressed} onClick={onClick}>
      {label}
      <span className="chip-count" aria-hidden="true">
        {count}
      </span>
    </button>
  );
}

/** A bell, struck through when sound is off. */
function BellIcon({ muted }: { muted: boolean }) {
  return (
    <svg className="sound-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm-2.2 15.5a2.3 2.3 0 0 0 4.4 0Z"
        fill="currentColor"
      />
      {muted ? <path d="M3 3l18 18" stroke="var(--surface)" strokeWidth="4" /> : null}
      {muted ? <path d="M3 3l18 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" /> : null}
    </svg>
  );
}
