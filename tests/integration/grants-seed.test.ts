import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "#db/client";
import { seedDemoIfEmpty } from "#db/seed/demo";
import { listOrganisationGrants } from "~/domain/grants.server";
import { createTestDatabase } from "../support/db";
import { addOrganisationMember, callerOf, createUser } from "../support/factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

it("seeds grant lines of both kinds and a dozen grants whose plans fit their allowances", async () => {
  expect(await seedDemoIfEmpty(database.db)).toBe(true);
  const lines = await database.db.selectFrom("grant_line").select("kind").execute();
  expect(new Set(lines.map((l) => l.kind))).toEqual(new Set(["dedicated", "enhancement"]));
  const organisations = await database.db.selectFrom("organisation").select(["id", "name"]).execute();
  // Each organisation's grants as a member sees them (a reader joins the organisations the demo gives no one).
  const grantsOf = async (organisationId: string) => {
    const member = await database.db.selectFrom("membership").select("user_id").where("organisation_id", "=", organisationId).executeTakeFirst();
    const userId = member?.user_id ?? (await createUser(database.db)).id;
    if (!member) await addOrganisationMember(database.db, userId, organisationId, "staff");
    return listOrganisationGrants(database.db, await callerOf(database.db, userId, organisationId));
  };
  const all = (await Promise.all(organisations.map((o) => grantsOf(o.id)))).flat();
  expect(all.length).toBeGreaterThanOrEqual(12);
  for (const g of all) expect(g.planned_cents).toBeLessThanOrEqual(g.allowance_cents);
  expect(all.some((g) => g.planned_cents === 0)).toBe(true);
  expect(all.some((g) => g.planned_cents > 0 && g.planned_cents === g.allowance_cents)).toBe(true);
  const riverside = organisations.find((o) => o.name === "Riverside Refugee Services")!;
  const theirs = await grantsOf(riverside.id);
  expect(theirs.length).toBeGreaterThanOrEqual(2);
  expect(theirs.some((g) => g.planned_cents > 0 && g.planned_cents < g.allowance_cents)).toBe(true);
});
