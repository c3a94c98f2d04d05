/**
 * Journey, not grade (DESIGN.md): change over time is shown as movement along the continuum, with no red/fail
 * styling. An organisation moves backward on most pillars and forward on one; what its director, a finished
 * assessment, the foundation's shared view and the PDF briefs show of it must carry no grade word, score or
 * percentage, and the PDFs draw in no red, orange, amber or green. The browser test (tests/e2e/journey-not-grade.spec.ts)
 * checks the colours the pages are drawn in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inflateSync } from "node:zlib";
import { extractText, getDocumentProxy } from "unpdf";
import { createBriefPool } from "~/pdf/pool.server";
import type { AppContext } from "~/utils/context";
import * as journeyRoute from "~/routes/organisations.$organisationId.continuum._index";
import * as assessmentRoute from "~/routes/organisations.$organisationId.continuum.$assessmentId";
import * as sharedViewRoute from "~/routes/foundation.organisations_.$organisationId.continuum";
import * as planBriefRoute from "~/routes/organisations.$organisationId.brief[.pdf]";
import * as cohortBriefRoute from "~/routes/cohorts.$cohortId.brief[.pdf]";
import { setSharing } from "~/domain/continuum.server";
import { createTestDatabase } from "../support/db";
import { callerOf } from "../support/factories";
import { createCohortWorld } from "../support/learning-factories";
import { finishedAssessment, sharingCohortMembers } from "../support/continuum-factories";
import { addPlanLines, createGrantRow, createLine } from "../support/grants-factories";
import { answerOf, cookieFor, get, routeContext } from "../support/routes";

/** Words and marks that grade rather than describe a journey. */
export const GRADE_WORDS =
  /\b(score[sd]?|grade[sd]?|fail(s|ed|ing|ure)?|pass(es|ed)?|behind|overdue|declin\w*|regress\w*|worse\w*|drop(s|ped)?|red|green|amber|orange|warning|danger|poor|bad)\b|%|\/ ?100\b/i;

/** A colour that reads as a traffic light: saturated red, orange, amber or green. */
export function gradingColour([r, g, b]: [number, number, number]) {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max < 90 || (max - min) / max < 0.4) return null; // dark, grey or pale: not a signal colour
  const d = max - min;
  const hue = (max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4) * 60;
  if (hue < 65 || hue >= 330) return "red/orange/amber";
  if (hue >= 75 && hue < 170) return "green";
  return null;
}

const database = await createTestDatabase();
const briefs = createBriefPool({ threads: 1, timeoutMs: 120_000, priority: "normal" });
const context: AppContext = routeContext(database, { briefs });
afterAll(async () => {
  await briefs.close();
  await database.close();
});

let world: Awaited<ReturnType<typeof createCohortWorld>>;
let latestId: string;
const read: Record<string, string> = {};
const colours: Record<string, string[]> = {};

type Loader = (args: never) => unknown;
async function load(loader: Loader, path: string, userId: string, params: Record<string, string>) {
  const answer = await answerOf(async () => {
    const result = await loader({ request: get(path, await cookieFor(context, userId)), context, params } as never);
    return result instanceof Response ? result : new Response(JSON.stringify(result));
  });
  expect(answer.status, path).toBe(200);
  return answer.response!;
}

/**
 * The text of a PDF and every RGB fill and stroke colour its content streams draw with (`rg`/`RG`, and
 * `scn`/`SCN` in DeviceRGB, which the renderer writes), as "r,g,b" 0-255. The streams are read directly: every one is inflated and scanned.
 */
async function readPdf(response: Response) {
  const bytes = Buffer.from(await response.arrayBuffer());
  const used = new Set<string>();
  const raw = bytes.toString("latin1");
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf("endstream", start);
    let content: string;
    try {
      content = inflateSync(bytes.subarray(start, end)).toString("latin1");
    } catch {
      continue; // not a Flate stream (a font, an image): no drawing operators in it
    }
    for (const c of content.matchAll(/(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(rg|RG|scn|SCN|sc|SC)\b/g)) {
      used.add([c[1], c[2], c[3]].map((v) => Math.round(Number(v) * 255)).join(","));
    }
  }
  const doc = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(doc, { mergePages: true });
  return { text, colours: [...used] };
}

