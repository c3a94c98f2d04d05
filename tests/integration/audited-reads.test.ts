/**
 * "Every read or export of sensitive data is audited" (DESIGN.md, Nothing lost): a table of every route that
 * reads or exports sensitive data, each called once through its loader and expected to leave exactly its audit
 * rows and no others. Removing any one audit call fails that route's row. A new export route (a file name with
 * .csv, .json or .pdf) must be added to the table or, with a reason, to NOT_SENSITIVE.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBriefPool } from "~/pdf/pool.server";
import { DATASETS } from "~/domain/organisation-export.server";
import { JOURNEY_VIEWED } from "~/domain/continuum.server";
import type { AppContext } from "~/utils/context";
import { asOwner, createTestDatabase } from "../support/db";
import { answerOf, cookieFor, get, routeContext } from "../support/routes";
import { createAuthzWorld, type AuthzWorld } from "../support/authz-world";
import { sharingCohortMembers } from "../support/continuum-factories";

const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");

/** Export-shaped routes that are not sensitive, and why. */
const NOT_SENSITIVE: Record<string, string> = {
  "cohorts.$cohortId.sessions.$sessionId[.ics].tsx": "a session's title, time and place, which every member already sees on the page",
};

interface Read {
  route: string;
  /** Who reads: a user of the world. */
  as: keyof AuthzWorld["users"];
  path: (w: AuthzWorld) => string;
  params: (w: AuthzWorld) => Record<string, string>;
  action: string;
  /** Audit rows this one read leaves (one, unless the read touches several organisations). */
  rows: number;
  /** The tenant whose log must show it. */
  tenant: (w: AuthzWorld) => { foundation_id?: string; organisation_id?: string };
}

const X = (w: AuthzWorld) => `/organisations/${w.organisationX}`;
const xParams = (w: AuthzWorld) => ({ organisationId: w.organisationX });
const inA = (w: AuthzWorld) => ({ foundation_id: w.foundationA });
const ofX = (w: AuthzWorld) => ({ organisation_id: w.organisationX });

/** Organisations that share with A in A's cohort, besides X: enough for the cohort brief to show the distribution. */
const COHORT_SHARERS = 5;

const READS: Read[] = [
  {
    route: "portfolio[.csv].tsx",
    as: "aOfficer",
    path: () => "/portfolio.csv",
    params: () => ({}),
    action: "portfolio.exported",
    rows: 1,
    tenant: inA,
  },
  {
    route: "portfolio.plan-lines[.csv].tsx",
    as: "aOfficer",
    path: () => "/portfolio/plan-lines.csv",
    params: () => ({}),
    action: "portfolio.plan_lines_exported",
    rows: 1,
    tenant: inA,
  },
  ...DATASETS.map((dataset): Read => ({
    route: "organisations.$organisationId.data[.csv].tsx",
    as: "xDirector",
    path: (w) => `${X(w)}/data.csv?dataset=${dataset}`,
    params: xParams,
    action: "organisation.data_exported",
    rows: 1,
    tenant: ofX,
  })),
  {
    route: "organisations.$organisationId.data[.json].tsx",
    as: "xDirector",
    path: (w) => `${X(w)}/data.json`,
    params: xParams,
    action: "organisation.data_exported",
    rows: 1,
    tenant: ofX,
  },
  {
    route: "organisations.$organisationId.brief[.pdf].tsx",
    as: "xDirector",
    path: (w) => `${X(w)}/brief.pdf?journey=1`,
    params: xParams,
    action: "organisation.brief_exported",
    rows: 1,
    tenant: ofX,
  },
  {
    route: "foundation.brief[.pdf].tsx",
    as: "aAdmin",
    path: () => "/foundation/brief.pdf",
    params: () => ({}),
    action: "foundation.brief_exported",
    rows: 1,
    tenant: inA,
  },
  {
    route: "foundation.organisations_.$organisationId.continuum.tsx",
    as: "aOfficer",
    path: (w) => `/foundation/organisations/${w.organisationX}/continuum`,
    params: xParams,
    action: JOURNEY_VIEWED,
    rows: 1,
    tenant: ofX,
  },
  {
    route: "cohorts.$cohortId.brief[.pdf].tsx",
    as: "aOfficer",
    path: (w) => `/cohorts/${w.cohortId}/brief.pdf`,
    params: (w) => ({ cohortId: w.cohortId }),
    action: JOURNEY_VIEWED,
    // One row in the log of each organisation whose journey the distribution counts: X and the sharers.
    rows: COHORT_SHARERS + 1,
    tenant: inA,
  },
];

const database = await createTestDatabase();
const briefs = createBriefPool({ threads: 1, timeoutMs: 120_000, priority: "normal" });
let context: AppContext;
let w: AuthzWorld;
beforeAll(async () => {
  context = routeContext(database, { briefs });
  w = await createAuthzWorld(database.db, context.secret);
  await sharingCohortMembers(database.db, { cohortId: w.cohortId, officerId: w.users.aOfficer, foundationId: w.foundationA, count: COHORT_SHARERS });
}, 120_000);
afterAll(async () => {
  await briefs.close();
  await database.close();
});

const auditRows = () =>
  asOwner(database.db, (o) =>
    o.selectFrom("audit_event").select(["id", "action", "foundation_id", "organisation_id", "actor_user_id"]).orderBy("id").execute(),
  );

describe("every read or export of sensitive data is audited", () => {
  it("the table names every export route of the app, and only routes that exist", () => {
    const files = readdirSync(ROUTES_DIR);
    const exports = files.filter((f) => /\[\.(csv|json|pdf|ics)\]\.tsx?$/.test(f));
    expect(exports.length).toBeGreaterThan(5);
    const covered = new Set([...READS.map((r) => r.route), ...Object.keys(NOT_SENSITIVE)]);
    expect(exports.filter((f) => !covered.has(f))).toEqual([]);
    expect([...covered].filter((f) => !files.includes(f))).toEqual([]);
  });

  for (const read of READS) {
    const name = `${read.route}${read.route.includes("data[.csv]") ? ` (${read.path({ organisationX: "X" } as AuthzWorld).split("=")[1]})` : ""}`;
    it(`${name}: one read leaves exactly ${read.rows === 1 ? "one audit row" : "one audit row per organisation read"}, in the right log`, async () => {
      const route = (await import(path.join(ROUTES_DIR, read.route))) as { loader: (args: never) => unknown };
      const cookie = await cookieFor(context, w.users[read.as]);
      const before = await auditRows();
      const answer = await answerOf(() => route.loader({ request: get(read.path(w), cookie), context, params: read.params(w) } as never));
      expect(answer.status).toBe(200);
      // The body is read in full, as a download would be.
      await answer.response?.arrayBuffer();
      const seen = new Set(before.map((r) => r.id));
      const added = (await auditRows()).filter((r) => !seen.has(r.id));
      expect(added.map((r) => r.action)).toEqual(Array(read.rows).fill(read.action));
      for (const row of added) {
        expect(row.actor_user_id).toBe(w.users[read.as]);
        expect(row).toMatchObject(read.rows === 1 ? read.tenant(w) : inA(w));
      }
    }, 120_000);
  }
});
