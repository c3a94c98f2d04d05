import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_STORE_ROUTES, PERMISSIONS_POLICY } from "~/utils/response-headers.server";
import { createAuthzWorld } from "../support/authz-world";
import { servedDatabase, sessionCookie } from "../support/served-database";
import { startServerProcess, type ServerProcess } from "../support/server-process";

/**
 * Pages that show self-assessments, their sharing or figures drawn from them answer `Cache-Control: no-store`
 * through one list (app/utils/response-headers.server.ts), as documents and as data for client navigations;
 * every response, refusals included, carries the Permissions-Policy.
 */
type Who = "xDirector" | "aOfficer" | "aAdmin";

describe("response headers", () => {
  let served: Awaited<ReturnType<typeof servedDatabase<{ cookies: Record<Who, string>; pages: Record<string, { who: Who; path: string }> }>>>;
  let server: ServerProcess;

  beforeAll(async () => {
    served = await servedDatabase(async (db) => {
      const w = await createAuthzWorld(db, "response-headers-secret");
      const cookies = {
        xDirector: await sessionCookie(db, w.users.xDirector),
        aOfficer: await sessionCookie(db, w.users.aOfficer),
        aAdmin: await sessionCookie(db, w.users.aAdmin),
      };
      // A page of every route in the list, as someone who may see it.
      const pages: Record<string, { who: Who; path: string }> = {
        "routes/organisations.$organisationId.continuum._index": { who: "xDirector", path: `/organisations/${w.organisationX}/continuum` },
        "routes/organisations.$organisationId.continuum.$assessmentId": { who: "xDirector", path: `/organisations/${w.organisationX}/continuum/${w.draftId}` },
        "routes/organisations.$organisationId.continuum.sharing": { who: "xDirector", path: `/organisations/${w.organisationX}/continuum/sharing` },
        "routes/organisations.$organisationId.data": { who: "xDirector", path: `/organisations/${w.organisationX}/data` },
        "routes/foundation.organisations_.$organisationId.continuum": { who: "aOfficer", path: `/foundation/organisations/${w.organisationX}/continuum` },
        "routes/foundation.self-assessment._index": { who: "aAdmin", path: "/foundation/self-assessment" },
        "routes/foundation.self-assessment.summary": { who: "aAdmin", path: "/foundation/self-assessment/summary" },
      };
      return { cookies, pages };
    });
    server = await startServerProcess(served.env);
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    await served?.close();
  });

  const get = (path: string, who?: Who) => fetch(`${server.base}${path}`, { redirect: "manual", headers: who ? { cookie: served.value.cookies[who] } : {} });

  it("lists only routes that exist, and the test has a page for each", () => {
    for (const id of NO_STORE_ROUTES) {
      expect(existsSync(path.resolve("app", `${id}.tsx`)), id).toBe(true);
      expect(served.value.pages[id], id).toBeDefined();
    }
  });

  it("sends no-store with every listed page, as a document and as data", async () => {
    for (const [id, { who, path }] of Object.entries(served.value.pages)) {
      const page = await get(path, who);
      expect(page.status, id).toBe(200);
      expect(page.headers.get("cache-control"), id).toMatch(/\bno-store\b/);
      const data = await get(`${path}.data`, who);
      expect(data.status, `${id} data`).toBe(200);
      expect(data.headers.get("cache-control"), `${id} data`).toMatch(/\bno-store\b/);
    }
  });

  it("leaves pages without self-assessment data to the ordinary rules", async () => {
    const page = await get("/practices", "xDirector");
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control") ?? "").not.toMatch(/no-store/);
  });

  it("sends the Permissions-Policy with every response: pages, data, refusals, errors, assets, /healthz", async () => {
    const answers = [
      await get("/healthz"),
      await get("/login"),
      await get(served.value.pages["routes/foundation.self-assessment._index"].path, "aAdmin"),
      await get("/practices.data", "xDirector"),
      await get("/no/such/page"),
      await get("/favicon.svg"),
      await fetch(`${server.base}/login`, { method: "POST", headers: { origin: "null" }, body: "" }),
      await fetch(`${server.base}/login`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "csrf=x" }),
    ];
    for (const answer of answers) expect(answer.headers.get("permissions-policy"), answer.url).toBe(PERMISSIONS_POLICY);
    expect(PERMISSIONS_POLICY).toMatch(/camera=\(\)/);
  });
});
