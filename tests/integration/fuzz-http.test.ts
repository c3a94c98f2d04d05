import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { readBoundedForm, type FormRefusal } from "~/utils/form-body.server";
import { createAuthzWorld, type Caller } from "../support/authz-world";
import { CSRF } from "../support/routes";
import { servedDatabase, sessionCookie } from "../support/served-database";
import { rawRequest, startServerProcess, treeCpuMs, type RawAnswer, type ServerProcess } from "../support/server-process";

/**
 * Generated bodies sent to every action through a real socket, to the real server with its middleware and
 * limits: field names from a grammar (sparse and huge list indexes, prototype names, repeated keys, very long
 * and malformed names), values of many shapes and encodings, urlencoded and multipart, chunked or with a
 * length, over 1 MB. Every hostile shape is refused with 400, 413 or 415 (never a 500), a refusal names the
 * field to blame, the server spends a small bounded amount of CPU on each request (read from /proc, not the
 * clock), and nothing stored changes (a hash of every row of every table).
 */
const CPU_BUDGET_MS = 400;
const LIMIT = 1_000_000;

type Who = Exclude<Caller, "anon"> | "anon";
interface Target {
  name: string;
  who: Who;
  path: string;
  /** Fields the form has (the fuzzer fills them), the intent included where the action has several. */
  fields: Record<string, string>;
  /** The action refuses before it reads a body (no such page, setup done): 404 or 405 is its refusal. */
  refusesFirst?: boolean;
}

interface World {
  cookies: Record<Who, string>;
  targets: Target[];
}

let served: Awaited<ReturnType<typeof servedDatabase<World>>>;
let server: ServerProcess;
let before: Record<string, string>;
const cpu: number[] = [];

beforeAll(async () => {
  served = await servedDatabase(async (db, secret) => {
    const w = await createAuthzWorld(db, secret);
    const cookies = { anon: `sts_csrf=${CSRF}` } as Record<Who, string>;
    for (const [who, id] of Object.entries(w.users)) cookies[who as Who] = await sessionCookie(db, id);
    const X = `/organisations/${w.organisationX}`;
    const targets: Target[] = [
      { name: "login", who: "anon", path: "/login", fields: { email: "a@example.org", password: "x", redirectTo: "/" } },
      { name: "setup (done)", who: "anon", path: "/setup", fields: { name: "F", email: "a@example.org" }, refusesFirst: true },
      { name: "no such page", who: "xStaff", path: "/no/such/page", fields: { intent: "x" }, refusesFirst: true },
      { name: "invitation", who: "anon", path: "/invitations/not-a-token", fields: { intent: "accept-new", name: "N", password: "p" } },
      { name: "unsubscribe", who: "anon", path: `/unsubscribe/${w.unsubscribe}`, fields: {} },
      { name: "logout", who: "xStaff", path: "/logout", fields: {} },
      { name: "account", who: "xStaff", path: "/account", fields: { intent: "profile", name: "N", locale: "en", timeZone: "UTC" } },
      { name: "context", who: "xStaff", path: "/context", fields: { membershipId: w.aAdminMembershipId } },
      { name: "cohorts", who: "aOfficer", path: "/cohorts", fields: { name: "C", facilitatorIds: w.users.aOfficer } },
      { name: "cohort thread", who: "xStaff", path: `/cohorts/${w.cohortId}`, fields: { intent: "thread", title: "T", body: "B" } },
      { name: "cohort session", who: "aOfficer", path: `/cohorts/${w.cohortId}`, fields: { intent: "session", title: "S", date: "2030-01-01", time: "10:00" } },
      { name: "thread reply", who: "xStaff", path: `/cohorts/${w.cohortId}/discussion/${w.threadId}`, fields: { intent: "reply", body: "B" } },
      {
        name: "attendance",
        who: "aOfficer",
        path: `/cohorts/${w.cohortId}/sessions/${w.sessionId}`,
        fields: { intent: "attendance", attended: w.users.xStaff },
      },
      { name: "foundation members", who: "aAdmin", path: "/foundation/members", fields: { intent: "invite", email: "e@example.org", role: "staff" } },
      { name: "foundation organisations", who: "aAdmin", path: "/foundation/organisations", fields: { name: "O", directorEmail: "d@example.org" } },
      { name: "foundation resources", who: "aAdmin", path: "/foundation/resources", fields: { name: "R", url: "https://x.example", pillars: "workload" } },
      { name: "foundation self-assessment", who: "aStaff", path: "/foundation/self-assessment", fields: { intent: "save", stage_leadership: "competence" } },
      { name: "self-assessment summary", who: "aAdmin", path: "/foundation/self-assessment/summary", fields: { intent: "invite" } },
      {
        name: "foundation settings",
        who: "aAdmin",
        path: "/foundation/settings",
        fields: { name: "F", defaultAllowance: "10", minGroupSize: "5", version: "0" },
      },
      { name: "grant lines", who: "aOfficer", path: "/grant-lines", fields: { name: "L", fiscalYear: "2030", kind: "dedicated", allowance: "10" } },
      {
        name: "grant line",
        who: "aOfficer",
        path: `/grant-lines/${w.lineId}`,
        fields: { intent: "grant", title: "G", proposedBudget: "100", status: "proposed" },
      },
      {
        name: "grant",
        who: "aOfficer",
        path: `/grants/${w.grantId}`,
        fields: { intent: "grant", title: "G", proposedBudget: "100", status: "active", version: "0" },
      },
      { name: "continuum", who: "xDirector", path: `${X}/continuum`, fields: { intent: "start" } },
      {
        name: "continuum draft",
        who: "xDirector",
        path: `${X}/continuum/${w.draftId}`,
        fields: { intent: "save", version: "0", stage_leadership: "competence" },
      },
      { name: "sharing", who: "xDirector", path: `${X}/continuum/sharing`, fields: { foundationId: w.foundationA, share: "on" } },
      {
        name: "plan",
        who: "xDirector",
        path: `${X}/grants/${w.grantId}`,
        fields: { version: "0", "lines[0].pillar": "supervision", "lines[0].amount": "10", "lines[1].pillar": "workload", "lines[1].amount": "5" },
      },
      { name: "organisation members", who: "xDirector", path: `${X}/members`, fields: { intent: "invite", email: "e@example.org", role: "staff" } },
    ];
    return { cookies, targets };
  });
  before = await served.fingerprint();
  server = await startServerProcess(served.env);
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await served?.close();
});

