import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Database } from "#db/client";
import type { AppContext } from "~/utils/context";
import { createBriefPool, type BriefPool } from "~/pdf/pool.server";
import { createLimiter, INVITATION_RULES, LOGIN_RULES } from "~/utils/rate-limit.server";
import * as planPage from "~/routes/organisations.$organisationId.grants.$grantId";
import * as grantLines from "~/routes/grant-lines._index";
import * as grantPage from "~/routes/grants.$grantId";
import * as settings from "~/routes/foundation.settings";
import * as organisations from "~/routes/foundation.organisations";
import * as cohortPage from "~/routes/cohorts.$cohortId._index";
import * as assessmentPage from "~/routes/organisations.$organisationId.continuum.$assessmentId";
import * as portfolioCsv from "~/routes/portfolio[.csv]";
import * as audit from "~/routes/foundation.audit";
import * as practices from "~/routes/practices._index";
import * as organisationBrief from "~/routes/organisations.$organisationId.brief[.pdf]";
import { createTestDatabase } from "../support/db";
import { cookieFor, CSRF, routeContext } from "../support/routes";
import { createAuthzWorld, databaseFingerprint, type AuthzWorld } from "../support/authz-world";

/**
 * Random, oversized, wrongly typed, Unicode and injection input to actions and to the
 * parameters of exports: never a 500, never a partial change (a hash of every row of every table), and a
 * refused form comes back with a message naming its field and every value that was sent.
 */
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.constantFrom(
    "' OR 1=1 --",
    '\'; drop table "grant"; --',
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    '=HYPERLINK("http://x")',
    "\u0000",
    "\u202e\u0301",
    "-1",
    "0",
    "1e309",
    "NaN",
    "Infinity",
    "$10,000,000,000.01",
    "9".repeat(40),
    "1.0000000000000002",
    "2026-02-30",
    "00000000-0000-0000-0000-000000000000",
    "{}",
    "[]",
    "",
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.string({ minLength: 3000, maxLength: 12000 }),
);

let database: Database;
let context: AppContext;
let briefs: BriefPool;
let w: AuthzWorld;
const cookies = new Map<string, string>();

beforeAll(async () => {
  database = await createTestDatabase();
  briefs = createBriefPool({ threads: 1, timeoutMs: 60_000 });
  context = routeContext(database, { briefs, loginLimiter: createLimiter(LOGIN_RULES), invitationLimiter: createLimiter(INVITATION_RULES) });
  w = await createAuthzWorld(database.db, context.secret);
  for (const [name, id] of Object.entries(w.users)) cookies.set(name, await cookieFor(context, id));
}, 120_000);
afterAll(async () => {
  await briefs?.close();
  await database?.close();
});

type Handler = (args: never) => unknown;
interface Outcome {
  status: number;
  body: unknown;
}

/** Runs a loader or action the way Remix would, turning what it returns or throws into a status and a body. */
async function run(handler: Handler, request: Request, params: Record<string, string>): Promise<Outcome> {
  try {
    const result = await handler({ request, context, params } as never);
    if (result instanceof Response) return { status: result.status, body: null };
    const init = (result as { init?: { status?: number }; data?: unknown })?.init;
    return { status: init?.status ?? 200, body: (result as { data?: unknown })?.data ?? result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: null };
    const init = (thrown as { init?: { status?: number } })?.init;
    if (init?.status) return { status: init.status, body: (thrown as { data?: unknown }).data };
    return { status: 500, body: String((thrown as Error)?.stack ?? thrown) };
  }
}

function post(path: string, cookie: string, fields: Record<string, string>) {
  const body = new URLSearchParams({ csrf: CSRF });
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(`http://localhost${path}`, { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body });
}

interface ActionTarget {
  name: string;
  handler: Handler;
  caller: string;
  path: () => string;
  params: () => Record<string, string>;
  /** Fixed fields (the intent), then the fields the fuzzer fills. */
  fixed?: Record<string, string>;
  fields: string[];
}

