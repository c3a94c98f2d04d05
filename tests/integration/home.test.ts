import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { DB } from "#db/schema";
import { homeAttention } from "~/domain/home.server";
import { callerFor, type Caller } from "~/domain/permissions.server";
import { asOwner, createTestDatabase } from "../support/db";
import { addFoundationMember, addOrganisationMember, callerOf, createFoundation, createOrganisation, createUser, fundOrganisation } from "../support/factories";
import { addPlanLines, createGrantRow, createLine } from "../support/grants-factories";

const database = await createTestDatabase();
const db = database.db;
afterAll(() => database.close());

const NOW = new Date("2027-03-01T12:00:00Z");
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

async function cohortOf(
  db: Kysely<DB>,
  foundationId: string,
  people: { members?: Array<{ userId: string; organisationId: string }>; facilitators?: string[] },
) {
  const cohort = await db
    .insertInto("cohort")
    .values({ foundation_id: foundationId, name: `Cohort ${Math.random()}`, purpose: "Learn together", starts_on: "2027-01-01", ends_on: "2027-12-31" })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const m of people.members ?? []) {
    await db
      .insertInto("cohort_organisation")
      .values({ cohort_id: cohort.id, organisation_id: m.organisationId })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await db.insertInto("cohort_member").values({ cohort_id: cohort.id, user_id: m.userId, organisation_id: m.organisationId }).execute();
  }
  for (const f of people.facilitators ?? []) await db.insertInto("cohort_facilitator").values({ cohort_id: cohort.id, user_id: f }).execute();
  return cohort.id;
}

const session = (cohortId: string, title: string, startsAt: Date) =>
  db.insertInto("cohort_session").values({ cohort_id: cohortId, title, starts_at: startsAt, duration_minutes: 60, time_zone: "Europe/Madrid" }).execute();

/** Foundation F funds A; G funds B. Each has an officer, an admin, a director and a staff member. */
async function world() {
  const f = await createFoundation(db);
  const g = await createFoundation(db);
  const a = await createOrganisation(db);
  const b = await createOrganisation(db);
  await fundOrganisation(db, f.id, a.id);
  await fundOrganisation(db, g.id, b.id);
  const person = async (tenant: string, kind: "foundation" | "organisation", role: string) => {
    const u = await createUser(db);
    if (kind === "foundation") await addFoundationMember(db, u.id, tenant, role as "admin");
    else await addOrganisationMember(db, u.id, tenant, role as "director");
    return { user: u, caller: await callerOf(db, u.id, tenant) };
  };
  return {
    f,
    g,
    a,
    b,
    officerF: await person(f.id, "foundation", "program_officer"),
    adminF: await person(f.id, "foundation", "admin"),
    staffF: await person(f.id, "foundation", "staff"),
    officerG: await person(g.id, "foundation", "program_officer"),
    directorA: await person(a.id, "organisation", "director"),
    staffA: await person(a.id, "organisation", "staff"),
    directorB: await person(b.id, "organisation", "director"),
  };
}

