import { GUEST_ORDER_STATUS } from "@tabletap/core/order-status";
import type { TabLineView, TabRoundView } from "@tabletap/core/tab";
import { money } from "@/lib/format";
import { ClockTime } from "./ClockTime";

const COVERED_LABELS: Record<NonNullable<TabLineView["coveredBy"]>, string> = {
  paid: "Paid",
  pending: "Being paid",
};

/** Who placed a round: "You" for the viewer, else the server's label ("Asha", "Guest 2"). */
export function personLabel(person: { label: string; mine: boolean }): string {
  return person.mine ? "You" : person.label;
}

/**
 * The tab's rounds, oldest first: each order with who placed it, when, its kitchen status, its
 * lines (each marked "Paid" or "Being paid" once a payment covers it) and its total.
 */
export function TabRounds({ rounds, currency }: { rounds: TabRoundView[]; currency: string }) {
  return (
    <section aria-labelledby="rounds-heading">
      <h2 id="rounds-heading" className="visually-hidden">
        Orders
      </h2>
      {rounds.map((round, index) => (
        <article
          key={round.orderId}
          className="card round"
          aria-label={`Round ${index + 1}, order ${round.number} by ${personLabel(round.guest)}`}
        >
          <header className="round__header">
            <p className="round__title">
              Round {index + 1} ·{" "}
              <span className={round.guest.mine ? "round__who round__who--mine" : "round__who"}>
                {personLabel(round.guest)}
              </span>
            </p>
            <p className="round__meta muted">
              Order {round.number} · <ClockTime iso={round.placedAt} /> · {GUEST_ORDER_STATUS[round.status].label}
            </p>
          </header>
          <ul className="order-lines">
            {round.lines.map((line) => (
              <li key={line.lineId} className="order-line">
                <span className="order-line__qty">{line.quantity} ×</span>
                <div className="order-line__main">
                  <p className="order-line__name">{line.name}</p>
                  {line.modifiers.length > 0 && (
                    <p className="order-line__modifiers">{line.modifiers.map((m) => m.name).join(" · ")}</p>
                  )}
                  {line.coveredBy && (
                    <span className={`line-state line-state--${line.coveredBy}`}>{COVERED_LABELS[line.coveredBy]}</span>
                  )}
                </div>
                <span className="order-line__total price">{money(line.lineTotal, currency)}</span>
              </li>
            ))}
          </ul>
          <p className="round__total">
            <span className="muted">Round total with GST</span>
            <span className="price">{money(round.total, currency)}</span>
          </p>
        </article>
      ))}
    </section>
  );
}
