/** Formatting through Intl for the viewer's locale. Money stays integer cents until the last step. */

/**
 * Building an Intl formatter costs far more than using one (tens to hundreds of microseconds
 * against well under one), and a portfolio page formats hundreds of amounts: formatters are
 * built once per locale and options and reused. A constructor that throws (unknown zone or
 * locale) caches nothing. The cache is small and bounded; it is emptied when full.
 */
const MAX_FORMATTERS = 500;
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function cached<F>(cache: Map<string, F>, locale: string, options: object, make: () => F): F {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = make();
    if (cache.size >= MAX_FORMATTERS) cache.clear();
    cache.set(key, formatter);
  }
  return formatter;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(numberFormats, locale, options, () => new Intl.NumberFormat(locale, options));
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateTimeFormats, locale, options, () => new Intl.DateTimeFormat(locale, options));
}

export function centsToDecimalString(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not an exact cent amount: ${cents}`);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const units = Math.trunc(abs / 100);
  const rest = abs % 100;
  return `${negative ? "-" : ""}${units}.${String(rest).padStart(2, "0")}`;
}

/** Money formatters by locale and currency, looked up without building an options key (hundreds per page). */
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(cents: number, locale = "en", currency = "USD"): string {
  const key = `${locale}\u0000${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = numberFormat(locale, { style: "currency", currency });
    if (moneyFormats.size >= MAX_FORMATTERS) moneyFormats.clear();
    moneyFormats.set(key, format);
  }
  // Intl formats decimal strings exactly, so no float ever carries the amount.
  return format.format(centsToDecimalString(cents) as unknown as number);
}

export function formatDate(date: Date | string, locale = "en", options: Intl.DateTimeFormatOptions = { dateStyle: "medium" }) {
  return dateTimeFormat(locale, { timeZone: "UTC", ...options }).format(new Date(date));
}

export function formatDateTime(date: Date | string, locale = "en", timeZone = "UTC") {
  return dateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(date));
}

export function formatPercentFromBps(bps: number, locale = "en") {
  return numberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(bps / 10000);
}
