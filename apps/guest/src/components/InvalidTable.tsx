import { NoticePage } from "./NoticePage";

const brokenCodeIcon = (
  <svg className="notice-card__icon" viewBox="0 0 48 48" width="56" height="56" aria-hidden="true">
    <rect x="6" y="6" width="14" height="14" rx="2" fill="none" stroke="currentColor" strokeWidth="3" />
    <rect x="28" y="6" width="14" height="14" rx="2" fill="none" stroke="currentColor" strokeWidth="3" />
    <rect x="6" y="28" width="14" height="14" rx="2" fill="none" stroke="currentColor" strokeWidth="3" />
    <path d="M29 29l12 12M41 29L29 41" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
  </svg>
);

/** "This table's code isn't valid", with what to do next. Used by the 404 page and the live menu. */
export function InvalidTable() {
  return (
    <NoticePage title="This table's code isn't valid" icon={brokenCodeIcon}>
      <p>We couldn&apos;t find an open table for this link. The QR code may be old, or the link may be incomplete.</p>
      <h2 className="notice-card__subtitle">What to do next</h2>
      <ol className="steps-list">
        <li>Scan the QR code on your table again, with the whole code in view.</li>
        <li>If you typed the address, check it against the one printed under the code.</li>
        <li>Still stuck? Ask a member of staff. They can take your order or give you a new code.</li>
      </ol>
    </NoticePage>
  );
}
