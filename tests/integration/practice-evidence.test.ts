import { afterAll, describe, expect, it } from "vitest";
import * as aboutPage from "~/routes/practices.about";
import * as practicePage from "~/routes/practices.$practiceId";
import { FIELD_STUDY } from "~/domain/evidence";
import { countPracticesByTier, getPracticeEvidence, listPractices } from "~/domain/practices.server";
import { PRACTICES } from "#db/seed/practices";
import { up as mergeAdvocacy, MERGED_PRACTICE } from "#db/migrations/0067_merge_advocacy_practice";
import { createTestDatabase, asOwner } from "../support/db";
import { answerOf, cookieFor, get, routeContext } from "../support/routes";
import { createOrganisation, createUser, addOrganisationMember, createFoundation, fundOrganisation } from "../support/factories";
import { addPlanLines, createGrantRow, createLine } from "../support/grants-factories";
import { createCohortWorld } from "../support/learning-factories";

const database = await createTestDatabase();
const db = database.db;
const context = routeContext(database);
afterAll(() => database.close());

async function viewer() {
  const user = await createUser(db);
  await addOrganisationMember(db, user.id, (await createOrganisation(db)).id, "staff");
  return cookieFor(context, user.id);
}

describe("the evidence behind the library, as stored", () => {
  it("holds every practice with the study's citations in order, a finding, a tier and pillars marked as our reading", async () => {
    const stored = await listPractices(db, {}, 1, 100);
    expect(stored.rows.map((p) => p.id).sort()).toEqual(PRACTICES.map((p) => p.id).sort());
    for (const seed of PRACTICES) {
      const p = (await getPracticeEvidence(db, seed.id))!;
      expect(p.tier, seed.id).toBe(seed.tier);
      expect(p.finding, seed.id).toBe(seed.finding);
      expect(p.tier_note, seed.id).toBe(seed.tierNote);
      expect(p.pillars_are_reading, seed.id).toBe(true);
      expect(p.level_is_reading, seed.id).toBe(seed.levelIsReading);
      expect(
        p.citations.map((c) => [c.kind, c.authors, c.year, c.source_tier, c.note]),
        seed.id,
      ).toEqual(seed.citations.map((c) => [c.kind, c.authors ?? null, c.year ?? null, c.sourceTier ?? null, c.note ?? null]));
      expect(p.citations.length, seed.id).toBeGreaterThan(0);
    }
    expect(await getPracticeEvidence(db, "advocacy-work")).toBeUndefined();
    // Search still finds a practice by a co-citation.
    expect((await listPractices(db, { q: "Coetzee" })).rows.map((p) => p.id)).toEqual(["collegial-support"]);
  });

  it("shows on each practice page what the study found, its sources, and what is our reading", async () => {
    const cookie = await viewer();
    const data = await practicePage.loader({
      request: get("/practices/social-support", cookie),
      context,
      params: { practiceId: "social-support" },
    } as never);
    const p = data.practice;
    expect(p.finding).toMatch(/family and friends/);
    expect(p.pillars).not.toContain("peer_support");
    expect([p.pillars_are_reading, p.level_is_reading]).toEqual([true, false]);
    expect(p.citations.map((c) => `${c.authors} ${c.year} ${c.source_tier}`)).toContain("Hensel, Ruiz, Finney & Dewa 2015 best");
    const schedules = (await getPracticeEvidence(db, "improved-schedules"))!;
    expect(schedules.citations).toEqual([
      { kind: "study", authors: null, year: null, source_tier: null, note: "Summary of the literature review: best-practice organisational interventions." },
    ]);
    expect(schedules.citation).toBe(`${FIELD_STUDY.title} (${FIELD_STUDY.year})`);
    expect(
      (
        await answerOf(() =>
          practicePage.loader({ request: get("/practices/advocacy-work", cookie), context, params: { practiceId: "advocacy-work" } } as never),
        )
      ).status,
    ).toBe(404);
  });
});

