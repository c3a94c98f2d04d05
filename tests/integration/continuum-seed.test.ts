import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { seedDemoIfEmpty } from "#db/seed/demo";
import { listJourney, readSharedJourney } from "~/domain/continuum.server";
import { aggregateForPeriod } from "~/domain/foundation-self-assessment.server";
import { createTestDatabase } from "../support/db";
import { callerOf } from "../support/factories";

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
  /** The demo person with this email, acting for the tenant. */
  const as = async (email: string, tenantId: string) => {
    const user = await database.db.selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    return callerOf(database.db, user.id, tenantId);
  };
  return { foundationId: foundation.id, org: (name: string) => orgs.find((o) => o.name === name)!.id, as };
}

describe("continuum demo seed", () => {
  it("gives organisations several finished assessments; Riverside shares, Safe Passage does not", async () => {
    const { foundationId, org, as } = await ids();
    const riversideId = org("Riverside Refugee Services");
    const safePassageId = org("Safe Passage Anti-Trafficking Network");
    expect((await listJourney(database.db, await as("director@demo.test", riversideId))).length).toBeGreaterThanOrEqual(3);
    expect((await listJourney(database.db, await as("director2@demo.test", safePassageId))).length).toBeGreaterThanOrEqual(2);
    const officer = await as("officer@demo.test", foundationId);
    const riverside = await readSharedJourney(database.db, officer, riversideId);
    expect(riverside.shared).toBe(true);
    const safePassage = await readSharedJourney(database.db, officer, safePassageId);
    expect(safePassage).toEqual({ shared: false });
  });

  it("has enough staff self-assessments last year for a summary, and none this year", async () => {
    const { foundationId, as } = await ids();
    const admin = await as("admin@demo.test", foundationId);
    const year = new Date().getUTCFullYear();
    const last = await aggregateForPeriod(database.db, admin, year - 1);
    expect(last.enough).toBe(true);
    if (last.enough) expect(last.comments?.length).toBeGreaterThan(0);
    expect(await aggregateForPeriod(database.db, admin, year)).toEqual({ enough: false });
  });
});
