"use client";
import { useEffect } from "react";

/** Any page that failed to render (e.g. the database is unreachable): say so, offer a retry. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main className="login">
      <div className="login-card" role="alert">
        <h1>Something went wrong</h1>
        <p className="login-lede">The dashboard couldn&apos;t load. Check the connection, then try again.</p>
        <button type="button" className="btn btn-primary btn-block btn-lg" onClick={reset}>
          Try again
        </button>
      </div>
    </main>
  );
}
