import { CircleAlert, CircleCheck, Info, TriangleAlert, type LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { TONES } from "./badge";
import { cn } from "./cn";
import { Icon } from "./icon";

export type NoticeTone = "info" | "success" | "warning" | "error";

const LOOK: Record<NoticeTone, { icon: LucideIcon; tone: keyof typeof TONES }> = {
  info: { icon: Info, tone: "info" },
  success: { icon: CircleCheck, tone: "good" },
  warning: { icon: TriangleAlert, tone: "warn" },
  error: { icon: CircleAlert, tone: "error" },
};

/** A message about the page as a whole. Errors are alerts (read at once); the rest are polite status. */
export function Notice({ tone = "info", title, children, id }: { tone?: NoticeTone; title?: ReactNode; children: ReactNode; id?: string }) {
  const look = LOOK[tone];
  return (
    <div
      id={id}
      role={tone === "error" ? "alert" : "status"}
      className={cn("notice my-4 flex gap-3 rounded-card border p-3", `notice-${tone}`, TONES[look.tone])}
    >
      <Icon icon={look.icon} className="mt-0.5 size-5 shrink-0" />
      <div className="min-w-0 text-ink [&>p]:my-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children}
      </div>
    </div>
  );
}
