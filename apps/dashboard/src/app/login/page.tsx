import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/lib/paths";
import { getStaff, resumeIfPossible } from "@/lib/server";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Staff sign-in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).next;
  const next = safeNextPath(typeof raw === "string" ? raw : null);
  if (await getStaff()) redirect(next);
  await resumeIfPossible(next);

  return (
    <main className="login">
      <div className="login-card">
        <p className="brand" aria-hidden="true">
          <span className="brand-mark">T</span> Tabletap
        </p>
        <h1>Staff sign-in</h1>
        <p className="login-lede">Sign in to open the kitchen display.</p>
        <LoginForm next={next} />
      </div>
    </main>
  );
}
