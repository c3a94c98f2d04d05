import { afterAll, describe, expect, it } from "vitest";
import ICAL from "ical.js";
import * as overview from "~/routes/cohorts.$cohortId._index";
import * as icsFile from "~/routes/cohorts.$cohortId.sessions.$sessionId[.ics]";
import { t } from "~/i18n";
import { createTestDatabase, asOwner } from "../support/db";
import { answerOf, cookieFor, get, post, routeContext } from "../support/routes";
import { createCohortWorld } from "../support/learning-factories";

const database = await createTestDatabase();
const db = database.db;
const context = routeContext(database);
afterAll(() => database.close());

/** The session's .ics as a member downloads it, read by ical.js with the VTIMEZONE the file itself carries. */
async function calendarOf(world: Awaited<ReturnType<typeof createCohortWorld>>, sessionId: string) {
  const cookie = await cookieFor(context, world.staff.id);
  const path = `/cohorts/${world.cohortId}/sessions/${sessionId}.ics`;
  const response = await icsFile.loader({ request: get(path, cookie), context, params: { cohortId: world.cohortId, sessionId } } as never);
  expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  const text = await response.text();
  for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  const root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  for (const tz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  const event = new ICAL.Event(root.getFirstSubcomponent("vevent")!);
  return { text, event, start: event.startDate.toJSDate().toISOString(), end: event.endDate.toJSDate().toISOString() };
}

/** Plans a session through the cohort page's form, as a facilitator does. */
async function plan(world: Awaited<ReturnType<typeof createCohortWorld>>, fields: Record<string, string>) {
  const cookie = await cookieFor(context, world.officer.id);
  const path = `/cohorts/${world.cohortId}`;
  const form = { intent: "session", title: "Taking stock", duration: "60", ...fields };
  return answerOf(() => overview.action({ request: post(path, cookie, form), context, params: { cohortId: world.cohortId } } as never));
}

const sessionIdFrom = (location: string | null) => /\/sessions\/([0-9a-f-]{36})/.exec(location ?? "")![1];

/** The form errors a refused plan comes back with, by field. */
async function refusedWith(world: Awaited<ReturnType<typeof createCohortWorld>>, fields: Record<string, string>) {
  const cookie = await cookieFor(context, world.officer.id);
  const form = { intent: "session", title: "Taking stock", duration: "60", ...fields };
  const reply = (await overview.action({
    request: post(`/cohorts/${world.cohortId}`, cookie, form),
    context,
    params: { cohortId: world.cohortId },
  } as never)) as {
    data: { result: { error: Record<string, string[]> } };
    init: { status: number };
  };
  expect(reply.init.status).toBe(400);
  return reply.data.result.error;
}

describe("session calendar files across a clock change", () => {
  it("place sessions planned in New York either side of spring forward and fall back at the right instants", async () => {
    const world = await createCohortWorld(db);
    const cases: [string, string, string][] = [
      ["2030-03-09", "18:00", "2030-03-09T23:00:00.000Z"], // the evening before the clocks go forward (EST)
      ["2030-03-10", "18:00", "2030-03-10T22:00:00.000Z"], // the evening after (EDT)
      ["2030-11-02", "18:00", "2030-11-02T22:00:00.000Z"], // the evening before they go back (EDT)
      ["2030-11-03", "18:00", "2030-11-03T23:00:00.000Z"], // the evening after (EST)
    ];
    for (const [date, time, instant] of cases) {
      const answer = await plan(world, { date, time, timeZone: "America/New_York" });
      expect(answer.status, date).toBe(302);
      const id = sessionIdFrom(answer.response!.headers.get("location"));
      const { text, start, end } = await calendarOf(world, id);
      expect(text).toContain(`DTSTART;TZID=America/New_York:${date.replace(/-/g, "")}T180000\r\n`);
      expect([start, end], date).toEqual([instant, new Date(new Date(instant).getTime() + 3_600_000).toISOString()]);
    }
  });

  it("refuse a time the clocks skip, with a message next to the time", async () => {
    const world = await createCohortWorld(db);
    const before = await db.selectFrom("cohort_session").select("id").where("cohort_id", "=", world.cohortId).execute();
    const errors = await refusedWith(world, { date: "2030-03-10", time: "02:30", timeZone: "America/New_York" });
    expect(errors.time).toEqual([t("learning.errors.clockGap", { time: "02:30", date: "2030-03-10", zone: "America/New_York" })]);
    expect(await db.selectFrom("cohort_session").select("id").where("cohort_id", "=", world.cohortId).execute()).toEqual(before);
  });

  it("ask which one when a time happens twice, and keep the one chosen", async () => {
    const world = await createCohortWorld(db);
    const fields = { date: "2030-11-03", time: "01:30", timeZone: "America/New_York" };
    const errors = await refusedWith(world, fields);
    expect(errors.occurrence).toEqual([t("learning.errors.clockRepeat", { time: "01:30", date: "2030-11-03", zone: "America/New_York" })]);

    for (const [occurrence, instant] of [
      ["earlier", "2030-11-03T05:30:00.000Z"],
      ["later", "2030-11-03T06:30:00.000Z"],
    ]) {
      const answer = await plan(world, { ...fields, occurrence });
      expect(answer.status, occurrence).toBe(302);
      const id = sessionIdFrom(answer.response!.headers.get("location"));
      const stored = await db.selectFrom("cohort_session").select("starts_at").where("id", "=", id).executeTakeFirstOrThrow();
      expect(stored.starts_at.toISOString()).toBe(instant);
      const { start, end } = await calendarOf(world, id);
      expect([start, end]).toEqual([instant, new Date(new Date(instant).getTime() + 3_600_000).toISOString()]);
    }
  });

  it("keep the UID and move the SEQUENCE when a session changes in a way a calendar shows, and only then", async () => {
    const world = await createCohortWorld(db);
    const first = await calendarOf(world, world.sessionId);
    expect(first.event.sequence).toBe(0);
    await asOwner(db, (trx) => trx.updateTable("cohort_session").set({ reminder_claimed_at: new Date() }).where("id", "=", world.sessionId).execute());
    expect((await calendarOf(world, world.sessionId)).event.sequence).toBe(0);
    await asOwner(db, (trx) =>
      trx
        .updateTable("cohort_session")
        .set({ starts_at: new Date("2030-04-02T15:00:00Z"), title: "Naming STS — moved to après-midi" })
        .where("id", "=", world.sessionId)
        .execute(),
    );
    const moved = await calendarOf(world, world.sessionId);
    expect(moved.event.uid).toBe(first.event.uid);
    expect(moved.event.sequence).toBe(1);
    expect(moved.event.summary).toBe("Naming STS — moved to après-midi");
    // 2 April 2030 is after the UK's clocks go forward (31 March): 15:00 UTC is 16:00 in London.
    expect(moved.text).toContain("DTSTART;TZID=Europe/London:20300402T160000\r\n");
    expect(moved.start).toBe("2030-04-02T15:00:00.000Z");
  });
});
