import { dateTimeFormat } from "./format";
import { offsetMs, resolveZonedDateTime } from "./time-zone";

/**
 * iCalendar (RFC 5545) files for cohort sessions, written here rather than by the `ics` package, which
 * cannot write a TZID start with its VTIMEZONE and folds lines by characters, not octets
 * (docs/decisions/0067-calendar-files.md). Calendars read these files, so the rules are exact:
 * CRLF line ends, lines folded at 75 octets without splitting a character, TEXT escaped, one UID per
 * session for life, SEQUENCE moved by the database on every change a calendar shows.
 */
export interface CalendarSession {
  id: string;
  title: string;
  starts_at: Date;
  duration_minutes: number;
  place: string | null;
  video_url: string | null;
  agenda: string;
  time_zone: string;
  sequence: number;
  created_at?: Date;
}

export const PRODUCT_ID = "-//STS Commons//Cohort sessions//EN";

/** The session's UID: the same in every file ever written for it, so calendars update rather than duplicate. */
export function sessionUid(sessionId: string) {
  return `${sessionId}@sts-commons`;
}

export function sessionCalendar(session: CalendarSession, cohortName: string, url: string, now: Date): string {
  const zone = session.time_zone;
  const description = [cohortName, session.agenda, session.video_url ?? ""].filter((s) => s.trim()).join("\n\n");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${PRODUCT_ID}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    ...timeZoneComponent(zone, session.starts_at),
    "BEGIN:VEVENT",
    `UID:${sessionUid(session.id)}`,
    `DTSTAMP:${utcStamp(now)}`,
    ...(session.created_at ? [`CREATED:${utcStamp(session.created_at)}`] : []),
    `SEQUENCE:${session.sequence}`,
    `DTSTART${dateTimeIn(session.starts_at, zone)}`,
    `DTEND${dateTimeIn(new Date(session.starts_at.getTime() + session.duration_minutes * 60_000), zone)}`,
    `SUMMARY:${escapeText(session.title)}`,
    ...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
    ...(session.place || session.video_url ? [`LOCATION:${escapeText(session.place ?? session.video_url ?? "")}`] : []),
    `URL:${uriValue(url)}`,
    "STATUS:CONFIRMED",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/** TEXT values: backslash, semicolon and comma escaped, any line break written as \n (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds a content line so no physical line exceeds 75 octets of UTF-8 (RFC 5545 3.1): continuation lines
 * start with one space, which counts towards their 75. Splits fall between characters, never inside one.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, "utf8") <= 75) return line;
  const out: string[] = [];
  let current = "";
  let size = 0;
  let limit = 75;
  for (const char of line) {
    const bytes = Buffer.byteLength(char, "utf8");
    if (size + bytes > limit) {
      out.push(current);
      current = "";
      size = 0;
      limit = 74;
    }
    current += char;
    size += bytes;
  }
  out.push(current);
  return out.join("\r\n ");
}

/** A parameter value is quoted when it holds a character that would end it (":", ";", ","). */
function paramValue(value: string) {
  const clean = value.replace(/["\r\n]/g, "");
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** URI values are not TEXT: nothing is escaped, but a line break could never be part of one. */
function uriValue(value: string) {
  return value.replace(/[\r\n]/g, "");
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

export function utcStamp(instant: Date) {
  return instant
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** The wall-clock time of an instant in a zone, as a local DATE-TIME ("20300214T173000"). */
function localStamp(instant: Date | number, zone: string) {
  const t = typeof instant === "number" ? instant : instant.getTime();
  return utcStamp(new Date(t + offsetMs(t, zone))).replace(/Z$/, "");
}

/**
 * A DATE-TIME in the session's zone (";TZID=America/New_York:20300214T173000"), or in UTC when the local
 * time names two instants. RFC 5545 (3.3.5) reads a repeated time as its first occurrence, but readers
 * differ (ical.js takes the second), so either 01:30 of a night the clocks go back is written as its UTC
 * instant, which every reader places alike. The end is written the same way rather than as a DURATION,
 * which readers also count differently across a clock change.
 */
function dateTimeIn(instant: Date, zone: string) {
  const local = localStamp(instant, zone);
  const date = `${local.slice(0, 4)}-${local.slice(4, 6)}-${local.slice(6, 8)}`;
  const reading = resolveZonedDateTime(date, `${local.slice(9, 11)}:${local.slice(11, 13)}`, zone);
  if (instant.getUTCSeconds() === 0 && reading.kind === "exact" && reading.instant.getTime() === instant.getTime()) {
    return `;TZID=${paramValue(zone)}:${local}`;
  }
  return `:${utcStamp(instant)}`;
}

/** "+0530", "-0400": a UTC-OFFSET value. */
function utcOffset(ms: number) {
  const minutes = Math.round(ms / 60_000);
  return `${minutes < 0 ? "-" : "+"}${pad(Math.trunc(minutes / 60))}${pad(minutes % 60)}`;
}

function zoneAbbreviation(instant: number, zone: string) {
  return dateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" })
    .formatToParts(new Date(instant))
    .find((p) => p.type === "timeZoneName")?.value;
}

/**
 * Every change of UTC offset in a zone between two instants, found from the platform's time-zone data:
 * a day-by-day scan, then a search for the exact minute.
 */
export function offsetChanges(zone: string, from: number, to: number) {
  const changes: { at: number; from: number; to: number }[] = [];
  const DAY = 24 * 60 * 60 * 1000;
  let previous = offsetMs(from, zone);
  for (let t = from + DAY; t <= to; t += DAY) {
    const current = offsetMs(t, zone);
    if (current === previous) continue;
    let lo = t - DAY;
    let hi = t;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetMs(mid, zone) === previous) lo = mid;
      else hi = mid;
    }
    changes.push({ at: hi, from: previous, to: current });
    previous = current;
  }
  return changes;
}

/**
 * The VTIMEZONE for a zone around an event: the offset in force from the start of the year before
 * the event, then each change up to the end of the year after it, written as single onsets (no RRULE),
 * so the rules are the platform's tz data exactly rather than a guess at a recurring pattern.
 */
function timeZoneComponent(zone: string, around: Date): string[] {
  const year = around.getUTCFullYear();
  const from = Date.UTC(year - 1, 0, 1);
  const to = Date.UTC(year + 2, 0, 1);
  const changes = offsetChanges(zone, from, to);
  const initial = offsetMs(from, zone);
  const standard = Math.min(initial, ...changes.map((c) => c.to));
  const observance = (onset: number, fromOffset: number, toOffset: number) => {
    const kind = toOffset > standard ? "DAYLIGHT" : "STANDARD";
    const name = zoneAbbreviation(onset, zone);
    return [
      `BEGIN:${kind}`,
      // An onset is written in the local time that was in force just before it (RFC 5545 3.6.5).
      `DTSTART:${utcStamp(new Date(onset + fromOffset)).replace(/Z$/, "")}`,
      `TZOFFSETFROM:${utcOffset(fromOffset)}`,
      `TZOFFSETTO:${utcOffset(toOffset)}`,
      ...(name ? [`TZNAME:${escapeText(name)}`] : []),
      `END:${kind}`,
    ];
  };
  return [
    "BEGIN:VTIMEZONE",
    `TZID:${escapeText(zone)}`,
    ...observance(from, initial, initial),
    ...changes.flatMap((c) => observance(c.at, c.from, c.to)),
    "END:VTIMEZONE",
  ];
}
