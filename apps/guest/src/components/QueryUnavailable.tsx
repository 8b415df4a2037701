"use client";
import { useTRPCClient } from "@tabletap/client/guest";
import { useCallback } from "react";
import { errorCode, errorMessage } from "@/lib/errors";
import { SignIn } from "./SignIn";

/**
 * A page whose query failed, in terms a guest can act on: signed out (UNAUTHORIZED) → the
 * sign-in form right here, which refetches once signed in; any other error → its message in
 * words and "Try again". Used by the order page and the bill.
 */
export function QueryUnavailable({
  query,
  title,
  headingLevel,
  signIn,
}: {
  query: { error: unknown; isFetching: boolean; refetch: () => Promise<unknown> };
  /** The error card's heading, e.g. "We couldn't load the bill". */
  title: string;
  headingLevel: 1 | 2;
  /** The sign-in form's heading and lead, and the table the guest signs in at (when there is one). */
  signIn: { heading: string; lead: string; tableCode?: string };
}) {
  const client = useTRPCClient();
  const getClient = useCallback(() => Promise.resolve(client), [client]);
  const Heading = headingLevel === 1 ? "h1" : "h2";
  if (errorCode(query.error) === "UNAUTHORIZED") {
    return (
      <main id="main" className="page">
        <div className="container--narrow container">
          <section className="card signin-card">
            <SignIn
              getClient={getClient}
              tableCode={signIn.tableCode}
              headingLevel={headingLevel}
              heading={signIn.heading}
              lead={signIn.lead}
              onSignedIn={() => void query.refetch()}
            />
          </section>
        </div>
      </main>
    );
  }
  return (
    <main id="main" className="page page--center">
      <div className="container--narrow container">
        <div className="card notice-card">
          <Heading className="notice-card__title">{title}</Heading>
          <p role="alert">{errorMessage(query.error)}</p>
          <button
            type="button"
            className="button button--primary button--block"
            onClick={() => void query.refetch()}
            disabled={query.isFetching}
          >
            {query.isFetching ? "Trying again…" : "Try again"}
          </button>
        </div>
      </div>
    </main>
  );
}
