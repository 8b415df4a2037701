/** The order page while the order loads. */
export function OrderSkeleton() {
  return (
    <main id="main" className="page" aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading your order…
      </p>
      <div className="container">
        <div className="card">
          <div className="skeleton skeleton--line skeleton--short" />
          <div className="skeleton skeleton--title" />
          <div className="skeleton skeleton--line" />
        </div>
        <div className="card">
          {[0, 1, 2, 3, 4].map((i) => (
            <div key={i} className="skeleton skeleton--line" />
          ))}
        </div>
      </div>
    </main>
  );
}