// ---- Bodies -------------------------------------------------------------------------------------------------

/** Values of many shapes: Unicode, control characters, injection, numbers, long text. */
const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("", "\u0000", "\u202e\u0301", "' OR 1=1 --", "<script>alert(1)</script>", "=HYPERLINK(1)", "9".repeat(40), "NaN", "-1", "1e309", "{}"),
  fc.integer().map(String),
  fc.string({ minLength: 2000, maxLength: 8000 }),
);

/** How a pair is written on the wire: percent-encoded, '+' for spaces, or with broken escapes and raw bytes. */
const encoding = fc.constantFrom("percent", "plus", "broken");
function encode(text: string, how: string) {
  if (how === "plus") return new URLSearchParams([["", text]]).toString().slice(1);
  if (how === "broken") return `${encodeURIComponent(text)}%ZZ%E0%A4%ff%`;
  return encodeURIComponent(text);
}

type Hostile =
  | { kind: "name"; name: string }
  | { kind: "sparse"; list: string; index: number }
  | { kind: "shape"; name: string }
  | { kind: "fields"; count: number }
  | { kind: "oversize"; bytes: number }
  | { kind: "multipart" }
  | { kind: "type"; type: string };

const segment = fc.constantFrom("lines", "a", "intent", "x_y", "csrf", "stage_leadership");
const badSegment = fc.constantFrom("__proto__", "constructor", "prototype");
/** Names outside the grammar, or past its limits: each one alone gets a body refused. */
const hostileName = fc.oneof(
  badSegment,
  fc.tuple(segment, badSegment).map(([a, b]) => `${a}.${b}`),
  fc.tuple(segment, fc.nat(3), badSegment).map(([a, i, b]) => `${a}[${i}].${b}`),
  fc.tuple(segment, fc.integer({ min: 250, max: 10_000_000 })).map(([a, i]) => `${a}[${i}].amount`),
  fc.constantFrom("lines[100000].amount", "lines[01].amount", "lines[].amount", "a..b", "a.", ".a", "[0]", "a[0]b", "a b", "é", "a[x]", "", "a\u0000b"),
  fc.string({ minLength: 101, maxLength: 3000 }).map((s) => `a${s.replace(/[^a-z]/g, "b")}`),
  fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(s)),
);
const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  { weight: 5, arbitrary: hostileName.map((name) => ({ kind: "name" as const, name })) },
  { weight: 2, arbitrary: fc.tuple(segment, fc.integer({ min: 2, max: 249 })).map(([list, index]) => ({ kind: "sparse" as const, list, index })) },
  { weight: 1, arbitrary: segment.map((name) => ({ kind: "shape" as const, name })) },
  { weight: 1, arbitrary: fc.integer({ min: 2_001, max: 60_000 }).map((count) => ({ kind: "fields" as const, count })) },
  { weight: 1, arbitrary: fc.integer({ min: LIMIT + 1, max: 3 * LIMIT }).map((bytes) => ({ kind: "oversize" as const, bytes })) },
  { weight: 1, arbitrary: fc.constant({ kind: "multipart" as const }) },
  { weight: 1, arbitrary: fc.constantFrom("application/json", "text/plain", "").map((type) => ({ kind: "type" as const, type })) },
);

