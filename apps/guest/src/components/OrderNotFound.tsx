import { NoticePage } from "./NoticePage";

/** A friendly "no such order" (also what another guest's order looks like). */
export function OrderNotFound() {
  return (
    <NoticePage title="We couldn't find that order">
      <p>The link may be incomplete, or the order may have been placed from another phone number.</p>
      <p>
        To order, scan the QR code on your table. If you&apos;ve already ordered, a member of staff can check it for
        you.
      </p>
    </NoticePage>
  );
}
