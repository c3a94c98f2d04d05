import { afterAll, describe, expect, it } from "vitest";
import { extractText, getDocumentProxy } from "unpdf";
import type { Kysely } from "kysely";
import type { DB } from "#db/schema";
import { createBriefPool } from "~/pdf/pool.server";
import { cohortBriefData, foundationBriefData, organisationPlanBriefData } from "~/domain/briefs.server";
import { acceptCohortInvitation, inviteOrganisation } from "~/domain/cohorts.server";
import { setSharing } from "~/domain/continuum.server";
import { createTestDatabase } from "../support/db";
import { DomainError } from "~/domain/errors";
import { addFoundationMember, addOrganisationMember, callerOf, createOrganisation, createUser, fundOrganisation } from "../support/factories";
import { createCohortWorld, cohortAccessOf } from "../support/learning-factories";
import { finishedAssessment, respondent } from "../support/continuum-factories";
import { addPlanLines, createGrantRow, createLine } from "../support/grants-factories";

const database = await createTestDatabase();
const db = database.db;
const pool = createBriefPool({ threads: 1, timeoutMs: 60_000, priority: "normal" });
afterAll(async () => {
  await pool.close();
  await database.close();
});
const now = new Date("2026-11-25T09:00:00Z");

async function pdfText(data: Parameters<typeof pool.render>[0]) {
  const pdf = await pool.render(data);
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: true });
  return text;
}

/** A cohort with `count` more accepted organisations, each with a finished self-assessment at `competence`; `sharing` of them share. */
async function cohortWithOrganisations(count: number, sharing: number) {
  const world = await createCohortWorld(db);
  const organisations: { id: string; name: string; director: string }[] = [];
  for (let i = 0; i < count; i++) {
    const name = `Marker Org ${i} ${Math.random().toString(36).slice(2, 8)}`;
    const org = await createOrganisation(db, name);
    await fundOrganisation(db, world.foundation.id, org.id);
    const director = await createUser(db);
    await addOrganisationMember(db, director.id, org.id, "director");
    await inviteOrganisation(db, (await world.access(world.officer.id))!, org.id, async () => {});
    await acceptCohortInvitation(db, (await cohortAccessOf(db, director.id, world.cohortId))!, org.id);
    await finishedAssessment(db, { organisationId: org.id, actorId: director.id, stage: i % 2 ? "proficiency" : "competence" });
    if (i < sharing) await setSharing(db, await callerOf(db, director.id, org.id), { foundationId: world.foundation.id, share: true });
    organisations.push({ id: org.id, name, director: director.id });
  }
  const line = await createLine(db, world.foundation.id);
  const grant = await createGrantRow(db, line, organisations[0]?.id ?? world.organisation.id, { proposedCents: 1_000_000_00 });
  await addPlanLines(db, grant.id, [
    { pillar: "supervision", purpose: "prevention", amountCents: 12_345_00 },
    { pillar: "peer_support", purpose: "education", amountCents: 5_000_00 },
  ]);
  return { world, organisations };
}

describe("cohort brief", () => {
  it("below the minimum group size, leaves the continuum distribution out and names no organisation", async () => {
    const { world, organisations } = await cohortWithOrganisations(5, 4);
    const data = await cohortBriefData(db, (await world.access(world.officer.id))!, { viewerId: world.officer.id, locale: "en", now });
    expect(data.continuum).toBeNull();
    const text = await pdfText(data);
    expect(text).toContain("Fewer than 5 member organisations have shared");
    expect(text).not.toContain("Where member organisations place themselves\n5");
    for (const o of organisations) expect(text).not.toContain(o.name);
    expect(text).toContain("$12,345.00");
    expect(text).toContain("Naming STS");
  });

  it("at the minimum group size, shows counts per pillar and stage, still with no organisation named", async () => {
    const { world, organisations } = await cohortWithOrganisations(6, 5);
    const data = await cohortBriefData(db, (await world.access(world.officer.id))!, { viewerId: world.officer.id, locale: "en", now });
    expect(data.continuum?.organisations).toBe(5);
    // Organisations 0, 2, 4 at competence and 1, 3 at proficiency; the sixth does not share.
    expect(data.continuum?.byPillar.leadership).toEqual({ blindness: 0, pre_competence: 0, competence: 3, proficiency: 2 });
    expect(JSON.stringify(data)).not.toMatch(/Marker Org/);
    for (const o of organisations) expect(JSON.stringify(data)).not.toContain(o.id);
    const text = await pdfText(data);
    expect(text).toContain("5 member organisations chose to share their journey");
    for (const o of organisations) expect(text).not.toContain(o.name);

    // Each included organisation sees the read in its log; the one that does not share does not.
    const reads = await db
      .selectFrom("audit_event")
      .select("organisation_id")
      .where("object_type", "=", "cohort_brief")
      .where("object_id", "=", world.cohortId)
      .execute();
    expect(reads.map((r) => r.organisation_id).sort()).toEqual(
      organisations
        .slice(0, 5)
        .map((o) => o.id)
        .sort(),
    );
  });

  // Organisations (not people) moving between briefs: the cohort brief follows each one's latest shared
  // assessment. The group is of organisations that chose to share, so no person's answer is exposed by it.
  it("counts each organisation once, at its latest finished self-assessment, and logs one read for it", async () => {
    const { world, organisations } = await cohortWithOrganisations(5, 5);
    const later = new Date(Date.now() + 60_000);
    await finishedAssessment(db, { organisationId: organisations[0].id, actorId: organisations[0].director, stage: "blindness", now: later });
    const data = await cohortBriefData(db, (await world.access(world.officer.id))!, { viewerId: world.officer.id, locale: "en", now });
    expect(data.continuum?.organisations).toBe(5);
    // Organisation 0 moved from competence to blindness; 2 and 4 stay at competence, 1 and 3 at proficiency.
    expect(data.continuum?.byPillar.workload).toEqual({ blindness: 1, pre_competence: 0, competence: 2, proficiency: 2 });
    const reads = await db
      .selectFrom("audit_event")
      .select("organisation_id")
      .where("object_type", "=", "cohort_brief")
      .where("object_id", "=", world.cohortId)
      .execute();
    expect(reads.map((r) => r.organisation_id).sort()).toEqual(organisations.map((o) => o.id).sort());
  });

  it("a revocation takes effect on the next brief", async () => {
    const { world, organisations } = await cohortWithOrganisations(5, 5);
    const access = (await world.access(world.officer.id))!;
    expect((await cohortBriefData(db, access, { viewerId: world.officer.id, locale: "en", now })).continuum).not.toBeNull();
    await setSharing(db, await callerOf(db, organisations[0].director, organisations[0].id), { foundationId: world.foundation.id, share: false });
    expect((await cohortBriefData(db, access, { viewerId: world.officer.id, locale: "en", now })).continuum).toBeNull();
  });

  it("is refused to a cohort member who is not a facilitator", async () => {
    const { world } = await cohortWithOrganisations(0, 0);
    await expect(cohortBriefData(db, (await world.access(world.staff.id))!, { viewerId: world.staff.id, locale: "en", now })).rejects.toMatchObject({
      status: 403,
    });
  });
});