describe("what the home page says needs attention", () => {
  it("grants with STS money not yet planned: the foundation's own and the director's own, never another tenant's, never closed or fully planned", async () => {
    const w = await world();
    const lineF = await createLine(db, w.f.id, { allowanceBps: 1000 });
    const lineG = await createLine(db, w.g.id, { allowanceBps: 1000 });
    const open = await createGrantRow(db, lineF, w.a.id, { title: "Half planned", proposedCents: 100_000_00 });
    await addPlanLines(db, open.id, [{ pillar: "supervision", amountCents: 4_000_00 }]);
    const full = await createGrantRow(db, lineF, w.a.id, { title: "Fully planned", proposedCents: 50_000_00 });
    await addPlanLines(db, full.id, [{ pillar: "supervision", amountCents: 5_000_00 }]);
    await createGrantRow(db, lineF, w.a.id, { title: "Closed", status: "closed" });
    await createGrantRow(db, lineG, w.b.id, { title: "Another foundation's" });

    const officer = await homeAttention(db, w.officerF.caller, NOW);
    expect(officer.unplanned).toEqual({
      total: 1,
      grants: [{ id: open.id, title: "Half planned", party: w.a.name, allowanceCents: 10_000_00, plannedCents: 4_000_00 }],
    });
    const director = await homeAttention(db, w.directorA.caller, NOW);
    expect(director.unplanned?.grants.map((g) => [g.title, g.party])).toEqual([["Half planned", w.f.name]]);
    expect((await homeAttention(db, w.directorB.caller, NOW)).unplanned?.grants.map((g) => [g.title, g.party])).toEqual([["Another foundation's", w.g.name]]);
    expect((await homeAttention(db, w.officerG.caller, NOW)).unplanned?.grants.map((g) => g.title)).toEqual(["Another foundation's"]);
    // Staff neither plan nor read the portfolio.
    expect((await homeAttention(db, w.staffA.caller, NOW)).unplanned).toBeNull();
    expect((await homeAttention(db, w.staffF.caller, NOW)).unplanned).toBeNull();
  });

  it("sessions in the next two weeks and discussion of the last week, of the person's own cohorts only", async () => {
    const w = await world();
    const mine = await cohortOf(db, w.f.id, { members: [{ userId: w.staffA.user.id, organisationId: w.a.id }], facilitators: [w.officerF.user.id] });
    const theirs = await cohortOf(db, w.g.id, { members: [] });
    await session(mine, "Tomorrow", days(1));
    await session(mine, "In three weeks", days(21));
    await session(mine, "Yesterday", days(-1));
    await session(theirs, "Someone else's", days(2));
    await db
      .insertInto("cohort_thread")
      .values({ cohort_id: mine, title: "Fresh", last_post_at: days(-2) })
      .execute();
    await db
      .insertInto("cohort_thread")
      .values({ cohort_id: mine, title: "Stale", last_post_at: days(-30) })
      .execute();
    await db
      .insertInto("cohort_thread")
      .values({ cohort_id: theirs, title: "Not ours", last_post_at: days(-1) })
      .execute();

    for (const caller of [w.staffA.caller, w.officerF.caller]) {
      const seen = await homeAttention(db, caller, NOW);
      expect(seen.sessions.map((s) => s.title)).toEqual(["Tomorrow"]);
      expect(seen.threads.map((t) => t.title)).toEqual(["Fresh"]);
    }
    // A director sees the cohorts their organisation takes part in; B's was never invited.
    expect((await homeAttention(db, w.directorA.caller, NOW)).sessions.map((s) => s.title)).toEqual(["Tomorrow"]);
    expect((await homeAttention(db, w.directorB.caller, NOW)).sessions).toEqual([]);
    expect((await homeAttention(db, w.adminF.caller, NOW)).sessions).toEqual([]);
  });

  it("admins see what waits on them (members, open invitations, mail); others do not", async () => {
    const w = await world();
    const invite = (foundationId: string, expiresAt: Date, acceptedAt: Date | null = null) =>
      db
        .insertInto("invitation")
        .values({
          token_hash: randomBytes(32).toString("hex"),
          email: `${randomBytes(4).toString("hex")}@example.org`,
          foundation_id: foundationId,
          role: "staff",
          expires_at: expiresAt,
          accepted_at: acceptedAt,
        })
        .execute();
    await invite(w.f.id, days(3));
    await invite(w.f.id, days(-1));
    await invite(w.f.id, days(3), days(-1));
    await invite(w.g.id, days(3));
    const admin = await homeAttention(db, w.adminF.caller, NOW);
    expect(admin.admin).toEqual({ members: 3, pendingInvitations: 1, queuedMail: 0, failedMail: 0 });
    expect((await homeAttention(db, w.officerF.caller, NOW)).admin).toBeNull();
  });

  it("a self-assessment in progress: the director sees their draft; staff only once invited to it", async () => {
    const w = await world();
    const draft = await asOwner(db, (o) =>
      o.insertInto("continuum_assessment").values({ organisation_id: w.a.id, started_by: w.directorA.user.id }).returning("id").executeTakeFirstOrThrow(),
    );
    expect((await homeAttention(db, w.directorA.caller, NOW)).draftAssessmentId).toBe(draft.id);
    expect((await homeAttention(db, w.staffA.caller, NOW)).draftAssessmentId).toBeNull();
    await asOwner(db, (o) => o.updateTable("continuum_assessment").set({ staff_invited: true }).where("id", "=", draft.id).execute());
    expect((await homeAttention(db, w.staffA.caller, NOW)).draftAssessmentId).toBe(draft.id);
    expect((await homeAttention(db, w.directorB.caller, NOW)).draftAssessmentId).toBeNull();
  });

  it("answers only a caller made from a stored membership", async () => {
    const w = await world();
    const forged = { userId: w.officerF.user.id, membership: w.officerF.caller.membership } as unknown as Caller;
    await expect(homeAttention(db, forged, NOW)).rejects.toThrow();
    expect(callerFor(w.officerF.user.id, w.officerF.caller.membership)).toBeTruthy();
  });
});
