import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import type { AppContext } from "~/utils/context";
import { createThread, getThread, INVITABLE_SHOWN } from "~/domain/cohorts.server";
import { unsubscribeToken, getEmailPreferences } from "~/domain/learning-email.server";
import { seedDemoIfEmpty } from "#db/seed/demo";
import * as overview from "~/routes/cohorts.$cohortId._index";
import * as sessionPage from "~/routes/cohorts.$cohortId.sessions.$sessionId";
import * as icsFile from "~/routes/cohorts.$cohortId.sessions.$sessionId[.ics]";
import * as threadPage from "~/routes/cohorts.$cohortId.discussion.$threadId";
import * as unsubscribe from "~/routes/unsubscribe.$token";
import { createTestDatabase } from "../support/db";
import { answerOf, cookieFor as cookieForUser, get, post, routeContext } from "../support/routes";
import { addFoundationMember, addOrganisationMember, createOrganisation, createUser, fundOrganisation } from "../support/factories";
import { createCohortWorld } from "../support/learning-factories";

let database: Database;
let context: AppContext;

beforeAll(async () => {
  database = await createTestDatabase();
  context = routeContext(database);
});
afterAll(async () => {
  await database?.close();
});

const cookieFor = (userId: string) => cookieForUser(context, userId);
const statusOf = async (run: () => Promise<unknown>) => (await answerOf(run)).status;

type Args = { request: Request; context: AppContext; params: Record<string, string> };
const call = (fn: (args: never) => Promise<unknown>, args: Args) => () => fn(args as never);

describe("cohort isolation at the HTTP boundary", () => {
  it("denies members of cohort A, and everyone else, every page and action of cohort B whatever the URL", async () => {
    const a = await createCohortWorld(database.db);
    const b = await createCohortWorld(database.db);
    const threadB = await createThread(database.db, (await b.access(b.staff.id))!, "B's thread", "Only for B");
    const postB = (await getThread(database.db, (await b.access(b.staff.id))!, threadB))!.posts[0].id;
    const threadA = await createThread(database.db, (await a.access(a.staff.id))!, "A's thread", "Only for A");

    const outsider = await createUser(database.db);
    await addOrganisationMember(database.db, outsider.id, (await createOrganisation(database.db)).id, "director");
    const foundationStaffOfB = await createUser(database.db);
    await addFoundationMember(database.db, foundationStaffOfB.id, b.foundation.id, "staff");

    const B = { cohortId: b.cohortId, sessionId: b.sessionId, threadId: threadB };
    // Mixed URLs: A's cohort with B's objects.
    const mixed = { cohortId: a.cohortId, sessionId: b.sessionId, threadId: threadB };
    const base = (p: typeof B) => `/cohorts/${p.cohortId}`;

    for (const intruder of [a.staff, a.director, a.officer, outsider, foundationStaffOfB]) {
      const cookie = await cookieFor(intruder.id);
      for (const p of intruder.id === a.staff.id || intruder.id === a.officer.id || intruder.id === a.director.id ? [B, mixed] : [B]) {
        const pages: [(args: never) => Promise<unknown>, string][] = [
          [overview.loader, base(p)],
          [sessionPage.loader, `${base(p)}/sessions/${p.sessionId}`],
          [icsFile.loader, `${base(p)}/sessions/${p.sessionId}.ics`],
          [threadPage.loader, `${base(p)}/discussion/${p.threadId}`],
        ];
        for (const [loader, path] of pages) {
          if (p === mixed && loader === overview.loader) continue; // A's own overview is theirs to see.
          expect(await statusOf(call(loader, { request: get(path, cookie), context, params: p })), `${intruder.name} GET ${path}`).toBe(404);
        }
        const actions: [(args: never) => Promise<unknown>, string, Record<string, string | string[]>][] = [
          [overview.action, base(p), { intent: "thread", title: "Hi", body: "Intrusion" }],
          [overview.action, base(p), { intent: "session", title: "X", date: "2030-05-01", time: "10:00", timeZone: "UTC", duration: "60" }],
          [overview.action, base(p), { intent: "invite", organisationId: a.organisation.id }],
          [overview.action, base(p), { intent: "accept", organisationId: b.organisation.id }],
          [overview.action, base(p), { intent: "add-member", organisationId: b.organisation.id, userId: intruder.id }],
          [overview.action, base(p), { intent: "pin", target: "practice:collegial-support", note: "x" }],
          [sessionPage.action, `${base(p)}/sessions/${p.sessionId}`, { intent: "rsvp", response: "yes" }],
          [sessionPage.action, `${base(p)}/sessions/${p.sessionId}`, { intent: "attendance", attended: [intruder.id] }],
          [threadPage.action, `${base(p)}/discussion/${p.threadId}`, { intent: "reply", body: "Intrusion" }],
          [threadPage.action, `${base(p)}/discussion/${p.threadId}`, { intent: "edit", postId: postB, version: "1", body: "Intrusion" }],
          [threadPage.action, `${base(p)}/discussion/${p.threadId}`, { intent: "hide", postId: postB }],
        ];
        for (const [action, path, fields] of actions) {
          if (p === mixed && action === overview.action) continue;
          expect(
            await statusOf(call(action, { request: post(path, cookie, fields), context, params: p })),
            `${intruder.name} POST ${path} ${String(fields.intent)}`,
          ).toBe(404);
        }
      }
    }
    // Nothing of B changed.
    const after = (await getThread(database.db, (await b.access(b.staff.id))!, threadB))!;
    expect(after.posts.map((x) => [x.body, x.hidden_at])).toEqual([["Only for B", null]]);
    expect(await database.db.selectFrom("cohort_thread").select("id").where("cohort_id", "=", b.cohortId).execute()).toHaveLength(1);
    expect(await database.db.selectFrom("session_rsvp").select("user_id").where("session_id", "=", b.sessionId).execute()).toHaveLength(0);

    // Anonymous visitors are sent to log in; the members of A do reach A.
    expect(await statusOf(call(overview.loader, { request: get(base(B)), context, params: B }))).toBe(302);
    const member = await cookieFor(a.staff.id);
    expect(
      await statusOf(
        call(threadPage.loader, {
          request: get(`/cohorts/${a.cohortId}/discussion/${threadA}`, member),
          context,
          params: { cohortId: a.cohortId, threadId: threadA },
        }),
      ),
    ).toBe(200);
    const ics = await icsFile.loader({ request: get(`/x`, member), context, params: { cohortId: a.cohortId, sessionId: a.sessionId } } as never);
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    const text = await ics.text();
    expect(text).toContain("SUMMARY:Naming STS");
    expect(text).toContain("DTSTART;TZID=Europe/London:20300302T150000");
  });
});

