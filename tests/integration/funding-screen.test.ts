/**
 * Never a funding screen (DESIGN.md): continuum data never reaches grant decisions. Two organisations hold
 * identical grants; everything the foundation sees of its grants (every portfolio sort key and direction, both
 * portfolio CSVs, the grant-line and grant pages, the foundation brief's text, and the domain functions behind
 * them) is read three times: before either organisation has a self-assessment, with the two sharing opposite
 * stages, and with the stages swapped. Each output must be byte-identical across the three, rows in the same
 * order. Anything that lets a stage leak into a grant page, or sorts by it, changes one of them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractText, getDocumentProxy } from "unpdf";
import type { ContinuumStage } from "#db/schema";
import { createBriefPool } from "~/pdf/pool.server";
import { SORT_KEYS } from "~/utils/portfolio-query";
import { parsePortfolioQuery, portfolioPage } from "~/domain/portfolio.server";
import { getGrantLine, grantPageData, listGrantLines, listGrantsOfLine } from "~/domain/grants.server";
import { foundationBriefData } from "~/domain/briefs.server";
import { setSharing } from "~/domain/continuum.server";
import type { AppContext } from "~/utils/context";
import * as portfolioRoute from "~/routes/portfolio._index";
import * as portfolioCsvRoute from "~/routes/portfolio[.csv]";
import * as planLinesCsvRoute from "~/routes/portfolio.plan-lines[.csv]";
import * as linesRoute from "~/routes/grant-lines._index";
import * as lineRoute from "~/routes/grant-lines.$lineId";
import * as grantRoute from "~/routes/grants.$grantId";
import * as briefRoute from "~/routes/foundation.brief[.pdf]";
import { createTestDatabase } from "../support/db";
import {
  addFoundationMember,
  addOrganisationMember,
  callerOf,
  createFoundationWithAdmin,
  createOrganisation,
  createUser,
  fundOrganisation,
} from "../support/factories";
import { addPlanLines, createGrantRow, createLine } from "../support/grants-factories";
import { finishedAssessment } from "../support/continuum-factories";
import { answerOf, cookieFor, get, routeContext } from "../support/routes";

const NOW = new Date("2026-11-25T09:00:00Z");
const database = await createTestDatabase();
const db = database.db;
const briefs = createBriefPool({ threads: 1, timeoutMs: 120_000, priority: "normal" });
const context: AppContext = { ...routeContext(database, { briefs }), now: () => NOW };
afterAll(async () => {
  await briefs.close();
  await database.close();
});

const STAGE_WORDS = /\b(blindness|pre[-_ ]?competence|competence|proficiency)\b/i;

let world: Awaited<ReturnType<typeof twinGrantees>>;

/** A foundation funding two organisations with the same grants on two lines, the same plans and the same officer. */
async function twinGrantees() {
  const { foundation, admin } = await createFoundationWithAdmin(db);
  const officer = await createUser(db, { name: "Olu Officer" });
  await addFoundationMember(db, officer.id, foundation.id, "program_officer");
  const enhancement = await createLine(db, foundation.id, { name: "Community grants", fiscalYear: 2026 });
  const dedicated = await createLine(db, foundation.id, { name: "STS programme", fiscalYear: 2026, kind: "dedicated" });
  const twins = [];
  for (const name of ["Twin Harbour Services", "Twin Valley Services"]) {
    const organisation = await createOrganisation(db, name);
    await fundOrganisation(db, foundation.id, organisation.id);
    const director = await createUser(db);
    await addOrganisationMember(db, director.id, organisation.id, "director");
    const grants = [];
    for (const line of [enhancement, dedicated]) {
      const grant = await createGrantRow(db, line, organisation.id, {
        title: "Core support",
        proposedCents: 200_000_00,
        awardedCents: 150_000_00,
        officerUserId: officer.id,
      });
      await addPlanLines(db, grant.id, [
        { pillar: "supervision", purpose: "prevention", amountCents: 5_000_00, description: "Reflective supervision" },
        { pillar: "workload", purpose: "education", amountCents: 3_000_00 },
      ]);
      grants.push(grant.id);
    }
    twins.push({ organisationId: organisation.id, directorId: director.id, grants });
  }
  return {
    foundationId: foundation.id,
    lines: [enhancement.id, dedicated.id],
    twins,
    officerCookie: await cookieFor(context, officer.id),
    adminCookie: await cookieFor(context, admin.id),
    officerCaller: () => callerOf(db, officer.id, foundation.id),
    adminCaller: () => callerOf(db, admin.id, foundation.id),
  };
}

