import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Icon } from "./icon";

/** What a list looks like before it has anything: what will appear here, and how to start. */
export function EmptyState({ icon, title, children, action }: { icon: LucideIcon; title: ReactNode; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="my-4 flex flex-col items-center gap-2 rounded-card border border-dashed border-line bg-card px-4 py-8 text-center">
      <Icon icon={icon} className="size-8 text-muted" />
      <p className="m-0 text-lg font-semibold">{title}</p>
      {children ? <div className="max-w-prose text-muted">{children}</div> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}
