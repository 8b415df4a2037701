import type { Guest } from "@/hooks/useGuestSession";
import { plural } from "@/lib/format";
import type { RecentOrder } from "@/lib/recent-orders";
import type { GetClient } from "@/trpc/deferred-client";
import { RecentOrders } from "./RecentOrders";
import { SignIn } from "./SignIn";

/** Placeholder while the browser renews the session (`useGuestSession().checking`). */
function CheckingSession() {
  return (
    <div className="card signin-card" aria-busy="true">
      <p className="visually-hidden" role="status">
        Checking whether you&apos;re signed in…
      </p>
      <div className="skeleton skeleton--title" />
      <div className="skeleton skeleton--line" />
      <div className="skeleton skeleton--input" />
      <div className="skeleton skeleton--button" />
    </div>
  );
}

/**
 * The table page for a signed-out guest: sign in (with a note that the cart is saved when they
 * came from checkout), or browse the menu first; and links to their recent orders here.
 */
export function SignInGate({
  tableCode,
  checking,
  resumeCount,
  recent,
  getClient,
  onSignedIn,
  onBrowse,
}: {
  /** The table the guest signs in at (its restaurant decides which countries' numbers are texted). */
  tableCode: string;
  checking: boolean;
  /** Items in the cart when the guest was sent here from checkout, else 0. */
  resumeCount: number;
  recent: RecentOrder[];
  getClient: GetClient;
  onSignedIn: (guest: Guest) => void;
  onBrowse: () => void;
}) {
  return (
    <div className="container">
      {checking ? (
        <CheckingSession />
      ) : (
        <>
          <section className="card signin-card" aria-label="Sign in">
            {resumeCount > 0 && (
              <p className="alert alert--info signin-card__resume">
                Sign in to place your order of {plural(resumeCount, "item")}. Your cart is saved.
              </p>
            )}
            <SignIn getClient={getClient} onSignedIn={onSignedIn} tableCode={tableCode} />
          </section>
          <div className="browse-first">
            <p>Just looking?</p>
            <button type="button" className="button button--secondary" onClick={onBrowse}>
              Browse the menu first
            </button>
          </div>
          <RecentOrders orders={recent} />
        </>
      )}
    </div>
  );
}