type Loader = (args: never) => unknown;

/** What a loader answers, as the bytes a browser or the page would receive. */
async function output(loader: Loader, path: string, cookie: string, params: Record<string, string> = {}) {
  const answer = await answerOf(async () => {
    const result = await loader({ request: get(path, cookie), context, params } as never);
    return result instanceof Response ? result : new Response(JSON.stringify(result), { status: 200 });
  });
  expect(answer.status, path).toBe(200);
  if (answer.response?.headers.get("content-type") === "application/pdf") {
    const doc = await getDocumentProxy(new Uint8Array(await answer.response.arrayBuffer()));
    return (await extractText(doc, { mergePages: true })).text;
  }
  return (await answer.response?.text()) ?? "";
}

/** Everything foundation-side about the grants, keyed by what it is. */
async function everythingTheFoundationSees() {
  const { officerCookie: officer, adminCookie: admin } = world;
  const seen: Record<string, string> = {};
  for (const sort of SORT_KEYS) {
    for (const dir of ["asc", "desc"]) {
      const q = `sort=${sort}&dir=${dir}`;
      seen[`/portfolio?${q}`] = await output(portfolioRoute.loader, `/portfolio?${q}`, officer);
      seen[`/portfolio.csv?${q}`] = await output(portfolioCsvRoute.loader, `/portfolio.csv?${q}`, officer);
      seen[`/portfolio/plan-lines.csv?${q}`] = await output(planLinesCsvRoute.loader, `/portfolio/plan-lines.csv?${q}`, officer);
    }
  }
  seen["/portfolio?organisation=Twin"] = await output(portfolioRoute.loader, "/portfolio?organisation=Twin", officer);
  seen["/grant-lines"] = await output(linesRoute.loader, "/grant-lines", officer);
  for (const lineId of world.lines) {
    seen[`/grant-lines/${lineId}`] = await output(lineRoute.loader, `/grant-lines/${lineId}`, officer, { lineId });
    seen[`/portfolio?line=${lineId}`] = await output(portfolioRoute.loader, `/portfolio?line=${lineId}`, officer);
  }
  for (const grantId of world.twins.flatMap((t) => t.grants)) {
    seen[`/grants/${grantId}`] = await output(grantRoute.loader, `/grants/${grantId}`, officer, { grantId });
  }
  seen["/foundation/brief.pdf (text)"] = await output(briefRoute.loader, "/foundation/brief.pdf?year=2026", admin);
  Object.assign(seen, await domainViews());
  return seen;
}

/** The domain functions behind those pages, called directly (kept in one place: their signatures are moving to a caller). */
async function domainViews() {
  const caller = await world.officerCaller();
  const seen: Record<string, string> = {};
  seen["listGrantLines"] = JSON.stringify(await listGrantLines(db, caller));
  for (const lineId of world.lines) {
    seen[`getGrantLine ${lineId}`] = JSON.stringify(await getGrantLine(db, caller, lineId));
    seen[`listGrantsOfLine ${lineId}`] = JSON.stringify(await listGrantsOfLine(db, caller, lineId));
  }
  for (const grantId of world.twins.flatMap((t) => t.grants)) {
    seen[`grantPageData ${grantId}`] = JSON.stringify(await grantPageData(db, caller, grantId));
  }
  seen["portfolioPage"] = JSON.stringify(await portfolioPage(db, caller, parsePortfolioQuery(new URLSearchParams())));
  seen["foundationBriefData"] = JSON.stringify(await foundationBriefData(db, await world.adminCaller(), { year: 2026, locale: "en", now: NOW }));
  return seen;
}

