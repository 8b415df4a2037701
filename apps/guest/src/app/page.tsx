import type { Metadata } from "next";

export const metadata: Metadata = { title: { absolute: "Tabletap · Order from your table" } };

export default function HomePage() {
  return (
    <main id="main" className="page page--center landing">
      <div className="container--narrow container">
        <p className="wordmark" aria-label="Tabletap">
          <span className="wordmark__mark" aria-hidden="true">
            T
          </span>
          Tabletap
        </p>
        <h1 className="landing__title">Scan the QR code on your table to order</h1>
        <p className="landing__lead">No app to install and no waiting for the bill to start. Your phone is the menu.</p>
        <ol className="landing__steps">
          <li>
            <span className="landing__step-number" aria-hidden="true">
              1
            </span>
            <span>
              <strong>Scan</strong> the code on your table with your phone&apos;s camera.
            </span>
          </li>
          <li>
            <span className="landing__step-number" aria-hidden="true">
              2
            </span>
            <span>
              <strong>Sign in</strong> with the 6-digit code we text you.
            </span>
          </li>
          <li>
            <span className="landing__step-number" aria-hidden="true">
              3
            </span>
            <span>
              <strong>Order</strong> and watch it go from the kitchen to your table, live.
            </span>
          </li>
        </ol>
        <p className="muted landing__help">Can&apos;t find the code? Ask a member of staff.</p>
      </div>
    </main>
  );
}
