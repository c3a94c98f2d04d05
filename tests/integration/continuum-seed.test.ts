import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { seedDemoIfEmpty } from "#db/seed/demo";
import { listJourney, readSharedJourney } from "~/domain/continuum.server";
import { aggregateForPeriod } from "~/domain/foundation-self-assessment.server";
import { createTestDatabase } from "../support/db";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoIfEmpty(database.db);
});
afterAll(async () => {
  await database?.close();
});

async function ids() {
  const foundation = await database.db.selectFrom("foundation").select("id").executeTakeFirstOrThrow();
  const orgs = await database.db.selectFrom("organisation").select(["id", "name"]).execute();
  const officer = await database.db.selectFrom("app_user").select("id").where("email", "=", "officer@demo.test").executeTakeFirstOrThrow();
  return { foundationId: foundation.id, org: (name: string) => orgs.find((o) => o.name === name)!.id, officerId: officer.id };
}

describe("continuum demo seed", () => {
  it("gives organisations several finished assessments; Riverside shares, Safe Passage does not", async () => {
    const { foundationId, org, officerId } = await ids();
    expect((await listJourney(database.db, org("Riverside Refugee Services"))).length).toBeGreaterThanOrEqual(3);
    expect((await listJourney(database.db, org("Safe Passage Anti-Trafficking Network"))).length).toBeGreaterThanOrEqual(2);
    const riverside = await readSharedJourney(database.db, { viewerId: officerId, foundationId, organisationId: org("Riverside Refugee Services") });
    expect(riverside.shared).toBe(true);
    const safePassage = await readSharedJourney(database.db, {
      viewerId: officerId,
      foundationId,
      organisationId: org("Safe Passage Anti-Trafficking Network"),
    });
    expect(safePassage).toEqual({ shared: false });
  });

  it("has enough staff self-assessments last year for a summary, and none this year", async () => {
    const { foundationId } = await ids();
    const year = new Date().getUTCFullYear();
    const last = await aggregateForPeriod(database.db, foundationId, year - 1);
    expect(last.enough).toBe(true);
    if (last.enough) expect(last.comments?.length).toBeGreaterThan(0);
    expect(await aggregateForPeriod(database.db, foundationId, year)).toEqual({ enough: false });
  });
});