const actions: ActionTarget[] = [
  {
    name: "plan save",
    handler: planPage.action,
    caller: "xDirector",
    path: () => `/organisations/${w.organisationX}/grants/${w.grantId}`,
    params: () => ({ organisationId: w.organisationX, grantId: w.grantId }),
    fields: [
      "version",
      "lines[0].pillar",
      "lines[0].purpose",
      "lines[0].amount",
      "lines[0].description",
      "lines[0].practice",
      "lines[1].amount",
      "lines[1].pillar",
    ],
  },
  {
    name: "new grant line",
    handler: grantLines.action,
    caller: "aOfficer",
    path: () => "/grant-lines",
    params: () => ({}),
    fields: ["name", "fiscalYear", "kind", "allowance", "description"],
  },
  {
    name: "grant edit",
    handler: grantPage.action,
    caller: "aOfficer",
    path: () => `/grants/${w.grantId}`,
    params: () => ({ grantId: w.grantId }),
    fixed: { intent: "grant" },
    fields: ["title", "proposedBudget", "awarded", "startsOn", "endsOn", "status", "officerId", "version"],
  },
  {
    name: "foundation settings",
    handler: settings.action,
    caller: "aAdmin",
    path: () => "/foundation/settings",
    params: () => ({}),
    fields: ["name", "defaultAllowance", "minGroupSize", "version"],
  },
  {
    name: "new grantee organisation",
    handler: organisations.action,
    caller: "aAdmin",
    path: () => "/foundation/organisations",
    params: () => ({}),
    fields: ["name", "directorEmail"],
  },
  {
    name: "new discussion thread",
    handler: cohortPage.action,
    caller: "xStaff",
    path: () => `/cohorts/${w.cohortId}`,
    params: () => ({ cohortId: w.cohortId }),
    fixed: { intent: "thread" },
    fields: ["title", "body"],
  },
  {
    name: "new session",
    handler: cohortPage.action,
    caller: "aOfficer",
    path: () => `/cohorts/${w.cohortId}`,
    params: () => ({ cohortId: w.cohortId }),
    fixed: { intent: "session" },
    fields: ["title", "date", "time", "timeZone", "duration", "place", "videoUrl", "agenda"],
  },
  {
    name: "self-assessment draft",
    handler: assessmentPage.action,
    caller: "xDirector",
    path: () => `/organisations/${w.organisationX}/continuum/${w.draftId}`,
    params: () => ({ organisationId: w.organisationX, assessmentId: w.draftId }),
    fixed: { intent: "save" },
    fields: ["version", "stage_leadership", "note_leadership", "stage_workload", "reflection", "nextSteps"],
  },
];

interface FormReply {
  status?: string;
  error?: Record<string, string[] | null> | null;
  initialValue?: Record<string, unknown> | null;
}

/** The form's reply (conform's) in what an action returned, wherever the action put it. */
function replyIn(body: unknown, depth = 0): FormReply | null {
  if (!body || typeof body !== "object" || depth > 3) return null;
  if ("initialValue" in body && "error" in body) return body as FormReply;
  for (const v of Object.values(body)) {
    const found = replyIn(v, depth + 1);
    if (found) return found;
  }
  return null;
}

