import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { DomainError } from "~/domain/errors";
import { getGrant, savePlan, updateGrant } from "~/domain/grants.server";
import { createTestDatabase } from "../support/db";
import { addFoundationMember, addOrganisationMember, callerOf, createFoundation, createOrganisation, createUser, fundOrganisation } from "../support/factories";
import { createGrantRow, createLine } from "../support/grants-factories";

/**
 * The allowance cap holds under concurrency. Each repetition races 50 changes on one
 * grant that each fit alone but not together: 25 plan saves (each 60% of the allowance)
 * and 25 budget cuts (each halving it). Whatever order the database runs them in, the
 * plan never exceeds the allowance, and every change that loses gets a clean refusal
 * (a conflict or the allowance message), never another error and never a silent overwrite.
 */
const REPETITIONS = 100;
const RACERS = 50;

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("the allowance cap under concurrent saves", () => {
  it(`holds over ${REPETITIONS} races of ${RACERS} saves`, async () => {
    const db = database.db;
    const foundation = await createFoundation(db);
    const officer = await createUser(db);
    await addFoundationMember(db, officer.id, foundation.id, "program_officer");
    const organisation = await createOrganisation(db);
    await fundOrganisation(db, foundation.id, organisation.id);
    const director = await createUser(db);
    await addOrganisationMember(db, director.id, organisation.id, "director");
    const line = await createLine(db, foundation.id, { allowanceBps: 1000 });
    const asDirector = await callerOf(db, director.id, organisation.id);
    const asOfficer = await callerOf(db, officer.id, foundation.id);

    let planWins = 0;
    let cutWins = 0;
    for (let rep = 0; rep < REPETITIONS; rep++) {
      const grant = await createGrantRow(db, line, organisation.id, { proposedCents: 10_000_00, title: `Race ${rep}` });
      // Allowance $1,000. A plan of $600 fits it; a budget of $5,000 (allowance $500) fits an empty plan.
      const racers = Array.from({ length: RACERS }, (_, i) =>
        i % 2 === 0
          ? savePlan(db, asDirector, grant.id, {
              basedOnVersion: 0,
              lines: [{ pillar: "supervision", purpose: "prevention", description: `save ${i}`, amountCents: 600_00 }],
            }).then(() => "plan" as const)
          : updateGrant(db, asOfficer, grant.id, {
              version: grant.version,
              title: grant.title,
              proposedBudgetCents: 5_000_00,
              awardedCents: null,
              startsOn: null,
              endsOn: null,
              status: "active",
              officerUserId: null,
            }).then(() => "cut" as const),
      );
      const outcomes = await Promise.allSettled(racers);
      const wins = outcomes.filter((o) => o.status === "fulfilled").map((o) => (o as PromiseFulfilledResult<string>).value);
      for (const o of outcomes) {
        if (o.status === "rejected") {
          expect(o.reason).toBeInstanceOf(DomainError);
          expect([400, 409]).toContain((o.reason as DomainError).status);
        }
      }
      // Exactly one change of each kind can win its version; at most one kind can win the allowance.
      expect(wins).toHaveLength(1);
      if (wins[0] === "plan") planWins++;
      else cutWins++;
      const after = (await getGrant(db, asOfficer, grant.id))!;
      expect(after.planned_cents).toBeLessThanOrEqual(after.allowance_cents);
    }
    expect(planWins + cutWins).toBe(REPETITIONS);
    // 5,000 transactions, each of which also sets its caller's tenant for row-level security: on a loaded
    // machine (PGlite runs them one at a time) that takes longer than the default minute.
  }, 120_000);
});
