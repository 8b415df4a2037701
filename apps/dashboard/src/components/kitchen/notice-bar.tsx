"use client";
import type { Notice } from "@/hooks/use-notice";

/** The current notice as an alert, with a Dismiss button. */
export function NoticeBar({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  return (
    <div className="notice" role="alert">
      <span>{notice.text}</span>
      <button type="button" className="btn btn-ghost btn-sm" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