describe("the About the evidence page", () => {
  it("gives the study's figures, which add up, beside what the library holds", async () => {
    const cookie = await viewer();
    const data = await aboutPage.loader({ request: get("/practices/about", cookie), context, params: {} } as never);
    expect(data.study.reviewed).toBe(127);
    expect(data.byTier).toEqual([
      { tier: "best", studies: 9 },
      { tier: "promising", studies: 44 },
      { tier: "emerging", studies: 68 },
      { tier: "contraindicated", studies: 6 },
    ]);
    expect(data.byTier.reduce((sum, r) => sum + r.studies, 0)).toBe(data.study.reviewed);
    expect(data.study.title).toBe(FIELD_STUDY.title);
    expect(data.practices).toEqual(await countPracticesByTier(db));
    expect(data.practices).toEqual({ best: 16, promising: 5, emerging: 5, contraindicated: 1 });
    expect((await answerOf(() => aboutPage.loader({ request: get("/practices/about"), context, params: {} } as never))).status).toBe(302);
  });
});

describe("folding the duplicate advocacy entry into balanced caseloads (migration 0067)", () => {
  it("moves plan lines and cohort pins to the kept practice, merges a cohort's two pins, and removes the duplicate", async () => {
    const foundation = await createFoundation(db);
    const organisation = await createOrganisation(db);
    await fundOrganisation(db, foundation.id, organisation.id);
    const grant = await createGrantRow(db, await createLine(db, foundation.id), organisation.id);
    await addPlanLines(db, grant.id, [
      { pillar: "workload", amountCents: 1_000_00, description: "Advocacy days" },
      { pillar: "workload", amountCents: 500_00, description: "Other" },
    ]);
    const both = await createCohortWorld(db);
    const onlyDuplicate = await createCohortWorld(db);
    await asOwner(db, async (trx) => {
      // The duplicate as databases created before 0067 hold it.
      await trx
        .insertInto("practice")
        .values({
          id: MERGED_PRACTICE.from,
          name: "Advocacy alongside client work",
          tier: "promising",
          level: "organisational",
          pillars: ["workload"],
          summary: "x",
          citation: "Iliffe & Steed, 2000",
        })
        .execute();
      await trx
        .updateTable("plan_line")
        .set({ practice_id: MERGED_PRACTICE.from })
        .where("grant_id", "=", grant.id)
        .where("description", "=", "Advocacy days")
        .execute();
      await trx
        .insertInto("cohort_pin")
        .values([
          { cohort_id: both.cohortId, practice_id: MERGED_PRACTICE.into, note: "Balance the caseload." },
          { cohort_id: both.cohortId, practice_id: MERGED_PRACTICE.from, note: "And make time for advocacy." },
          { cohort_id: onlyDuplicate.cohortId, practice_id: MERGED_PRACTICE.from, note: "Advocacy" },
        ])
        .execute();
      await mergeAdvocacy(trx);
    });
    const lines = await db.selectFrom("plan_line").select(["description", "practice_id"]).where("grant_id", "=", grant.id).orderBy("description").execute();
    expect(lines).toEqual([
      { description: "Advocacy days", practice_id: MERGED_PRACTICE.into },
      { description: "Other", practice_id: null },
    ]);
    const pins = await asOwner(db, (trx) =>
      trx.selectFrom("cohort_pin").select(["cohort_id", "practice_id", "note"]).where("cohort_id", "in", [both.cohortId, onlyDuplicate.cohortId]).execute(),
    );
    expect(pins.filter((p) => p.cohort_id === both.cohortId)).toEqual([
      { cohort_id: both.cohortId, practice_id: MERGED_PRACTICE.into, note: "Balance the caseload.\n\nAnd make time for advocacy." },
    ]);
    expect(pins.filter((p) => p.cohort_id === onlyDuplicate.cohortId)).toEqual([
      { cohort_id: onlyDuplicate.cohortId, practice_id: MERGED_PRACTICE.into, note: "Advocacy" },
    ]);
    expect(await getPracticeEvidence(db, MERGED_PRACTICE.from)).toBeUndefined();
    // Running it again is harmless.
    await asOwner(db, (trx) => mergeAdvocacy(trx));
    expect((await getPracticeEvidence(db, MERGED_PRACTICE.into))!.citations.length).toBeGreaterThan(0);
  });
});
