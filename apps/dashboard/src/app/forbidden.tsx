import Link from "next/link";

/** Answered (403) when a signed-in staff member opens a page for managers only (`/admin`). */
export default function Forbidden() {
  return (
    <main className="login">
      <div className="login-card">
        <h1>Managers only</h1>
        <p className="login-lede">The admin panel is for the restaurant&apos;s managers. Ask a manager for help.</p>
        <Link href="/kitchen" className="btn btn-primary btn-block btn-lg">
          Go to the kitchen display
        </Link>
      </div>
    </main>
  );
}
