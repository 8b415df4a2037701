import type { ReactNode } from "react";

/** A full-page notice card (not found, invalid table code, …) with a way back home. */
export function NoticePage({ title, icon, children }: { title: string; icon?: ReactNode; children: ReactNode }) {
  return (
    <main id="main" className="page page--center">
      <div className="container--narrow container">
        <div className="card notice-card">
          {icon}
          <h1 className="notice-card__title">{title}</h1>
          {children}
          <a href="/" className="button button--secondary button--block">
            Tabletap home
          </a>
        </div>
      </div>
    </main>
  );
}
