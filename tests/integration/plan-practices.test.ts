import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/db";
import { addOrganisationMember, createFoundation, createOrganisation, createUser, fundOrganisation } from "../support/factories";
import { createGrantRow, createLine } from "../support/grants-factories";
import { getPlan, savePlan } from "~/domain/grants.server";
import { plannedForPractice } from "~/domain/portfolio.server";

const database = await createTestDatabase();
const db = database.db;
afterAll(() => database.close());

async function grantWorld() {
  const foundation = await createFoundation(db);
  const organisation = await createOrganisation(db);
  await fundOrganisation(db, foundation.id, organisation.id);
  const director = await createUser(db);
  await addOrganisationMember(db, director.id, organisation.id, "director");
  const line = await createLine(db, foundation.id);
  const grant = await createGrantRow(db, line, organisation.id, { proposedCents: 100_000_00 });
  const save = (practiceId: string | null, basedOnVersion = 0) =>
    savePlan(db, {
      actorId: director.id,
      organisationId: organisation.id,
      grantId: grant.id,
      basedOnVersion,
      lines: [{ pillar: "peer_support", purpose: "prevention", description: "Peer circles", amountCents: 2_500_00, practiceId }],
    });
  return { foundation, organisation, grant, save };
}

describe("plan lines that name a practice", () => {
  it("keep the practice, and the practice page counts it for the funding foundation only", async () => {
    const w = await grantWorld();
    await w.save("collegial-support");
    const plan = await getPlan(db, w.grant.id);
    expect(plan.map((l) => [l.practice_id, l.practice_name])).toEqual([["collegial-support", "Collegial support"]]);
    expect(await plannedForPractice(db, w.foundation.id, "collegial-support")).toEqual({ cents: 2_500_00, grants: 1 });
    const other = await createFoundation(db);
    expect(await plannedForPractice(db, other.id, "collegial-support")).toEqual({ cents: 0, grants: 0 });
  });

  it("refuse a contraindicated or unknown practice and leave the saved plan as it was", async () => {
    const w = await grantWorld();
    await w.save(null);
    for (const practiceId of ["reiki", "no-such-practice"]) {
      await expect(w.save(practiceId, 1)).rejects.toMatchObject({ message: "grants.errors.practice" });
    }
    const plan = await getPlan(db, w.grant.id);
    expect(plan).toHaveLength(1);
    expect(plan[0].practice_id).toBeNull();
  });
});