describe("inviting to a cohort from a long portfolio", () => {
  it("lists the first matches by name with a search, never every funded organisation", async () => {
    const world = await createCohortWorld(database.db);
    for (let n = 1; n <= 60; n++) {
      const o = await createOrganisation(database.db, `Grantee ${String(n).padStart(2, "0")} ${world.foundation.id.slice(0, 8)}`);
      await fundOrganisation(database.db, world.foundation.id, o.id);
    }
    const params = { cohortId: world.cohortId };
    const cookie = await cookieFor(world.officer.id);
    const page = await overview.loader({ request: get(`/cohorts/${world.cohortId}`, cookie), context, params } as never);
    expect(page.invitable.total).toBe(60);
    expect(page.invitable.rows).toHaveLength(INVITABLE_SHOWN);
    expect(page.invitable.rows[0].name).toMatch(/^Grantee 01 /);
    const found = await overview.loader({ request: get(`/cohorts/${world.cohortId}?find=grantee+5`, cookie), context, params } as never);
    expect(found.invitable.rows.map((o) => o.name.slice(0, 10))).toEqual([
      "Grantee 50",
      "Grantee 51",
      "Grantee 52",
      "Grantee 53",
      "Grantee 54",
      "Grantee 55",
      "Grantee 56",
      "Grantee 57",
      "Grantee 58",
      "Grantee 59",
    ]);
    expect(found.invitable).toMatchObject({ total: 10, find: "grantee 5" });
  });
});

describe("one-click unsubscribe", () => {
  it("works without logging in, and refuses a forged link", async () => {
    const user = await createUser(database.db);
    const token = unsubscribeToken(context.secret, user.id, "session_reminders");
    expect(await statusOf(() => unsubscribe.loader({ request: get(`/unsubscribe/${token}`), context, params: { token } } as never))).toBe(200);
    expect(await getEmailPreferences(database.db, user.id)).toMatchObject({ session_reminders: false, weekly_digest: true });
    const forged = unsubscribeToken("not-the-secret", user.id, "weekly_digest");
    expect(await statusOf(() => unsubscribe.loader({ request: get(`/unsubscribe/${forged}`), context, params: { token: forged } } as never))).toBe(404);
    expect((await getEmailPreferences(database.db, user.id)).weekly_digest).toBe(true);
  });
});

describe("demo seed", () => {
  it("gives the demo foundation two cohorts with past and upcoming sessions, pins and a lively discussion, Riverside in both", async () => {
    const fresh = await createTestDatabase();
    try {
      expect(await seedDemoIfEmpty(fresh.db)).toBe(true);
      const cohorts = await fresh.db.selectFrom("cohort").select(["id", "name"]).execute();
      expect(cohorts).toHaveLength(2);
      const now = new Date();
      for (const c of cohorts) {
        const sessions = await fresh.db.selectFrom("cohort_session").select("starts_at").where("cohort_id", "=", c.id).execute();
        expect(sessions.some((s) => s.starts_at < now)).toBe(true);
        expect(sessions.some((s) => s.starts_at > now)).toBe(true);
        expect((await fresh.db.selectFrom("cohort_pin").select("id").where("cohort_id", "=", c.id).execute()).length).toBeGreaterThan(0);
      }
      const posts = await fresh.db.selectFrom("cohort_post").select(["author_id", "hidden_at"]).execute();
      expect(posts.length).toBeGreaterThanOrEqual(10);
      expect(new Set(posts.map((p) => p.author_id)).size).toBeGreaterThanOrEqual(4);
      const riverside = await fresh.db
        .selectFrom("cohort_member")
        .innerJoin("app_user", "app_user.id", "cohort_member.user_id")
        .select(["app_user.email", "cohort_member.cohort_id"])
        .where("app_user.email", "in", ["director@demo.test", "member@demo.test"])
        .execute();
      expect(new Set(riverside.map((r) => r.email))).toEqual(new Set(["director@demo.test", "member@demo.test"]));
      expect(new Set(riverside.map((r) => r.cohort_id)).size).toBe(2);
    } finally {
      await fresh.close();
    }
  });
});
