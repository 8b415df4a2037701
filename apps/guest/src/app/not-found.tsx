import type { Metadata } from "next";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main id="main" className="page page--center">
      <div className="container container--narrow">
        <div className="card notice-card">
          <h1 className="notice-card__title">We couldn&apos;t find that page</h1>
          <p>To order, scan the QR code on your table.</p>
          <a href="/" className="button button--secondary button--block">
            Tabletap home
          </a>
        </div>
      </div>
    </main>
  );
}
