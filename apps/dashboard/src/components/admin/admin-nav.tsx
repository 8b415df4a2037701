"use client";
import { buttonVariants } from "@tabletap/ui/button";
import { cn } from "@tabletap/ui/cn";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useStaffSession } from "@/hooks/use-staff-session";

/** The admin panel's sections, in the order of the navigation. */
const SECTIONS = [
  { href: "/admin/menu", label: "Menu" },
  { href: "/admin/tables", label: "Tables & QR" },
  { href: "/admin/staff", label: "Staff" },
  { href: "/admin/settings", label: "Settings" },
  { href: "/admin/payments", label: "Payments" },
  { href: "/admin/analytics", label: "Analytics" },
  { href: "/admin/activity", label: "Activity" },
] as const;

/**
 * The admin panel's side navigation (a top bar on phones): the sections, the current one marked
 * with `aria-current="page"`, links to the kitchen display and the floor, who is signed in, and sign out.
 */
export function AdminNav({ manager }: { manager: { name: string } }) {
  const pathname = usePathname();
  const session = useStaffSession();
  return (
    <header className="border-border bg-surface flex shrink-0 flex-col gap-3 border-b p-4 md:min-h-screen md:w-56 md:border-r md:border-b-0">
      <a href="#admin-main" className="sr-only focus:not-sr-only">
        Skip to content
      </a>
      <p className="flex items-center gap-2 text-lg font-bold">
        <span className="brand-mark" aria-hidden="true">
          T
        </span>
        Admin
      </p>
      <nav aria-label="Admin sections">
        <ul className="flex flex-wrap gap-1 md:flex-col">
          {SECTIONS.map((section) => {
            const current = pathname === section.href || pathname.startsWith(`${section.href}/`);
            return (
              <li key={section.href}>
                <Link
                  href={section.href}
                  aria-current={current ? "page" : undefined}
                  className={cn(
                    "focus-visible:focus-ring block rounded-md px-3 py-2 text-sm font-semibold",
                    current
                      ? "bg-primary-soft text-primary-soft-foreground"
                      : "text-muted-foreground hover:bg-surface-muted",
                  )}
                >
                  {section.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="mt-auto flex flex-wrap items-center gap-2 md:flex-col md:items-stretch">
        <Link href="/kitchen" className={buttonVariants({ variant: "outline", size: "sm" })}>
          Kitchen display
        </Link>
        <Link href="/floor" className={buttonVariants({ variant: "outline", size: "sm" })}>
          Floor
        </Link>
        <p className="text-muted-foreground text-sm">
          Signed in as <span className="text-foreground font-semibold">{manager.name}</span>
        </p>
        <button
          type="button"
          className={buttonVariants({ variant: "ghost", size: "sm" })}
          onClick={session.signOut}
          disabled={session.signingOut}
        >
          {session.signingOut ? "Signing out…" : "Sign out"}
        </button>
      </div>
    </header>
  );
}
