import Link from "next/link";

export default function NotFound() {
  return (
    <main className="login">
      <div className="login-card">
        <h1>Page not found</h1>
        <p className="login-lede">There&apos;s nothing at this address.</p>
        <Link href="/kitchen" className="btn btn-primary btn-block btn-lg">
          Go to the kitchen display
        </Link>
      </div>
    </main>
  );
}
