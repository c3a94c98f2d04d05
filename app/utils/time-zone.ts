import { dateTimeFormat } from "./format";

/**
 * Sessions are stored as an instant (timestamptz) plus the IANA zone they are shown in.
 * These helpers convert a wall-clock date and time in a zone to that instant and back.
 */
export function isValidTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds the zone is ahead of UTC at the given instant. */
export function offsetMs(instant: number, zone: string): number {
  const parts = dateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * What a wall-clock date and time in a zone means. On a clock-change day a time can name no instant
 * (a "gap": 02:30 on the night New York springs forward) or two (an "ambiguous" time: 01:30 on the
 * night it falls back); both are answered as such, never silently moved (docs/decisions/0067-calendar-files.md).
 */
export type ZonedTime = { kind: "exact"; instant: Date } | { kind: "ambiguous"; earlier: Date; later: Date } | { kind: "gap" } | { kind: "invalid" };

const DAY_MS = 24 * 60 * 60 * 1000;

export function resolveZonedDateTime(date: string, time: string, zone: string): ZonedTime {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t || !isValidTimeZone(zone)) return { kind: "invalid" };
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return { kind: "invalid" };
  const wall = Date.UTC(y, mo - 1, da, h, mi);
  if (new Date(wall).getUTCDate() !== da) return { kind: "invalid" };
  // The offsets in force a day and a half either side cover both sides of any clock change that night;
  // each offset that maps the wall time back onto itself is a reading of it.
  const offsets = new Set([offsetMs(wall - 1.5 * DAY_MS, zone), offsetMs(wall, zone), offsetMs(wall + 1.5 * DAY_MS, zone)]);
  const instants = [...offsets]
    .map((o) => wall - o)
    .filter((instant) => offsetMs(instant, zone) === wall - instant)
    .sort((a, b) => a - b);
  if (instants.length === 0) return { kind: "gap" };
  if (instants.length === 1) return { kind: "exact", instant: new Date(instants[0]) };
  return { kind: "ambiguous", earlier: new Date(instants[0]), later: new Date(instants.at(-1)!) };
}

/**
 * "2026-12-01" + "14:30" in "Europe/London" → the instant. Null for an impossible date or time, and for
 * a time the clocks skip that day. A time that happens twice gives the earlier instant unless
 * `occurrence` says otherwise; forms ask people which they mean (resolveZonedDateTime) before calling this.
 */
export function zonedDateTimeToInstant(date: string, time: string, zone: string, occurrence: "earlier" | "later" = "earlier"): Date | null {
  const r = resolveZonedDateTime(date, time, zone);
  if (r.kind === "exact") return r.instant;
  if (r.kind === "ambiguous") return occurrence === "later" ? r.later : r.earlier;
  return null;
}

/** The wall-clock date and time of an instant in a zone, e.g. for a form's default values. */
export function instantToZoned(instant: Date, zone: string): { date: string; time: string } {
  const local = new Date(instant.getTime() + offsetMs(instant.getTime(), zone));
  const iso = local.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

export function formatInZone(instant: Date | string, zone: string, locale = "en") {
  return dateTimeFormat(locale, {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: zone,
  }).format(new Date(instant));
}

/** A short zone name for display next to a time, e.g. "GMT+1" or "PST". */
export function zoneLabel(instant: Date | string, zone: string, locale = "en") {
  const part = dateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" })
    .formatToParts(new Date(instant))
    .find((p) => p.type === "timeZoneName");
  return `${zone.replace(/_/g, " ")}${part ? ` (${part.value})` : ""}`;
}
