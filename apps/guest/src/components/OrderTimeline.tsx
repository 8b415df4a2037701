import type { OrderStatus, OrderView } from "@tabletap/core";
import { GUEST_ORDER_STATUS, guestStatusPath } from "@tabletap/core/order-status";
import { ClockTime } from "./ClockTime";

/** Newest history entry per status: when the order reached it. */
function reachedAt(order: OrderView): Map<OrderStatus, string> {
  const map = new Map<OrderStatus, string>();
  for (const change of order.statusHistory) map.set(change.status, change.at);
  return map;
}

/** The order's progress as core's `guestStatusPath` lays it out, with the time of each step. */
export function OrderTimeline({ order }: { order: OrderView }) {
  const reached = reachedAt(order);
  return (
    <ol className="timeline" aria-label="Order progress">
      {guestStatusPath(order.status, reached.keys()).map(({ status, state }) => {
        const at = reached.get(status);
        return (
          <li
            key={status}
            className={`timeline__step timeline__step--${state}`}
            aria-current={status === order.status ? "step" : undefined}
          >
            <span className="timeline__dot" aria-hidden="true">
              {state === "done" && (
                <svg viewBox="0 0 24 24" width="14" height="14">
                  <path
                    d="M5 12.5l4.5 4.5L19 7.5"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="3"
                    strokeLinecap="round"
                    strokeLinejoin="round"
                  />
                </svg>
              )}
              {state === "ended" && (
                <svg viewBox="0 0 24 24" width="14" height="14">
                  <path d="M7 7l10 10M17 7L7 17" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
                </svg>
              )}
            </span>
            <span className="timeline__label">{GUEST_ORDER_STATUS[status].label}</span>
            {at && state !== "todo" ? (
              <ClockTime className="timeline__time" iso={at} />
            ) : (
              <span className="visually-hidden">{state === "todo" ? "(not yet)" : ""}</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
