"use client";
import { useEffect, useRef, type ReactNode } from "react";

/** The key marking a history entry an open sheet added (`history.state`). */
const SHEET_ENTRY = "tabletapSheet";

/**
 * A bottom sheet on a native modal `<dialog>`: the browser traps focus and makes the page behind
 * it inert; Escape, the close button, a tap on the backdrop and the phone's Back close it. Focus
 * returns to the element that opened it.
 */
export function Sheet({
  open,
  onClose,
  title,
  titleId,
  children,
  footer,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  titleId: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const historyEntry = useRef<string | null>(null);

  function restoreFocus() {
    const target = opener.current;
    opener.current = null;
    if (target instanceof HTMLElement && target.isConnected) target.focus({ preventScroll: true });
  }

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    if (!open) return;
    // Back (a phone's back gesture) closes the sheet instead of leaving the table: opening adds a
    // history entry of the same URL (the router's state kept, marked as this sheet's), and Back
    // onto the entry before it closes the sheet.
    const token = Math.random().toString(36).slice(2);
    historyEntry.current = token;
    const state: unknown = window.history.state;
    const entry = { ...(state && typeof state === "object" ? state : {}), [SHEET_ENTRY]: token };
    // A sheet closed by the page (e.g. "Add to cart") left its entry: reused, so Back never piles up.
    if (state && typeof state === "object" && SHEET_ENTRY in state) window.history.replaceState(entry, "");
    else window.history.pushState(entry, "");
    const onPop = () => {
      historyEntry.current = null;
      ref.current?.close();
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, [open]);

  /** Closed here (Escape, ✕, backdrop): takes this sheet's history entry off again, if nothing navigated since. */
  function leaveHistoryEntry() {
    const token = historyEntry.current;
    historyEntry.current = null;
    const state: unknown = window.history.state;
    if (token && state && typeof state === "object" && (state as Record<string, unknown>)[SHEET_ENTRY] === token)
      window.history.back();
  }

  useEffect(() => {
    // Unmounted while open (the parent stopped rendering it): taking the <dialog> out of the
    // document already closed it (no "close" event); give focus back. React's development-only
    // effect re-run leaves the element in the document, so it is left alone then.
    const dialog = ref.current;
    return () => {
      if (dialog && !dialog.isConnected) restoreFocus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="sheet"
      aria-labelledby={titleId}
      onClose={() => {
        leaveHistoryEntry();
        onClose();
        restoreFocus();
      }}
      onClick={(event) => {
        // A click on the <dialog> itself (not its content) is a click on the backdrop.
        if (event.target === ref.current) ref.current?.close();
      }}
    >
      {open && (
        <div className="sheet__panel">
          <div className="sheet__header">
            <h2 id={titleId} className="sheet__title">
              {title}
            </h2>
            <button type="button" className="icon-button" aria-label="Close" onClick={() => ref.current?.close()}>
              <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
              </svg>
            </button>
          </div>
          <div className="sheet__body">{children}</div>
          {footer && <div className="sheet__footer">{footer}</div>}
        </div>
      )}
    </dialog>
  );
}
