import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Database } from "#db/client";
import {
  getAssessment,
  getDraft,
  listJourney,
  listJourneyViews,
  listSharing,
  readSharedJourney,
  saveAssessment,
  setSharing,
  setStaffInvited,
  startAssessment,
} from "~/domain/continuum.server";
import { DomainError } from "~/domain/errors";
import { asOwner, createTestDatabase } from "../support/db";
import { addFoundationMember, addOrganisationMember, callerOf, createFoundation, createOrganisation, createUser, fundOrganisation } from "../support/factories";
import { answersAt, finishedAssessment } from "../support/continuum-factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** The caller `userId` is when acting for `tenantId`. */
const as = (userId: string, tenantId: string) => callerOf(database.db, userId, tenantId);

async function organisationWithDirector() {
  const organisation = await createOrganisation(database.db);
  const director = await createUser(database.db, { name: "Dana Director" });
  await addOrganisationMember(database.db, director.id, organisation.id, "director");
  return { organisation, director };
}

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a refusal");
}

describe("continuum self-assessment", () => {
  it("saves a draft as it goes, and a stale save conflicts instead of overwriting", async () => {
    const { organisation, director } = await organisationWithDirector();
    const id = await startAssessment(database.db, await as(director.id, organisation.id));
    expect(await startAssessment(database.db, await as(director.id, organisation.id))).toBe(id); // one draft at a time
    const first = await saveAssessment(database.db, await as(director.id, organisation.id), id, {
      answers: answersAt(null, { leadership: "pre_competence" }),
      reflection: "Started talking about it",
      nextSteps: "",
      version: 1,
    });
    expect(first.version).toBe(2);
    const stale = await refusal(
      saveAssessment(database.db, await as(director.id, organisation.id), id, {
        answers: answersAt("proficiency"),
        reflection: "Someone else",
        nextSteps: "",
        version: 1,
      }),
    );
    expect(stale).toBeInstanceOf(DomainError);
    expect((stale as DomainError).status).toBe(409);
    const saved = await getAssessment(database.db, await as(director.id, organisation.id), id);
    expect(saved.reflection).toBe("Started talking about it");
    expect(saved.answers.leadership.stage).toBe("pre_competence");
    expect(saved.answers.workload.stage).toBeNull();
  });

  // A stage for any one pillar is enough (docs/decisions/0076-not-prescriptive.md; tests/integration/not-prescriptive.test.ts).
  it("refuses to finish without a stage for any pillar, and writes nothing", async () => {
    const { organisation, director } = await organisationWithDirector();
    const id = await startAssessment(database.db, await as(director.id, organisation.id));
    const e = await refusal(
      saveAssessment(database.db, await as(director.id, organisation.id), id, {
        answers: answersAt(null),
        reflection: "Almost",
        nextSteps: "",
        version: 1,
        finish: true,
      }),
    );
    expect((e as DomainError).field).toBe("stage_leadership");
    const saved = await getAssessment(database.db, await as(director.id, organisation.id), id);
    expect(saved.status).toBe("draft");
    expect(saved.reflection).toBe("");
  });

  it("keeps a finished assessment as it was: neither the rules nor the database change it", async () => {
    const { organisation, director } = await organisationWithDirector();
    const id = await finishedAssessment(database.db, { organisationId: organisation.id, actorId: director.id, stage: "competence" });
    const e = await refusal(
      saveAssessment(database.db, await as(director.id, organisation.id), id, {
        answers: answersAt("proficiency"),
        reflection: "",
        nextSteps: "",
        version: 2,
      }),
    );
    expect((e as DomainError).message).toBe("continuum.alreadyFinished");
    await expect(
      asOwner(database.db, (o) => o.updateTable("continuum_pillar_answer").set({ stage: "proficiency" }).where("assessment_id", "=", id).execute()),
    ).rejects.toThrow(/kept as it was/);
    await expect(
      asOwner(database.db, (o) => o.updateTable("continuum_assessment").set({ reflection: "changed" }).where("id", "=", id).execute()),
    ).rejects.toThrow(/kept as it was/);
    // A new one marks a new point in time.
    const next = await startAssessment(database.db, await as(director.id, organisation.id));
    expect(next).not.toBe(id);
  });

  it("is not reachable through another organisation's id", async () => {
    const a = await organisationWithDirector();
    const b = await organisationWithDirector();
    const id = await startAssessment(database.db, await as(a.director.id, a.organisation.id));
    const e = await refusal(getAssessment(database.db, await as(b.director.id, b.organisation.id), id));
    expect((e as DomainError).status).toBe(404);
  });

  it("lists the journey oldest first, per pillar", async () => {
    const { organisation, director } = await organisationWithDirector();
    await finishedAssessment(database.db, {
      organisationId: organisation.id,
      actorId: director.id,
      stage: "pre_competence",
      now: new Date("2025-03-01T10:00:00Z"),
    });
    await finishedAssessment(database.db, {
      organisationId: organisation.id,
      actorId: director.id,
      stage: "competence",
      overrides: { leadership: "proficiency" },
      now: new Date("2026-02-01T10:00:00Z"),
    });
    const journey = await listJourney(database.db, await as(director.id, organisation.id));
    expect(journey.map((p) => p.answers.leadership.stage)).toEqual(["pre_competence", "proficiency"]);
    expect(journey.map((p) => p.answers.workload.stage)).toEqual(["pre_competence", "competence"]);
  });
});

