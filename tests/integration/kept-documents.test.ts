import { randomBytes } from "node:crypto";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import type { Database } from "#db/client";
import { createThread } from "~/domain/cohorts.server";
import { createKeptDocuments, type KeptDocuments } from "~/utils/kept-documents.server";
import { withRequestTiming } from "~/utils/timing.server";
import { createTestDatabase } from "../support/db";
import { addFoundationMember, createFoundation, createOrganisation, createUser, fundOrganisation } from "../support/factories";
import { addPlanLines, createGrantRow, createLine } from "../support/grants-factories";
import { createCohortWorld } from "../support/learning-factories";
import { cookieFor, get, routeContext } from "../support/routes";

/**
 * Kept documents through the production build's own request handler and entry: a kept document is byte for
 * byte what a fresh render gives (but for its nonce), every change shows on the next view, loaders still
 * decide who sees what, and pages that do not declare it are always rendered.
 */
let database: Database;
let handler: ReturnType<typeof createRequestHandler>;
let documents: KeptDocuments;
let officer: { id: string; email: string };
let otherOfficer: { id: string; email: string };
let membershipId: string;
let grantId: string;

const nonce = () => randomBytes(16).toString("base64");

/** `keep` null: a server that keeps no documents. `acceptEncoding`: the client's header, if it sends one. */
async function view(pathname: string, cookie: string, keep: KeptDocuments | null = documents, acceptEncoding?: string) {
  const cspNonce = nonce();
  const context = { ...routeContext(database), cspNonce, requestScope: {}, keptDocuments: keep ?? undefined };
  const request = get(pathname, cookie);
  if (acceptEncoding) request.headers.set("accept-encoding", acceptEncoding);
  const res = await withRequestTiming(() => handler(request, context));
  const bytes = Buffer.from(await res.arrayBuffer());
  const encoding = res.headers.get("content-encoding");
  const body = (encoding === "gzip" ? gunzipSync(bytes) : bytes).toString();
  return {
    status: res.status,
    encoding,
    bytes: bytes.byteLength,
    body,
    nonce: cspNonce,
    kept: /render;dur=[\d.]+;desc="kept"/.test(res.headers.get("server-timing") ?? ""),
    /** The document with its nonce taken out, to compare renders. */
    normalised: body.replaceAll(cspNonce, "NONCE"),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const build = (await import(path.resolve("build/server/index.js"))) as ServerBuild;
  handler = createRequestHandler(build, "production");
  documents = createKeptDocuments(8 * 2 ** 20)!;
  const db = database.db;
  const foundation = await createFoundation(db);
  officer = await createUser(db, { name: "Ola Officer" });
  otherOfficer = await createUser(db, { name: "Ike Officer" });
  membershipId = (await addFoundationMember(db, officer.id, foundation.id, "program_officer")).id;
  await addFoundationMember(db, otherOfficer.id, foundation.id, "program_officer");
  const organisation = await createOrganisation(db, "Riverside Refugee Services");
  await fundOrganisation(db, foundation.id, organisation.id);
  const line = await createLine(db, foundation.id, { name: "Enhancement 2026", allowanceBps: 1000 });
  grantId = (await createGrantRow(db, line, organisation.id, { title: "Casework", proposedCents: 500_000_00 })).id;
}, 60_000);

afterAll(async () => {
  await database?.close();
});

