"use client";
import { useId } from "react";
import { BUMP_BAR_KEYS } from "@/hooks/use-bump-bar";
import { KdsDialog } from "./kds-dialog";

/** The "Shortcuts" help: every bump-bar / keyboard key of the board and what it does. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  return (
    <KdsDialog labelledBy={titleId} onClose={onClose}>
      <h2 id={titleId} className="dialog-title">
        Keyboard and bump bar
      </h2>
      <dl className="shortcuts">
        {BUMP_BAR_KEYS.map((row) => (
          <div key={row.does} className="shortcut">
            <dt>{row.keys.map((key) => (key === "…" ? <span key={key}> … </span> : <kbd key={key}>{key}</kbd>))}</dt>
            <dd>{row.does}</dd>
          </div>
        ))}
      </dl>
      <p className="dialog-text">Keys typed into a field or a dialog are left alone.</p>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary btn-lg" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </KdsDialog>
  );
}
