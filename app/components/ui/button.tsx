import { Link, type LinkProps } from "@remix-run/react";
import type { ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-accent text-white border-accent hover:bg-accent-strong",
  secondary: "bg-card text-accent border-line hover:border-accent",
  danger: "bg-card text-error border-error hover:bg-error-soft",
  ghost: "bg-transparent text-accent border-transparent hover:bg-accent-soft",
};

/** The classes of a button, for the rare element that must look like one without being a Button. */
export function buttonClasses(variant: ButtonVariant = "primary", className?: string) {
  return cn(
    "inline-flex items-center justify-center gap-2 rounded-md border px-4 py-2 text-base font-semibold leading-tight no-underline",
    "cursor-pointer min-h-11 disabled:cursor-not-allowed disabled:opacity-60",
    VARIANTS[variant],
    className,
  );
}

export function Button({ variant = "primary", className, type = "submit", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={buttonClasses(variant, className)} {...props} />;
}

/** A link that reads as an action (a page that starts a task), styled as a button. */
export function ButtonLink({ variant = "secondary", className, ...props }: LinkProps & { variant?: ButtonVariant }) {
  return <Link className={buttonClasses(variant, className)} {...props} />;
}
