import { describe, expect, it } from "vitest";
import { formatInZone, instantToZoned, isValidTimeZone, resolveZonedDateTime, zonedDateTimeToInstant } from "./time-zone";

describe("session time zones", () => {
  it("converts a wall-clock time in a zone to the instant, across daylight saving", () => {
    expect(zonedDateTimeToInstant("2026-12-01", "14:30", "Europe/London")!.toISOString()).toBe("2026-12-01T14:30:00.000Z");
    expect(zonedDateTimeToInstant("2026-07-01", "14:30", "Europe/London")!.toISOString()).toBe("2026-07-01T13:30:00.000Z");
    expect(zonedDateTimeToInstant("2026-07-01", "09:00", "America/Los_Angeles")!.toISOString()).toBe("2026-07-01T16:00:00.000Z");
    expect(zonedDateTimeToInstant("2026-01-15", "09:00", "Asia/Kolkata")!.toISOString()).toBe("2026-01-15T03:30:00.000Z");
  });

  it("round-trips an instant back to the wall clock of its zone", () => {
    const instant = zonedDateTimeToInstant("2026-03-29", "10:15", "Europe/Berlin")!;
    expect(instantToZoned(instant, "Europe/Berlin")).toEqual({ date: "2026-03-29", time: "10:15" });
    expect(formatInZone(instant, "Europe/Berlin")).toContain("10:15");
  });

  it("refuses unknown zones and impossible dates", () => {
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("Europe/Madrid")).toBe(true);
    expect(zonedDateTimeToInstant("2026-02-30", "10:00", "UTC")).toBeNull();
    expect(zonedDateTimeToInstant("2026-02-10", "25:00", "UTC")).toBeNull();
    expect(zonedDateTimeToInstant("2026-02-10", "10:00", "Nowhere/City")).toBeNull();
  });
});

describe("clock-change days", () => {
  it("finds no instant for a time the clocks skip (02:30 as New York springs forward)", () => {
    expect(resolveZonedDateTime("2026-03-08", "02:30", "America/New_York")).toEqual({ kind: "gap" });
    expect(zonedDateTimeToInstant("2026-03-08", "02:30", "America/New_York")).toBeNull();
    expect(resolveZonedDateTime("2026-03-29", "01:30", "Europe/London")).toEqual({ kind: "gap" });
    // Either side of the gap is an ordinary time.
    expect(zonedDateTimeToInstant("2026-03-08", "01:59", "America/New_York")!.toISOString()).toBe("2026-03-08T06:59:00.000Z");
    expect(zonedDateTimeToInstant("2026-03-08", "03:00", "America/New_York")!.toISOString()).toBe("2026-03-08T07:00:00.000Z");
  });

  it("finds both instants for a time that happens twice (01:30 as New York falls back)", () => {
    const r = resolveZonedDateTime("2026-11-01", "01:30", "America/New_York");
    expect(r.kind).toBe("ambiguous");
    if (r.kind !== "ambiguous") return;
    expect(r.earlier.toISOString()).toBe("2026-11-01T05:30:00.000Z");
    expect(r.later.toISOString()).toBe("2026-11-01T06:30:00.000Z");
    expect(zonedDateTimeToInstant("2026-11-01", "01:30", "America/New_York", "later")!.toISOString()).toBe("2026-11-01T06:30:00.000Z");
    expect(zonedDateTimeToInstant("2026-11-01", "01:30", "America/New_York")!.toISOString()).toBe("2026-11-01T05:30:00.000Z");
    // A half-hour change (Lord Howe Island) is ambiguous for half an hour only.
    expect(resolveZonedDateTime("2026-04-05", "01:45", "Australia/Lord_Howe").kind).toBe("ambiguous");
    expect(resolveZonedDateTime("2026-04-05", "02:15", "Australia/Lord_Howe").kind).toBe("exact");
  });

  it("is exact in zones without daylight saving and on ordinary days", () => {
    expect(resolveZonedDateTime("2026-11-01", "01:30", "Asia/Kolkata")).toEqual({ kind: "exact", instant: new Date("2026-10-31T20:00:00.000Z") });
    expect(resolveZonedDateTime("2026-02-30", "01:30", "UTC")).toEqual({ kind: "invalid" });
  });
});