describe("staff contributions", () => {
  it("are possible only on a draft the director invited staff to, and staff never finish", async () => {
    const { organisation, director } = await organisationWithDirector();
    const staff = await createUser(database.db);
    await addOrganisationMember(database.db, staff.id, organisation.id, "staff");
    const asDirector = await as(director.id, organisation.id);
    const asStaff = await as(staff.id, organisation.id);
    const id = await startAssessment(database.db, asDirector);
    const draft = { answers: answersAt("competence"), reflection: "From staff", nextSteps: "" };
    const uninvited = await refusal(saveAssessment(database.db, asStaff, id, { ...draft, version: 1 }));
    expect((uninvited as DomainError).status).toBe(404);
    // Nor do staff see the draft before they are invited to it.
    expect(await getDraft(database.db, asStaff)).toBeUndefined();
    expect(((await refusal(getAssessment(database.db, asStaff, id))) as DomainError).status).toBe(404);

    await setStaffInvited(database.db, asDirector, id, true);
    expect((await getDraft(database.db, asStaff))?.id).toBe(id);
    expect((await getAssessment(database.db, asStaff, id)).id).toBe(id);
    const saved = await saveAssessment(database.db, asStaff, id, { ...draft, version: 1 });
    expect(saved.version).toBe(2);
    const finishing = await refusal(saveAssessment(database.db, asStaff, id, { ...draft, version: 2, finish: true }));
    expect((finishing as DomainError).status).toBe(403);
    expect((await getAssessment(database.db, asDirector, id)).status).toBe("draft");

    await setStaffInvited(database.db, asDirector, id, false);
    const withdrawn = await refusal(saveAssessment(database.db, asStaff, id, { ...draft, version: 2 }));
    expect((withdrawn as DomainError).status).toBe(404);
    expect(await getDraft(database.db, asStaff)).toBeUndefined();
    // The director sees the draft whether staff are invited or not.
    expect((await getDraft(database.db, asDirector))?.id).toBe(id);
  });

  it("refuse, with a 403 and nothing read or written, whoever lacks the permission", async () => {
    const { organisation, director } = await organisationWithDirector();
    const staff = await createUser(database.db);
    await addOrganisationMember(database.db, staff.id, organisation.id, "staff");
    const asStaff = await as(staff.id, organisation.id);
    const funder = await createFoundation(database.db);
    await fundOrganisation(database.db, funder.id, organisation.id);
    const funderStaff = await createUser(database.db);
    await addFoundationMember(database.db, funderStaff.id, funder.id, "staff");
    const officer = await createUser(database.db);
    await addFoundationMember(database.db, officer.id, funder.id, "program_officer");
    const id = await finishedAssessment(database.db, { organisationId: organisation.id, actorId: director.id, stage: "competence" });
    await setSharing(database.db, await as(director.id, organisation.id), { foundationId: funder.id, share: true });
    const status = async (p: Promise<unknown>) => ((await refusal(p)) as DomainError).status;
    // Organisation staff: not the journey, not starting, not inviting, not sharing.
    expect(await status(listJourney(database.db, asStaff))).toBe(403);
    expect(await status(startAssessment(database.db, asStaff))).toBe(403);
    expect(await status(setStaffInvited(database.db, asStaff, id, true))).toBe(403);
    expect(await status(listSharing(database.db, asStaff))).toBe(403);
    expect(await status(setSharing(database.db, asStaff, { foundationId: funder.id, share: false }))).toBe(403);
    expect(await status(listJourneyViews(database.db, asStaff))).toBe(403);
    // A foundation's caller never reaches the organisation's own assessments, and its staff not even a shared journey.
    const asOfficer = await as(officer.id, funder.id);
    expect(await status(getAssessment(database.db, asOfficer, id))).toBe(403);
    expect(await status(listJourney(database.db, asOfficer))).toBe(403);
    expect(await status(readSharedJourney(database.db, await as(funderStaff.id, funder.id), organisation.id))).toBe(403);
    // And the director, acting for the organisation, does not read it as a foundation would.
    expect(await status(readSharedJourney(database.db, await as(director.id, organisation.id), organisation.id))).toBe(403);
    const views = await database.db
      .selectFrom("audit_event")
      .select("id")
      .where("organisation_id", "=", organisation.id)
      .where("action", "=", "continuum.journey_viewed")
      .execute();
    expect(views).toEqual([]);
    expect((await listSharing(database.db, await as(director.id, organisation.id))).map((x) => x.sharedSince !== null)).toEqual([true]);
  });
});

