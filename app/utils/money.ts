/**
 * Money as people type it, parsed exactly into integer cents with string and BigInt
 * arithmetic only (no float ever holds an amount). See docs/decisions/0010-money-input.md.
 *
 * Accepted: "1250", "1250.5", "1250.50", "1,250.50", "1,250,000", "$1250", "$ 1,250.50",
 * surrounding spaces. Refused: negatives, more than two decimals, "1 250,50" and
 * "1.250,50" (decimal comma), commas not in groups of three ("1,25"), ".50", "1250.",
 * exponents, other currencies or words, and anything above $10,000,000,000.00.
 */
export const MAX_MONEY_CENTS = 1_000_000_000_000; // $10 billion

const MONEY = /^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

export function parseMoney(input: string | null | undefined): number | null {
  if (typeof input !== "string") return null;
  const match = MONEY.exec(input.trim());
  if (!match) return null;
  const whole = match[1].replace(/,/g, "");
  const fraction = (match[2] ?? "").padEnd(2, "0");
  const cents = BigInt(whole) * 100n + BigInt(fraction);
  if (cents > BigInt(MAX_MONEY_CENTS)) return null;
  return Number(cents);
}

/** Cents back into what the form shows: "1250.50" (no grouping, so it parses again unchanged). */
export function centsToInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "";
  const units = Math.trunc(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(units) : `${units}.${String(rest).padStart(2, "0")}`;
}