beforeAll(async () => {
  world = await createCohortWorld(database.db);
  const { organisation, director, officer, foundation } = world;
  // Proficiency a year ago, then back to blindness on five pillars; workload moves forward.
  await finishedAssessment(database.db, { organisationId: organisation.id, actorId: director.id, stage: "proficiency", now: new Date("2025-06-01T09:00:00Z") });
  latestId = await finishedAssessment(database.db, {
    organisationId: organisation.id,
    actorId: director.id,
    stage: "blindness",
    overrides: { workload: "competence" },
    now: new Date("2026-06-01T09:00:00Z"),
  });
  await setSharing(database.db, await callerOf(database.db, director.id, organisation.id), { foundationId: foundation.id, share: true });
  await sharingCohortMembers(database.db, { cohortId: world.cohortId, officerId: officer.id, foundationId: foundation.id, count: 5 });
  const line = await createLine(database.db, foundation.id);
  const grant = await createGrantRow(database.db, line, organisation.id);
  await addPlanLines(database.db, grant.id, [{ pillar: "workload", purpose: "prevention", amountCents: 2_000_00 }]);

  const X = `/organisations/${organisation.id}`;
  const xParams = { organisationId: organisation.id };
  read["the director's journey"] = await (await load(journeyRoute.loader, `${X}/continuum`, director.id, xParams)).text();
  read["a finished assessment"] = await (
    await load(assessmentRoute.loader, `${X}/continuum/${latestId}`, director.id, { ...xParams, assessmentId: latestId })
  ).text();
  read["the foundation's shared view"] = await (
    await load(sharedViewRoute.loader, `/foundation/organisations/${organisation.id}/continuum`, officer.id, xParams)
  ).text();
  for (const [name, response] of [
    ["the plan brief with the journey", await load(planBriefRoute.loader, `${X}/brief.pdf?journey=1`, director.id, xParams)],
    ["the cohort brief", await load(cohortBriefRoute.loader, `/cohorts/${world.cohortId}/brief.pdf`, officer.id, { cohortId: world.cohortId })],
  ] as const) {
    const pdf = await readPdf(response);
    read[name] = pdf.text;
    colours[name] = pdf.colours;
  }
}, 180_000);

describe("journey, not grade", () => {
  it("shows the backward movement as a journey, where each view shows one", () => {
    // Not vacuous: the movement is there to be graded, and each view was really read.
    expect(read["the director's journey"]).toContain("blindness");
    expect(read["the director's journey"]).toContain("proficiency");
    expect(read["the foundation's shared view"]).toContain("blindness");
    expect(read["a finished assessment"]).toContain("competence");
    expect(read["the plan brief with the journey"]).toMatch(/Blindness[\s\S]*Proficiency|Proficiency[\s\S]*Blindness/);
    expect(read["the cohort brief"]).toContain("Proficiency");
  });

  it("names no grade, score or percentage in any view of it", () => {
    for (const [name, text] of Object.entries(read)) expect(text, name).not.toMatch(GRADE_WORDS);
  });

  it("draws the PDF briefs without red, orange, amber or green", () => {
    for (const [name, used] of Object.entries(colours)) {
      expect(used.length, `${name} draws in some colour`).toBeGreaterThan(0);
      const signals = used.filter((c) => gradingColour(c.split(",").map(Number) as [number, number, number]));
      expect(signals, name).toEqual([]);
    }
  });

  it("tells traffic-light colours from the product's neutral ones", () => {
    for (const c of [
      [220, 38, 38],
      [234, 88, 12],
      [245, 158, 11],
      [22, 163, 74],
      [200, 60, 40],
    ] as const)
      expect(gradingColour([...c]), c.join()).not.toBeNull();
    for (const c of [
      [47, 93, 138],
      [159, 184, 208],
      [31, 41, 51],
      [203, 210, 217],
      [240, 244, 248],
      [82, 96, 109],
    ] as const)
      expect(gradingColour([...c]), c.join()).toBeNull();
  });
});