/** The body's pairs before encoding: the form's fields with generated values, repeated at times, and the hostile part. */
function pairsOf(target: Target, values: string[], repeats: boolean[], bad: Hostile): [string, string][] {
  const pairs: [string, string][] = [["csrf", CSRF]];
  Object.keys(target.fields).forEach((name, i) => {
    pairs.push([name, values[i % values.length] ?? target.fields[name]]);
    if (repeats[i % repeats.length]) pairs.push([name, values[(i + 1) % values.length] ?? ""]);
  });
  if (bad.kind === "name") pairs.splice(1 + (bad.name.length % pairs.length), 0, [bad.name, "1"]);
  if (bad.kind === "sparse") pairs.push([`${bad.list}_s[0].amount`, "1"], [`${bad.list}_s[${bad.index}].amount`, "1"]);
  if (bad.kind === "shape") pairs.push([`${bad.name}_v`, "1"], [`${bad.name}_v.x`, "2"]);
  return pairs;
}

interface Sent {
  answer: RawAnswer;
  /** What the app's own form reader says of the same bytes: the refusal the server must give. */
  expected: { status: number; field?: string };
}

async function send(target: Target, pairs: [string, string][], how: string, bad: Hostile, chunked: boolean): Promise<Sent> {
  const headers: Record<string, string> = { cookie: served.value.cookies[target.who], origin: server.base };
  let type = "application/x-www-form-urlencoded";
  let text = pairs.map(([k, v]) => `${encode(k, how === "broken" ? "percent" : how)}=${encode(v, how)}`).join("&");
  if (bad.kind === "fields") text += "&f=1".repeat(bad.count);
  if (bad.kind === "multipart") {
    type = "multipart/form-data; boundary=XyZ";
    text = pairs.map(([k, v]) => `--XyZ\r\nContent-Disposition: form-data; name="${k.replaceAll('"', "%22")}"\r\n\r\n${v}\r\n`).join("") + "--XyZ--\r\n";
  }
  if (bad.kind === "type") type = bad.type;
  const head = new TextEncoder().encode(text);
  const total = bad.kind === "oversize" ? Math.max(bad.bytes, head.byteLength) : head.byteLength;
  const body = function* () {
    yield head;
    // The oversize tail: one long value, made lazily so that nothing past what the server reads is built twice.
    const piece = new TextEncoder().encode("x".repeat(64 * 1024));
    for (let sent = head.byteLength; sent < total; sent += piece.byteLength) yield piece.subarray(0, Math.min(piece.byteLength, total - sent));
  };
  if (type) headers["content-type"] = type;
  if (!chunked) headers["content-length"] = String(total);
  const measured = async () => {
    const started = treeCpuMs(server.child.pid!);
    const answer = await rawRequest(server.base, { path: target.path, headers, chunked, body });
    return { answer, cpuMs: treeCpuMs(server.child.pid!) - started };
  };
  const { answer, cpuMs } = await measured();
  // The process tree's CPU also counts work that is not this request's (timers, the render process starting,
  // garbage collection). A request over budget is sent once more and the lower figure kept: only a request
  // that is costly every time it is sent fails the budget.
  cpu.push(cpuMs < CPU_BUDGET_MS ? cpuMs : Math.min(cpuMs, (await measured()).cpuMs));
  return { answer, expected: await expectedRefusal(type, body, total) };
}

