import { describe, expect, it } from "vitest";
import { formatInZone, instantToZoned, isValidTimeZone, zonedDateTimeToInstant } from "./time-zone";

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
