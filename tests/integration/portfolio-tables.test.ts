import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Kysely, PostgresDialect, type LogEvent } from "kysely";
import type { DB } from "#db/schema";
import { PGlitePool, parseExactInteger } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import { grantPageData, listOrganisationGrants } from "~/domain/grants.server";
import { parsePortfolioQuery, planLinesCsv, portfolioCsv, portfolioPage, SORT_KEYS } from "~/domain/portfolio.server";
import { createTestDatabase } from "../support/db";
import { addFoundationMember, addOrganisationMember, callerOf, createFoundation, createOrganisation, createUser, fundOrganisation } from "../support/factories";
import { addPlanLines, createGrantRow, createLine } from "../support/grants-factories";

/**
 * Never a funding screen: grant and portfolio queries read only the tables below. A
 * table added later (a continuum self-assessment, say) that any of them starts to read
 * fails this test, whatever the filters or the sort order.
 */
const ALLOWED_TABLES = new Set([
  "grant",
  "grant_line",
  "plan_line",
  "grant_comment",
  "organisation",
  "foundation",
  "membership",
  "app_user",
  "grantee",
  // The practices library: a plan line may name a practice.
  "practice",
  // The counter under which computed portfolio pages are kept (migration 0062).
  "portfolio_version",
]);

const statements: string[] = [];
let db: Kysely<DB>;
let close: () => Promise<void>;

function log(event: LogEvent) {
  statements.push(event.query.sql);
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase();
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: (await database.pool())! }), log });
    close = () => database.close();
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    const pglite = new PGlite(undefined, { parsers: { 20: parseExactInteger } });
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }), log });
    await migrateToLatest(db);
    close = () => db.destroy();
  }
});
afterAll(async () => {
  await close?.();
});

/** Table names after FROM, JOIN, UPDATE and INTO, quoted or not; subqueries are read recursively by the same pattern. */
function tablesIn(statement: string): string[] {
  const found = new Set<string>();
  for (const m of statement.matchAll(/\b(?:from|join|update|into)\s+(?:only\s+)?(?:lateral\s+)?("?)([a-z_][a-z0-9_]*)\1/gi)) {
    found.add(m[2].toLowerCase());
  }
  return [...found];
}

describe("what the portfolio and grant pages read", () => {
  it("recognises table names in the SQL it sees", () => {
    expect(tablesIn(`select * from "grant" as "g" inner join "grant_line" as "gl" on x left join (select 1 from continuum_assessment) a`).sort()).toEqual([
      "continuum_assessment",
      "grant",
      "grant_line",
    ]);
  });

  it("is only grant, plan, organisation and people tables, for every filter and sort", async () => {
    const foundation = await createFoundation(db);
    const officer = await createUser(db);
    await addFoundationMember(db, officer.id, foundation.id, "program_officer");
    const organisation = await createOrganisation(db, "Marker Org");
    await fundOrganisation(db, foundation.id, organisation.id);
    const line = await createLine(db, foundation.id);
    const grant = await createGrantRow(db, line, organisation.id, { officerUserId: officer.id });
    await addPlanLines(db, grant.id, [{ pillar: "workload", purpose: "mitigation", amountCents: 100 }]);
    const director = await createUser(db);
    await addOrganisationMember(db, director.id, organisation.id, "director");
    const asOfficer = await callerOf(db, officer.id, foundation.id);
    const asDirector = await callerOf(db, director.id, organisation.id);

    statements.length = 0;
    const filters = `line=${line.id}&year=2026&status=active&officer=${officer.id}&organisation=Marker`;
    for (const sort of SORT_KEYS) {
      for (const dir of ["asc", "desc"]) {
        const f = parsePortfolioQuery(new URLSearchParams(`${filters}&sort=${sort}&dir=${dir}&page=1`));
        const data = await portfolioPage(db, asOfficer, f);
        expect(data.rows.map((r) => r.id)).toEqual([grant.id]);
        await portfolioCsv(db, asOfficer, f);
        await planLinesCsv(db, asOfficer, f);
      }
    }
    await portfolioPage(db, asOfficer, parsePortfolioQuery(new URLSearchParams("")));
    expect(await grantPageData(db, asOfficer, grant.id)).toBeDefined();
    expect(await grantPageData(db, asDirector, grant.id)).toBeDefined();
    await listOrganisationGrants(db, asDirector);

    expect(statements.length).toBeGreaterThan(50);
    const read = new Set(statements.flatMap(tablesIn));
    expect(read.has("grant") && read.has("plan_line")).toBe(true);
    expect([...read].filter((table) => !ALLOWED_TABLES.has(table))).toEqual([]);
  });
});
