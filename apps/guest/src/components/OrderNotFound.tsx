/** A friendly "no such order" (also what another guest's order looks like). */
export function OrderNotFound() {
  return (
    <main id="main" className="page page--center">
      <div className="container container--narrow">
        <div className="card notice-card">
          <h1 className="notice-card__title">We couldn&apos;t find that order</h1>
          <p>The link may be incomplete, or the order may have been placed from another phone number.</p>
          <p>To order, scan the QR code on your table. If you&apos;ve already ordered, a member of staff can check it for you.</p>
          <a href="/" className="button button--secondary button--block">
            Tabletap home
          </a>
        </div>
      </div>
    </main>
  );
}