/** Each twin finishes a self-assessment at its stage and shares it with the foundation. */
async function assessAndShare(stages: [ContinuumStage, ContinuumStage], at: Date) {
  for (const [i, twin] of world.twins.entries()) {
    await finishedAssessment(db, {
      organisationId: twin.organisationId,
      actorId: twin.directorId,
      stage: stages[i],
      now: at,
      reflection: `REFLECTION-${stages[i]}`,
    });
    await setSharing(db, await callerOf(db, twin.directorId, twin.organisationId), { foundationId: world.foundationId, share: true });
  }
}

let before: Record<string, string>;
let opposite: Record<string, string>;
let swapped: Record<string, string>;

beforeAll(async () => {
  world = await twinGrantees();
  before = await everythingTheFoundationSees();
  await assessAndShare(["blindness", "proficiency"], new Date("2026-10-01T09:00:00Z"));
  opposite = await everythingTheFoundationSees();
  await assessAndShare(["proficiency", "blindness"], new Date("2026-11-01T09:00:00Z"));
  swapped = await everythingTheFoundationSees();
}, 300_000);

describe("never a funding screen", () => {
  it("reads every page, export and function it means to (so that the comparisons below are not vacuous)", () => {
    expect(Object.keys(before)).toHaveLength(SORT_KEYS.length * 2 * 3 + 1 + 1 + 2 * 2 + 4 + 1 + 1 + 2 * 2 + 4 + 2);
    // The twins' grants are on the pages compared, in both CSVs, and on the brief.
    expect(before["/portfolio?sort=title&dir=asc"]).toContain("Twin Valley Services");
    expect(before["/portfolio.csv?sort=title&dir=asc"]).toContain("Twin Harbour Services");
    expect(before["/portfolio/plan-lines.csv?sort=title&dir=asc"]).toContain("Reflective supervision");
    expect(before["/foundation/brief.pdf (text)"]).toContain("$16,000.00");
  });

  it("gives byte-identical pages, exports, brief text and domain results, rows in the same order, whatever the twins' stages", () => {
    for (const key of Object.keys(before)) {
      expect(opposite[key], `${key}: changed when the twins shared opposite stages`).toBe(before[key]);
      expect(swapped[key], `${key}: changed when the twins swapped stages`).toBe(opposite[key]);
    }
  });

  it("never names a stage or carries a reflection on a grant page or export", () => {
    for (const [key, body] of Object.entries(swapped)) {
      expect(body, key).not.toContain("REFLECTION-");
      // The brief's own staff self-assessment table names the stages as column heads: it is the foundation's own data.
      if (key.startsWith("/foundation/brief") || key === "foundationBriefData") continue;
      expect(body, key).not.toMatch(STAGE_WORDS);
    }
  });

  it("refuses a sort the portfolio does not have (sort=stage), on the page and both CSVs, rather than sorting by title", async () => {
    for (const [loader, path] of [
      [portfolioRoute.loader, "/portfolio"],
      [portfolioCsvRoute.loader, "/portfolio.csv"],
      [planLinesCsvRoute.loader, "/portfolio/plan-lines.csv"],
    ] as const) {
      for (const q of ["sort=stage", "sort=stage&dir=desc", "sort=continuum", "sort=title&dir=stage"]) {
        const answer = await answerOf(() => (loader as Loader)({ request: get(`${path}?${q}`, world.officerCookie), context, params: {} } as never));
        expect(answer.status, `${path}?${q}`).toBe(400);
      }
    }
  });
});
