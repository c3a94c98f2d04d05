import { describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { escapeText, foldLine, offsetChanges, sessionCalendar, type CalendarSession } from "./ics.server";
import { offsetMs, zonedDateTimeToInstant } from "./time-zone";

const NOW = new Date("2026-02-01T12:00:00Z");

function session(overrides: Partial<CalendarSession> = {}): CalendarSession {
  return {
    id: "6f1c2a8e-1d2b-4c3a-9e8f-0a1b2c3d4e5f",
    title: "Workload, honestly",
    starts_at: zonedDateTimeToInstant("2026-03-09", "09:00", "America/New_York")!,
    duration_minutes: 90,
    place: null,
    video_url: "https://meet.example.org/winter",
    agenda: "",
    time_zone: "America/New_York",
    sequence: 0,
    ...overrides,
  };
}

/** Reads a file the way a calendar does: an independent parser, the file's own VTIMEZONE, nothing of ours. */
function read(ics: string) {
  const root = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  for (const tz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  const vevent = root.getFirstSubcomponent("vevent")!;
  const event = new ICAL.Event(vevent);
  return { root, vevent, event, start: event.startDate.toJSDate(), end: event.endDate.toJSDate() };
}

describe("calendar files", () => {
  it("are CRLF throughout, with every physical line at most 75 octets, accents and dashes included", () => {
    const title = "Écoute et récupération — l’équipe d’accueil parle de la charge émotionnelle, ensemble – ñandú 日本語 🙂 ".repeat(3).trim();
    const ics = sessionCalendar(
      session({ title, agenda: "Ordre du jour : présentations, pause café ; questions ouvertes.\nDeuxième ligne." }),
      "Cohorte été",
      "https://x.test/s",
      NOW,
    );
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
    // No character is cut in half: the file is valid UTF-8 throughout.
    expect(Buffer.from(ics, "utf8").toString("utf8")).toBe(ics);
    const { event } = read(ics);
    expect(event.summary).toBe(title);
    expect(event.description).toBe(
      "Cohorte été\n\nOrdre du jour : présentations, pause café ; questions ouvertes.\nDeuxième ligne.\n\nhttps://meet.example.org/winter",
    );
  });

  it("fold long lines at octets and unfold back to the same text", () => {
    const line = `SUMMARY:${"é".repeat(100)}`;
    const folded = foldLine(line);
    for (const part of folded.split("\r\n")) expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
    expect(
      folded
        .split("\r\n")
        .slice(1)
        .every((p) => p.startsWith(" ")),
    ).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(foldLine("SHORT:line")).toBe("SHORT:line");
  });

  it("escape what TEXT must escape", () => {
    expect(escapeText("a\\b;c,d\r\ne\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
    const { event } = read(sessionCalendar(session({ title: "Back\\slash; semi, comma" }), "C", "https://x.test", NOW));
    expect(event.summary).toBe("Back\\slash; semi, comma");
  });

  it("carry a stable UID, the session's SEQUENCE, a DTSTAMP and the start as a TZID with its VTIMEZONE", () => {
    const first = sessionCalendar(session(), "C", "https://x.test", NOW);
    const again = sessionCalendar(session({ sequence: 3 }), "C", "https://x.test", new Date("2026-02-02T08:00:00Z"));
    expect(first).toContain("DTSTART;TZID=America/New_York:20260309T090000\r\n");
    expect(first).toContain("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n");
    const a = read(first);
    const b = read(again);
    expect(a.event.uid).toBe(b.event.uid);
    expect([a.event.sequence, b.event.sequence]).toEqual([0, 3]);
    expect(a.vevent.getFirstPropertyValue("dtstamp")!.toString()).toBe("2026-02-01T12:00:00Z");
    expect(a.start.toISOString()).toBe("2026-03-09T13:00:00.000Z");
    expect(a.end.toISOString()).toBe("2026-03-09T14:30:00.000Z");
  });

  it("place sessions either side of a clock change at the right instants, read with the file's own rules", () => {
    const cases: [string, string, string, string][] = [
      // zone, local date, local time, the instant it is
      ["America/New_York", "2026-03-07", "09:00", "2026-03-07T14:00:00.000Z"],
      ["America/New_York", "2026-03-08", "01:30", "2026-03-08T06:30:00.000Z"],
      ["America/New_York", "2026-03-08", "03:30", "2026-03-08T07:30:00.000Z"],
      ["America/New_York", "2026-03-09", "09:00", "2026-03-09T13:00:00.000Z"],
      ["America/New_York", "2026-10-31", "09:00", "2026-10-31T13:00:00.000Z"],
      ["America/New_York", "2026-11-02", "09:00", "2026-11-02T14:00:00.000Z"],
      ["Europe/London", "2026-03-28", "18:00", "2026-03-28T18:00:00.000Z"],
      ["Europe/London", "2026-03-30", "18:00", "2026-03-30T17:00:00.000Z"],
      ["Australia/Sydney", "2026-04-06", "10:00", "2026-04-06T00:00:00.000Z"],
      ["Australia/Lord_Howe", "2026-04-06", "10:00", "2026-04-05T23:30:00.000Z"],
      ["Asia/Kolkata", "2026-06-01", "10:00", "2026-06-01T04:30:00.000Z"],
    ];
    for (const [zone, date, time, iso] of cases) {
      const starts = zonedDateTimeToInstant(date, time, zone)!;
      expect(starts.toISOString(), `${zone} ${date}`).toBe(iso);
      const { start } = read(sessionCalendar(session({ starts_at: starts, time_zone: zone }), "C", "https://x.test", NOW));
      expect(start.toISOString(), `${zone} ${date} read back`).toBe(iso);
    }
  });

  it("write a VTIMEZONE whose offsets agree with the time-zone database at every change around the event", () => {
    const ics = sessionCalendar(session(), "C", "https://x.test", NOW);
    const { root } = read(ics);
    const tz = new ICAL.Timezone(root.getFirstSubcomponent("vtimezone")!);
    const changes = offsetChanges("America/New_York", Date.UTC(2025, 0, 1), Date.UTC(2028, 0, 1));
    expect(changes).toHaveLength(6);
    for (const c of changes) {
      for (const instant of [c.at - 3 * 3_600_000, c.at + 3 * 3_600_000]) {
        const t = ICAL.Time.fromJSDate(new Date(instant), true);
        expect(tz.utcOffset(t.convertToZone(tz)) * 1000, new Date(instant).toISOString()).toBe(offsetMs(instant, "America/New_York"));
      }
    }
  });

  it("take a session that ends after the clocks go back at its real length", () => {
    const starts = zonedDateTimeToInstant("2026-11-01", "00:30", "America/New_York")!;
    const { start, end } = read(sessionCalendar(session({ starts_at: starts, duration_minutes: 120 }), "C", "https://x.test", NOW));
    expect(end.getTime() - start.getTime()).toBe(120 * 60_000);
    expect(end.toISOString()).toBe("2026-11-01T06:30:00.000Z");
  });

  it("write a start in a repeated hour as its UTC instant, since readers disagree on which occurrence a local time means", () => {
    for (const occurrence of ["earlier", "later"] as const) {
      const starts = zonedDateTimeToInstant("2026-11-01", "01:30", "America/New_York", occurrence)!;
      const ics = sessionCalendar(session({ starts_at: starts, duration_minutes: 60 }), "C", "https://x.test", NOW);
      expect(ics).toContain(`DTSTART:${starts.toISOString().replace(/[-:]/g, "").replace(".000", "")}\r\n`);
      const { start, end } = read(ics);
      expect(start.toISOString(), occurrence).toBe(starts.toISOString());
      expect(end.getTime() - start.getTime()).toBe(60 * 60_000);
    }
  });
});
