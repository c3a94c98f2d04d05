import { NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { cn } from "./cn";

/**
 * Sections of one long subject as links with their own URLs (not client-side tabs): each works without
 * JavaScript, can be bookmarked, and the current one is marked for screen readers with aria-current.
 */
export function TabNav({ label, tabs }: { label: string; tabs: Array<{ to: string; label: ReactNode; end?: boolean }> }) {
  return (
    <nav aria-label={label} className="mb-6 overflow-x-auto border-b border-line">
      <ul className="m-0 flex list-none gap-1 p-0">
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink
              to={tab.to}
              end={tab.end ?? true}
              prefetch="intent"
              className={({ isActive }) =>
                cn(
                  "inline-block border-b-3 px-3 py-2 whitespace-nowrap no-underline",
                  isActive ? "border-accent font-semibold text-ink" : "border-transparent text-accent hover:border-line",
                )
              }
            >
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
