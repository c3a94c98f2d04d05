import type { LucideIcon, LucideProps } from "lucide-react";

/**
 * One icon set (Lucide), always beside words: an icon is decoration unless it is given a label, so screen
 * readers hear the words once (docs/decisions/0072-design-system.md).
 */
export function Icon({ icon: Glyph, label, className, ...props }: { icon: LucideIcon; label?: string } & Omit<LucideProps, "ref">) {
  return (
    <Glyph
      aria-hidden={label ? undefined : true}
      aria-label={label}
      role={label ? "img" : undefined}
      focusable="false"
      className={className ?? "size-4 shrink-0"}
      strokeWidth={2}
      {...props}
    />
  );
}