async function expectedRefusal(type: string, body: () => Iterable<Uint8Array>, total: number) {
  if (total > LIMIT) return { status: 413 };
  const request = new Request("http://localhost/", { method: "POST", headers: type ? { "content-type": type } : {}, body: Buffer.concat([...body()]) });
  try {
    await readBoundedForm(request);
    return { status: 200 };
  } catch (thrown) {
    const refusal = thrown as Response;
    return { status: refusal.status, field: ((await refusal.json()) as FormRefusal).field };
  }
}

const escapeHtml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#x27;");

async function checkNothingChanged() {
  if (served.liveFingerprint) expect(await served.liveFingerprint()).toEqual(before);
}

// ---- Properties ---------------------------------------------------------------------------------------------

describe("fuzzed bodies through the real server", () => {
  it("refuses every hostile shape at every action: 400, 413 or 415, naming the field, at a bounded cost", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...served.value.targets),
        fc.array(value, { minLength: 1, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
        hostile,
        encoding,
        fc.boolean(),
        async (target, values, repeats, bad, how, chunked) => {
          const { answer, expected } = await send(target, pairsOf(target, values, repeats, bad), how, bad, chunked);
          const context = JSON.stringify({ target: target.name, bad, how, chunked, status: answer.status, body: answer.body.slice(0, 300) }).slice(0, 1500);
          expect(answer.status, context).not.toBe(0);
          expect(answer.status, context).toBeLessThan(500);
          // The reader refuses every hostile shape; the server answers as it says, or before reading at all.
          expect([400, 413, 415], context).toContain(expected.status);
          if (target.refusesFirst) expect([404, 405, 413], context).toContain(answer.status);
          else expect(answer.status, context).toBe(expected.status);
          if (!target.refusesFirst && expected.field !== undefined) expect(answer.body, context).toContain(escapeHtml(expected.field));
          await checkNothingChanged();
        },
      ),
      { numRuns: 90 },
    );
  }, 240_000);

  it("changed nothing stored: the hostile requests left every row of every table as it was", async () => {
    // On PostgreSQL this was checked after every request. PGlite belongs to one process: the server stops so that
    // the directory can be read, then starts again for the next property.
    if (served.liveFingerprint) return expect(await served.liveFingerprint()).toEqual(before);
    await server.stop();
    try {
      expect(await served.fingerprint()).toEqual(before);
    } finally {
      server = await startServerProcess(served.env);
    }
  }, 180_000);

  it("answers values of any shape in the forms' own fields, repeated keys included, without a 500 and at a bounded cost", async () => {
    let baseline = before;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...served.value.targets.filter((t) => t.name !== "logout")),
        fc.array(value, { minLength: 1, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
        encoding,
        fc.boolean(),
        async (target, values, repeats, how, chunked) => {
          const none: Hostile = { kind: "type", type: "application/x-www-form-urlencoded" };
          const { answer } = await send(target, pairsOf(target, values, repeats, none), how, none, chunked);
          const context = JSON.stringify({ target: target.name, status: answer.status, body: answer.body.slice(0, 500) });
          expect(answer.status, context).not.toBe(0);
          expect(answer.status, context).toBeLessThan(500);
          // Valid forms may be saved; a refused one changes nothing (checked where the database can be read live).
          if (served.liveFingerprint) {
            const now = await served.liveFingerprint();
            if (answer.status >= 400) expect(now, context).toEqual(baseline);
            baseline = now;
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 240_000);

  it("spent a small, bounded amount of server CPU on every request", () => {
    expect(cpu.length).toBeGreaterThan(100);
    const worst = Math.max(...cpu);
    expect(
      worst,
      `CPU per request (ms), worst first: ${[...cpu]
        .sort((a, b) => b - a)
        .slice(0, 10)
        .join(", ")}`,
    ).toBeLessThan(CPU_BUDGET_MS);
  });
});