describe("sharing the journey (private by default, consent, revocable)", () => {
  async function scenario() {
    const { organisation, director } = await organisationWithDirector();
    const funder = await createFoundation(database.db);
    const other = await createFoundation(database.db);
    await fundOrganisation(database.db, funder.id, organisation.id);
    await fundOrganisation(database.db, other.id, organisation.id);
    const stranger = await createFoundation(database.db);
    const officer = await createUser(database.db, { name: "Olu Officer" });
    for (const f of [funder, other, stranger]) await addFoundationMember(database.db, officer.id, f.id, "program_officer");
    await finishedAssessment(database.db, { organisationId: organisation.id, actorId: director.id, stage: "competence", reflection: "Our private reflection" });
    return { organisation, director, funder, other, stranger, officer };
  }
  const auditCount = async (organisationId: string) =>
    Number(
      (
        await database.db
          .selectFrom("audit_event")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("organisation_id", "=", organisationId)
          .where("action", "=", "continuum.journey_viewed")
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("shows nothing to a funder until the director shares, and audits every read after", async () => {
    const s = await scenario();
    const before = await readSharedJourney(database.db, await as(s.officer.id, s.funder.id), s.organisation.id);
    expect(before).toEqual({ shared: false });
    expect(await auditCount(s.organisation.id)).toBe(0);

    await setSharing(database.db, await as(s.director.id, s.organisation.id), { foundationId: s.funder.id, share: true });
    const shared = await readSharedJourney(database.db, await as(s.officer.id, s.funder.id), s.organisation.id, new Date("2026-11-01T09:00:00Z"));
    expect(shared.shared).toBe(true);
    if (shared.shared) {
      expect(shared.journey[0].stages.leadership).toBe("competence");
      // Stages only: the organisation's notes and reflections stay with it.
      expect(JSON.stringify(shared.journey)).not.toContain("Our private reflection");
    }
    expect(await auditCount(s.organisation.id)).toBe(1);
    const log = await listJourneyViews(database.db, await as(s.director.id, s.organisation.id));
    expect(log.rows).toHaveLength(1);
    expect(log.rows[0]).toMatchObject({ viewer: "Olu Officer", foundation: s.funder.name });
    expect(log.rows[0].at.toISOString()).toBe("2026-11-01T09:00:00.000Z");
  });

  it("shows nothing to another foundation, funder or not", async () => {
    const s = await scenario();
    await setSharing(database.db, await as(s.director.id, s.organisation.id), { foundationId: s.funder.id, share: true });
    for (const foundation of [s.other, s.stranger]) {
      const r = await readSharedJourney(database.db, await as(s.officer.id, foundation.id), s.organisation.id);
      expect(r).toEqual({ shared: false });
    }
    expect(await auditCount(s.organisation.id)).toBe(0);
    // A foundation with no relationship cannot be given the journey either.
    const e = await refusal(setSharing(database.db, await as(s.director.id, s.organisation.id), { foundationId: s.stranger.id, share: true }));
    expect((e as DomainError).status).toBe(404);
  });

  it("hides the journey on the very next read after revocation", async () => {
    const s = await scenario();
    await setSharing(database.db, await as(s.director.id, s.organisation.id), { foundationId: s.funder.id, share: true });
    expect((await readSharedJourney(database.db, await as(s.officer.id, s.funder.id), s.organisation.id)).shared).toBe(true);
    await setSharing(database.db, await as(s.director.id, s.organisation.id), { foundationId: s.funder.id, share: false });
    expect(await readSharedJourney(database.db, await as(s.officer.id, s.funder.id), s.organisation.id)).toEqual({
      shared: false,
    });
    const sharing = await listSharing(database.db, await as(s.director.id, s.organisation.id));
    expect(sharing.map((x) => x.sharedSince)).toEqual([null, null]);
  });

  it("stops showing the journey when the foundation is no longer connected", async () => {
    const s = await scenario();
    await setSharing(database.db, await as(s.director.id, s.organisation.id), { foundationId: s.funder.id, share: true });
    await database.db.deleteFrom("grantee").where("foundation_id", "=", s.funder.id).where("organisation_id", "=", s.organisation.id).execute();
    expect(await readSharedJourney(database.db, await as(s.officer.id, s.funder.id), s.organisation.id)).toEqual({
      shared: false,
    });
  });

  it("records grants and revocations in the audit log", async () => {
    const s = await scenario();
    await setSharing(database.db, await as(s.director.id, s.organisation.id), { foundationId: s.funder.id, share: true });
    await setSharing(database.db, await as(s.director.id, s.organisation.id), { foundationId: s.funder.id, share: false });
    const actions = await database.db
      .selectFrom("audit_event")
      .select("action")
      .where("organisation_id", "=", s.organisation.id)
      .where("action", "like", "continuum.share%")
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["continuum.shared", "continuum.share_revoked"]);
  });
});

describe("no reporting burden", () => {
  it("gives assessments no due dates, reminders or overdue states", async () => {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema()
        and table_name in ('continuum_assessment', 'continuum_pillar_answer', 'continuum_share', 'foundation_self_assessment', 'foundation_self_assessment_invitation')`.execute(
      database.db,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r.column_name).not.toMatch(/due|remind|overdue|deadline|score|rating|grade/);
    const { rows: checks } = await sql<{ def: string }>`
      select pg_get_constraintdef(c.oid) as def from pg_constraint c
      join pg_class t on t.oid = c.conrelid
      where t.relname = 'continuum_assessment' and c.contype = 'c'`.execute(database.db);
    for (const c of checks) expect(c.def).not.toMatch(/overdue|due/);
  });
});
