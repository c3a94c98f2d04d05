/** Formatting through Intl for the viewer's locale. Money stays integer cents until the last step. */

export function centsToDecimalString(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not an exact cent amount: ${cents}`);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const units = Math.trunc(abs / 100);
  const rest = abs % 100;
  return `${negative ? "-" : ""}${units}.${String(rest).padStart(2, "0")}`;
}

export function formatMoney(cents: number, locale = "en", currency = "USD"): string {
  // Intl formats decimal strings exactly, so no float ever carries the amount.
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(
    centsToDecimalString(cents) as unknown as number,
  );
}

export function formatDate(date: Date | string, locale = "en", options: Intl.DateTimeFormatOptions = { dateStyle: "medium" }) {
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", ...options }).format(new Date(date));
}

export function formatDateTime(date: Date | string, locale = "en", timeZone = "UTC") {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(date));
}

export function formatPercentFromBps(bps: number, locale = "en") {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(bps / 10000);
}
