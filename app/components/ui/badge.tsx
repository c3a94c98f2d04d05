import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";
import { Icon } from "./icon";

export type Tone = "neutral" | "info" | "good" | "warn" | "error";

export const TONES: Record<Tone, string> = {
  neutral: "bg-paper text-muted border-line",
  info: "bg-accent-soft text-accent-strong border-accent-soft",
  good: "bg-good-soft text-good border-good-soft",
  warn: "bg-warn-soft text-warn border-warn-soft",
  error: "bg-error-soft text-error border-error-soft",
};

/**
 * A status: a word, an icon and a colour together, never colour alone. The continuum's stages are never
 * shown with good/error tones (a journey, not a grade): they use `neutral` or `info`.
 */
export function Badge({ tone = "neutral", icon, children, className }: { tone?: Tone; icon?: LucideIcon; children: ReactNode; className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-sm font-medium whitespace-nowrap", TONES[tone], className)}>
      {icon ? <Icon icon={icon} className="size-3.5 shrink-0" /> : null}
      {children}
    </span>
  );
}
