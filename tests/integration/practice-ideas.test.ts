import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/db";
import { listPracticeIdeasByPillar } from "~/domain/practices.server";
import { EVIDENCE_TIERS, PILLARS } from "~/domain/vocabulary";

const database = await createTestDatabase();
afterAll(() => database.close());

describe("ideas per pillar offered beside a self-assessment", () => {
  it("offers practices for every pillar, strongest evidence first, and never a contraindicated one", async () => {
    const ideas = await listPracticeIdeasByPillar(database.db);
    const contraindicated = await database.db.selectFrom("practice").select("id").where("tier", "=", "contraindicated").execute();
    expect(contraindicated.length).toBeGreaterThan(0);
    for (const pillar of PILLARS) {
      const list = ideas[pillar];
      expect(list.length, pillar).toBeGreaterThan(0);
      expect(list.length).toBeLessThanOrEqual(4);
      expect(list.some((i) => contraindicated.some((c) => c.id === i.id))).toBe(false);
      const ranks = list.map((i) => EVIDENCE_TIERS.indexOf(i.tier));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
  });
});