async function organisationWithPlan(d: Kysely<DB>) {
  const world = await createCohortWorld(d);
  const line = await createLine(d, world.foundation.id, { name: "Línea de mejora" });
  const grant = await createGrantRow(d, line, world.organisation.id, { title: "Asylum casework 2026", proposedCents: 500_000_00 });
  await addPlanLines(d, grant.id, [{ pillar: "workload", purpose: "prevention", amountCents: 20_000_00, description: "Caseload review" }]);
  await finishedAssessment(d, { organisationId: world.organisation.id, actorId: world.director.id, stage: "pre_competence" });
  return world;
}

describe("organisation plan brief", () => {
  it("carries the grants, allowances and plans, and the journey only when the director chooses it", async () => {
    const world = await organisationWithPlan(db);
    const asDirector = await callerOf(db, world.director.id, world.organisation.id);
    const without = await organisationPlanBriefData(db, asDirector, { includeJourney: false, locale: "en", now });
    expect(without.journey).toBeNull();
    const plain = await pdfText(without);
    expect(plain).toContain("Asylum casework 2026");
    expect(plain).toContain("Línea de mejora");
    expect(plain).toContain("$50,000.00"); // 10% of $500,000
    expect(plain).toContain("Caseload review");
    expect(plain).not.toContain("Our continuum journey");
    expect(plain).not.toContain("Pre-competence");

    const withJourney = await pdfText(await organisationPlanBriefData(db, asDirector, { includeJourney: true, locale: "en", now }));
    expect(withJourney).toContain("Our continuum journey");
    expect(withJourney).toContain("Pre-competence");
  });

  it("is for the organisation's director only: staff and a foundation's officer get a 403 and no data", async () => {
    const world = await organisationWithPlan(db);
    const staff = await createUser(db);
    await addOrganisationMember(db, staff.id, world.organisation.id, "staff");
    for (const caller of [await callerOf(db, staff.id, world.organisation.id), await callerOf(db, world.officer.id, world.foundation.id)]) {
      const answer = await organisationPlanBriefData(db, caller, { includeJourney: true, locale: "en", now }).catch((e: unknown) => e);
      expect(answer).toBeInstanceOf(DomainError);
      expect((answer as DomainError).status).toBe(403);
    }
  });
});

describe("foundation brief", () => {
  // CURRENT BEHAVIOUR, NOT THE PRINCIPLE: the brief's figures change as soon as the fifth person answers,
  // so two briefs a day apart subtract to one person's answers. When the foundation self-assessment runs in
  // rounds (issue #24), this must assert the opposite: no figures while a round is open, fixed once it closes.
  it("shows the staff aggregate only from the minimum group size, like the page (current behaviour until rounds, #24)", async () => {
    const world = await createCohortWorld(db);
    const admin = await createUser(db);
    await addFoundationMember(db, admin.id, world.foundation.id, "admin");
    const asAdmin = await callerOf(db, admin.id, world.foundation.id);
    for (let i = 0; i < 4; i++) await respondent(db, { foundationId: world.foundation.id, stage: "competence", now });
    const four = await foundationBriefData(db, asAdmin, { year: 2026, locale: "en", now });
    expect(four.staffAssessment.respondents).toBeNull();
    expect(four.staffAssessment.questions.every((q) => q.counts === null)).toBe(true);
    expect(await pdfText(four)).toContain("Not enough responses yet for 2026");

    await respondent(db, { foundationId: world.foundation.id, stage: "competence", now });
    const five = await foundationBriefData(db, asAdmin, { year: 2026, locale: "en", now });
    expect(five.staffAssessment.respondents).toBe(5);
    expect(five.staffAssessment.questions[0].counts?.competence).toBe(5);
    expect(await pdfText(five)).toContain("5 people answered in 2026");
  });

  it("is for the foundation's admins only: its officer and an organisation's director get a 403 and no data", async () => {
    const world = await createCohortWorld(db);
    for (const caller of [await callerOf(db, world.officer.id, world.foundation.id), await callerOf(db, world.director.id, world.organisation.id)]) {
      const answer = await foundationBriefData(db, caller, { year: 2026, locale: "en", now }).catch((e: unknown) => e);
      expect(answer).toBeInstanceOf(DomainError);
      expect((answer as DomainError).status).toBe(403);
    }
  });
});
