import type { ReactNode } from "react";

/** The page's one h1, what it is for, and the actions that start from it. */
export function PageHeader({ title, description, actions, eyebrow }: { title: ReactNode; description?: ReactNode; actions?: ReactNode; eyebrow?: ReactNode }) {
  return (
    <header className="mb-6 flex flex-wrap items-end justify-between gap-4 border-b border-line pb-4">
      <div className="min-w-0 max-w-3xl">
        {eyebrow ? <p className="m-0 text-sm font-medium text-muted">{eyebrow}</p> : null}
        <h1 className="m-0 text-2xl font-bold leading-tight sm:text-3xl">{title}</h1>
        {description ? <div className="mt-2 text-muted">{description}</div> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </header>
  );
}
