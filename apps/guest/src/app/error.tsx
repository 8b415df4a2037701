"use client";
import { useEffect } from "react";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="main" className="page page--center">
      <div className="container--narrow container">
        <div className="card notice-card" role="alert">
          <h1 className="notice-card__title">Something went wrong</h1>
          <p>We couldn&apos;t load this page. It&apos;s probably a hiccup on our side or a weak connection.</p>
          <button type="button" className="button button--primary button--block" onClick={() => retry()}>
            Try again
          </button>
        </div>
      </div>
    </main>
  );
}
