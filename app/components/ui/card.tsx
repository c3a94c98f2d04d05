import type { ReactNode } from "react";
import { cn } from "./cn";

/** A surface for one subject. `title` makes it a labelled region, so it can be found by heading. */
export function Card({
  title,
  actions,
  children,
  className,
  as: As = "section",
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  as?: "section" | "div" | "article";
}) {
  return (
    <As className={cn("rounded-card border border-line bg-card p-4 sm:p-5", className)}>
      {title || actions ? (
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          {title ? <h2 className="m-0 text-lg font-semibold">{title}</h2> : null}
          {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
        </div>
      ) : null}
      {children}
    </As>
  );
}
