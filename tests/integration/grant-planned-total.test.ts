import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Database } from "#db/client";
import { savePlan } from "~/domain/grants.server";
import { createTestDatabase } from "../support/db";
import { addOrganisationMember, callerOf, createFoundationWithAdmin, createOrganisation, createUser, fundOrganisation } from "../support/factories";
import { addPlanLines, createGrantRow, createLine } from "../support/grants-factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** The stored total next to the sum of the plan lines, for every grant given. */
async function totals(ids: string[]) {
  const rows = await sql<{ id: string; stored: number; summed: number }>`
    select g.id, g.planned_cents as stored, coalesce((select sum(amount_cents) from plan_line pl where pl.grant_id = g.id), 0)::bigint as summed
    from "grant" g where g.id = any(${ids}::uuid[]) order by g.id`.execute(database.db);
  return rows.rows;
}

describe("grant.planned_cents (kept by triggers on plan_line)", () => {
  it("follows inserts, updates, deletes and plan saves, grant by grant", async () => {
    const db = database.db;
    const { foundation } = await createFoundationWithAdmin(db);
    const organisation = await createOrganisation(db);
    await fundOrganisation(db, foundation.id, organisation.id);
    const director = await createUser(db);
    await addOrganisationMember(db, director.id, organisation.id, "director");
    const line = await createLine(db, foundation.id, { kind: "enhancement", allowanceBps: 1000 });
    const a = await createGrantRow(db, line, organisation.id, { proposedCents: 10_000_000 });
    const b = await createGrantRow(db, line, organisation.id, { proposedCents: 10_000_000 });
    const ids = [a.id, b.id];

    expect((await totals(ids)).map((r) => r.stored)).toEqual([0, 0]);
    await addPlanLines(db, a.id, [
      { pillar: "leadership", amountCents: 1_000 },
      { pillar: "workload", amountCents: 2_500 },
    ]);
    await addPlanLines(db, b.id, [{ pillar: "supervision", amountCents: 700 }]);
    for (const r of await totals(ids)) expect(r.stored).toBe(r.summed);

    // One statement touching lines of both grants.
    await sql`update plan_line set amount_cents = amount_cents * 2 where grant_id = any(${ids}::uuid[])`.execute(db);
    for (const r of await totals(ids)) expect(r.stored).toBe(r.summed);
    await sql`update plan_line set description = 'same money' where grant_id = ${a.id}`.execute(db);
    for (const r of await totals(ids)) expect(r.stored).toBe(r.summed);

    const grantA = await db.selectFrom("grant").select("plan_version").where("id", "=", a.id).executeTakeFirstOrThrow();
    await savePlan(db, await callerOf(db, director.id, organisation.id), a.id, {
      basedOnVersion: grantA.plan_version,
      lines: [{ pillar: "peer_support", purpose: "prevention", description: "", amountCents: 12_345 }],
    });
    const after = await totals(ids);
    for (const r of after) expect(r.stored).toBe(r.summed);
    expect(after.find((r) => r.id === a.id)!.stored).toBe(12_345);

    await db.deleteFrom("plan_line").where("grant_id", "=", b.id).execute();
    expect((await totals([b.id]))[0].stored).toBe(0);
  });
});