/** The value at a field name (`lines[0].amount`) in the nested values a reply returns. */
function valueAt(values: unknown, name: string): unknown {
  let at = values;
  for (const part of name.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "")) {
    if (!at || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/**
 * What is wrong with a refusal, or null: it must come back as the form's reply, with a message that names a
 * field of the form (a form-wide message only for a conflict or a wait), and with every value the user sent,
 * so that nothing typed is lost.
 */
function refusalProblem(body: unknown, status: number, sent: Record<string, string>, formFields: string[]): string | null {
  const reply = replyIn(body);
  if (!reply) return "no form reply";
  const messages = Object.entries(reply.error ?? {}).filter(([, m]) => m?.some((x) => /[A-Za-z]{3,}/.test(x)));
  if (messages.length === 0) return "no message";
  const named = messages.map(([k]) => k).filter((k) => k !== "");
  if (named.length === 0 && status !== 409 && status !== 429) return "a message for the whole form, naming no field";
  const belongs = (k: string) => formFields.some((f) => f === k || f.startsWith(`${k}.`) || f.startsWith(`${k}[`));
  for (const k of named) if (!belongs(k)) return `a message for "${k}", which is not a field of the form`;
  for (const [name, value] of Object.entries(sent)) {
    const expected = value.replaceAll("\u0000", "");
    if (name === "csrf" || expected === "") continue;
    if (valueAt(reply.initialValue, name) !== expected) return `"${name}" did not come back as sent`;
  }
  return null;
}

describe("fuzzed action input", () => {
  for (const target of actions) {
    it(`${target.name}: never a 500, never a partial change, a refusal names its field and keeps the input`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.record(Object.fromEntries(target.fields.map((f) => [f, fc.option(nasty, { nil: undefined })]))), async (generated) => {
          const fields: Record<string, string> = { ...target.fixed };
          for (const [k, v] of Object.entries(generated)) if (v !== undefined) fields[k] = v;
          const before = await databaseFingerprint(database.db);
          const outcome = await run(target.handler, post(target.path(), cookies.get(target.caller)!, fields), target.params());
          expect(outcome.status, JSON.stringify({ fields, body: outcome.body }).slice(0, 2000)).toBeLessThan(500);
          if (outcome.status >= 400) {
            expect(await databaseFingerprint(database.db)).toEqual(before);
            if (outcome.status !== 404 && outcome.status !== 403) {
              const formFields = [...Object.keys(target.fixed ?? {}), ...target.fields];
              expect(refusalProblem(outcome.body, outcome.status, fields, formFields), JSON.stringify({ fields, body: outcome.body }).slice(0, 800)).toBeNull();
            }
          }
        }),
        { numRuns: 40 },
      );
    });
  }
});

describe("fuzzed parameters of pages and exports", () => {
  const loaders: { name: string; handler: Handler; caller: string; path: string; params: () => Record<string, string>; keys: string[] }[] = [
    {
      name: "portfolio CSV",
      handler: portfolioCsv.loader,
      caller: "aOfficer",
      path: "/portfolio.csv",
      params: () => ({}),
      keys: ["line", "year", "status", "officer", "organisation", "sort", "dir", "page"],
    },
    {
      name: "audit trail",
      handler: audit.loader,
      caller: "aAdmin",
      path: "/foundation/audit",
      params: () => ({}),
      keys: ["person", "object", "from", "to", "page"],
    },
    {
      name: "practices search",
      handler: practices.loader,
      caller: "xStaff",
      path: "/practices",
      params: () => ({}),
      keys: ["q", "tier", "pillar", "level", "page"],
    },
    {
      name: "plan brief",
      handler: organisationBrief.loader,
      caller: "xDirector",
      path: `/organisations/X/brief.pdf`,
      params: () => ({ organisationId: w.organisationX }),
      keys: ["journey"],
    },
  ];
  for (const target of loaders) {
    it(`${target.name}: any query string answers without a 500`, async () => {
      await fc.assert(
        // NUL never reaches a loader: the server refuses it in any URL (tests/e2e/server.spec.ts).
        fc.asyncProperty(
          fc.dictionary(
            fc.constantFrom(...target.keys),
            nasty.filter((v) => !v.includes("\u0000")),
            { maxKeys: target.keys.length },
          ),
          async (query) => {
            const url = new URL(`http://localhost${target.path}`);
            for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
            const outcome = await run(target.handler, new Request(url, { headers: { cookie: cookies.get(target.caller)! } }), target.params());
            expect(outcome.status, `${url.search.slice(0, 300)} ${String(outcome.body).slice(0, 1000)}`).toBeLessThan(500);
          },
        ),
        { numRuns: target.name === "plan brief" ? 5 : 40 },
      );
    });
  }
});