describe("kept documents", () => {
  it("serves the second view of the portfolio from the kept document, identical to a fresh render", async () => {
    const cookie = await cookieFor(routeContext(database), officer.id);
    const first = await view("/portfolio", cookie);
    const second = await view("/portfolio", cookie);
    const fresh = await view("/portfolio", cookie, null);
    expect([first.status, second.status, fresh.status]).toEqual([200, 200, 200]);
    expect(first.kept).toBe(false);
    expect(second.kept).toBe(true);
    expect(fresh.kept).toBe(false);
    expect(second.normalised).toBe(fresh.normalised);
    expect(second.normalised).toBe(first.normalised);
    // Its scripts carry this response's nonce, as many as the render gave, and none of an earlier one.
    const scripts = (v: { body: string; nonce: string }) => v.body.split(`nonce="${v.nonce}"`).length - 1;
    expect(scripts(second)).toBeGreaterThan(0);
    expect(scripts(second)).toBe(scripts(first));
    expect(second.body).not.toContain(first.nonce);
  });

  it("serves a kept document already gzipped to a client that takes gzip, and plain to one that does not", async () => {
    const cookie = await cookieFor(routeContext(database), officer.id);
    const own = createKeptDocuments(8 * 2 ** 20)!;
    const rendered = await view("/portfolio", cookie, own, "gzip, deflate, br");
    // A rendered document is left to the compression middleware, which this handler does not include.
    expect([rendered.kept, rendered.encoding]).toEqual([false, null]);
    const gzipped = await view("/portfolio", cookie, own, "gzip, deflate, br");
    expect([gzipped.kept, gzipped.encoding]).toEqual([true, "gzip"]);
    expect(gzipped.bytes).toBeLessThan(Buffer.byteLength(gzipped.body) / 2);
    expect(gzipped.normalised).toBe(rendered.normalised);
    expect(gzipped.body).toContain(`nonce="${gzipped.nonce}"`);
    for (const declined of [undefined, "br", "gzip;q=0, identity"]) {
      const plain = await view("/portfolio", cookie, own, declined);
      expect([plain.kept, plain.encoding], declined).toEqual([true, null]);
      expect(plain.normalised).toBe(rendered.normalised);
    }
  });

  it("shows a change on the very next view", async () => {
    const cookie = await cookieFor(routeContext(database), officer.id);
    await view("/portfolio", cookie);
    expect((await view("/portfolio", cookie)).kept).toBe(true);
    await addPlanLines(database.db, grantId, [{ pillar: "supervision", amountCents: 1_234_00 }]);
    const after = await view("/portfolio", cookie);
    expect(after.kept).toBe(false);
    expect(after.body).toContain("$1,234.00");
    expect((await view("/portfolio", cookie)).body).toContain("$1,234.00");
  });

  it("gives each viewer documents of their own", async () => {
    await view("/portfolio", await cookieFor(routeContext(database), officer.id));
    const other = await view("/portfolio", await cookieFor(routeContext(database), otherOfficer.id));
    expect(other.kept).toBe(false);
    expect(other.body).toContain(otherOfficer.email);
    expect(other.body).not.toContain(officer.email);
  });

  it("still asks the loaders first: a viewer who lost the role is refused, not served the kept page", async () => {
    const db = database.db;
    const cookie = await cookieFor(routeContext(database), officer.id);
    await view("/portfolio", cookie);
    expect((await view("/portfolio", cookie)).kept).toBe(true);
    await db.updateTable("membership").set({ role: "staff" }).where("id", "=", membershipId).execute();
    try {
      const refused = await view("/portfolio", cookie);
      expect(refused.status).toBe(403);
      expect(refused.kept).toBe(false);
      expect(refused.body).not.toContain("Casework");
    } finally {
      await db.updateTable("membership").set({ role: "program_officer" }).where("id", "=", membershipId).execute();
    }
  });

  it("renders pages that do not declare it every time", async () => {
    const cookie = await cookieFor(routeContext(database), officer.id);
    for (let i = 0; i < 3; i++) expect((await view("/account", cookie)).kept).toBe(false);
  });

  it("keeps the other declared pages too: the grant page and the library", async () => {
    const cookie = await cookieFor(routeContext(database), officer.id);
    for (const p of [`/grants/${grantId}`, "/practices?q=peer"]) {
      const first = await view(p, cookie);
      const second = await view(p, cookie);
      expect(first.status).toBe(200);
      expect([first.kept, second.kept]).toEqual([false, true]);
      expect(second.normalised).toBe((await view(p, cookie, null)).normalised);
    }
  });

  it("keeps a cohort page, and a new discussion thread shows on the next view", async () => {
    const world = await createCohortWorld(database.db);
    const cookie = await cookieFor(routeContext(database), world.officer.id);
    const p = `/cohorts/${world.cohortId}`;
    await view(p, cookie);
    const second = await view(p, cookie);
    expect(second.kept).toBe(true);
    expect(second.normalised).toBe((await view(p, cookie, null)).normalised);
    await createThread(database.db, (await world.access(world.officer.id))!, "Rota for debriefs", "Who takes which week?");
    const after = await view(p, cookie);
    expect(after.kept).toBe(false);
    expect(after.body).toContain("Rota for debriefs");
  });
});
