import type { ReactNode } from "react";

/**
 * One admin section's frame: its title (the page's `<h1>`), a one-line description, the
 * section's main actions on the right, then the content.
 */
export function AdminPage({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold">{title}</h1>
          {description ? <p className="text-muted-foreground mt-1 text-sm">{description}</p> : null}
        </div>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}

/**
 * What a section shows instead of its data: a loading line (`role="status"`), an error with a
 * retry button (`role="alert"`), or an empty state with its call to action.
 */
export function AdminNotice({
  kind,
  children,
  action,
}: {
  kind: "loading" | "error" | "empty";
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div
      role={kind === "error" ? "alert" : "status"}
      className={
        kind === "error"
          ? "border-danger bg-danger-soft text-danger-soft-foreground flex flex-wrap items-center justify-between gap-3 rounded-lg border p-4"
          : "border-border text-muted-foreground flex flex-wrap items-center justify-between gap-3 rounded-lg border border-dashed p-6"
      }
    >
      <p>{children}</p>
      {action}
    </div>
  );
}
