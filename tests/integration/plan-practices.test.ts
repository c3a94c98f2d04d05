import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/db";
import { addFoundationMember, addOrganisationMember, callerOf, createFoundation, createOrganisation, createUser, fundOrganisation } from "../support/factories";
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
  const asDirector = await callerOf(db, director.id, organisation.id);
  const line = await createLine(db, foundation.id);
  const grant = await createGrantRow(db, line, organisation.id, { proposedCents: 100_000_00 });
  const save = (practiceId: string | null, basedOnVersion = 0) =>
    savePlan(db, asDirector, grant.id, {
      basedOnVersion,
      lines: [{ pillar: "peer_support", purpose: "prevention", description: "Peer circles", amountCents: 2_500_00, practiceId }],
    });
  return { foundation, organisation, grant, save, asDirector };
}

/** A new member of the foundation with this role, as a caller. */
async function member(foundationId: string, role: "admin" | "program_officer" | "staff") {
  const user = await createUser(db);
  await addFoundationMember(db, user.id, foundationId, role);
  return callerOf(db, user.id, foundationId);
}

describe("plan lines that name a practice", () => {
  it("keep the practice, and the practice page counts it for the funding foundation only", async () => {
    const w = await grantWorld();
    await w.save("collegial-support");
    const plan = (await getPlan(db, w.asDirector, w.grant.id))!;
    expect(plan.map((l) => [l.practice_id, l.practice_name])).toEqual([["collegial-support", "Collegial support"]]);
    expect(await plannedForPractice(db, await member(w.foundation.id, "program_officer"), "collegial-support")).toEqual({ cents: 2_500_00, grants: 1 });
    const other = await createFoundation(db);
    expect(await plannedForPractice(db, await member(other.id, "admin"), "collegial-support")).toEqual({ cents: 0, grants: 0 });
  });

  it("tell the planned amount only to those who may read the foundation's portfolio", async () => {
    const w = await grantWorld();
    await w.save("collegial-support");
    // Foundation staff, the grantee's director and someone acting for no tenant learn nothing.
    expect(await plannedForPractice(db, await member(w.foundation.id, "staff"), "collegial-support")).toBeNull();
    expect(await plannedForPractice(db, w.asDirector, "collegial-support")).toBeNull();
    expect(await plannedForPractice(db, null, "collegial-support")).toBeNull();
  });

  it("refuse a contraindicated or unknown practice and leave the saved plan as it was", async () => {
    const w = await grantWorld();
    await w.save(null);
    for (const practiceId of ["reiki", "no-such-practice"]) {
      await expect(w.save(practiceId, 1)).rejects.toMatchObject({ message: "grants.errors.practice" });
    }
    const plan = (await getPlan(db, w.asDirector, w.grant.id))!;
    expect(plan).toHaveLength(1);
    expect(plan[0].practice_id).toBeNull();
  });
});
