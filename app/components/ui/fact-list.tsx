import type { ReactNode } from "react";
import { cn } from "./cn";

export interface Fact {
  label: ReactNode;
  value: ReactNode;
  /** Money and counts: right-aligned figures of equal width, so columns of them read at a glance. */
  numeric?: boolean;
}

/** Facts about one thing as a grid of label and value (a description list), one column on a phone. */
const COLUMNS = { 2: "sm:grid-cols-2", 3: "sm:grid-cols-2 lg:grid-cols-3" } as const;

export function FactList({ facts, columns = 3, className }: { facts: Fact[]; columns?: keyof typeof COLUMNS; className?: string }) {
  return (
    <dl className={cn("m-0 grid grid-cols-1 gap-x-6 gap-y-3", COLUMNS[columns], className)}>
      {facts.map((fact, i) => (
        <div key={i} className="min-w-0 border-l-2 border-line pl-3">
          <dt className="text-sm text-muted">{fact.label}</dt>
          <dd className={cn("m-0 font-semibold break-words", fact.numeric && "tabular-nums")}>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}
