import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/db";
import { addOrganisationMember, createFoundationWithAdmin, createOrganisation, createUser, fundOrganisation, TEST_PASSWORD } from "../support/factories";
import { createGrantRow, createLine } from "../support/grants-factories";
import { procFile, processTree, signIn, startServerProcess, type ServerProcess } from "../support/server-process";

/** The server processes themselves: node processes of server.ts with none below them. */
const serverProcesses = (server: ServerProcess) =>
  processTree(server.child.pid!)
    .slice(1)
    .filter((p) => procFile(p, "cmdline").includes("server.ts") && processTree(p).length === 1);

/** The "Planned" figure of the portfolio's totals. */
const plannedTotal = (html: string) => /data-testid="portfolio-totals".*?<dd>[^<]*<\/dd>(?:.*?<dd>([^<]*)<\/dd>){4}/s.exec(html)?.[1];

/**
 * WEB_CONCURRENCY=2: one port, two server processes. Each keeps its own computed portfolio pages, so a plan
 * saved through one must show at once on pages served by the other (the portfolio version, migration 0062).
 */
describe.skipIf(!process.env.DATABASE_URL)("several server processes on one port (WEB_CONCURRENCY)", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: ServerProcess;
  let world: { adminEmail: string; directorEmail: string; organisationId: string; grantId: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    const { foundation, admin } = await createFoundationWithAdmin(db);
    const organisation = await createOrganisation(db);
    await fundOrganisation(db, foundation.id, organisation.id);
    const director = await createUser(db);
    await addOrganisationMember(db, director.id, organisation.id, "director");
    const line = await createLine(db, foundation.id, { allowanceBps: 1000 });
    const grant = await createGrantRow(db, line, organisation.id, { proposedCents: 100_000_00, status: "active" });
    world = { adminEmail: admin.email, directorEmail: director.email, organisationId: organisation.id, grantId: grant.id };
    server = await startServerProcess({ DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: database.schema, WEB_CONCURRENCY: "2" });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });

  it("runs two server processes, and a plan saved through one shows on the portfolio of both", async () => {
    expect(serverProcesses(server)).toHaveLength(2);
    const officer = await signIn(server.base, world.adminEmail, TEST_PASSWORD);
    const portfolio = async () => {
      const res = await fetch(`${server.base}/portfolio`, { headers: { cookie: officer.cookie } });
      expect(res.status).toBe(200);
      return plannedTotal(await res.text());
    };
    // Connections are handed to the processes in turn: ten views leave a page kept in each.
    for (let i = 0; i < 10; i++) expect(await portfolio()).toBe("$0.00");

    const director = await signIn(server.base, world.directorEmail, TEST_PASSWORD);
    const saved = await fetch(`${server.base}/organisations/${world.organisationId}/grants/${world.grantId}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: director.cookie, origin: server.base },
      body: new URLSearchParams({
        csrf: director.csrf,
        version: "0",
        "lines[0].pillar": "workload",
        "lines[0].purpose": "prevention",
        "lines[0].amount": "6,000",
        "lines[0].description": "Caseload caps",
      }),
    });
    expect(saved.status).toBe(302);
    for (let i = 0; i < 10; i++) expect(await portfolio()).toBe("$6,000.00");
  });

  it("starts another server process when one dies", async () => {
    const [victim] = serverProcesses(server);
    process.kill(victim, "SIGKILL");
    const deadline = Date.now() + 60_000;
    while (serverProcesses(server).filter((p) => p !== victim).length < 2) {
      if (Date.now() > deadline) throw new Error(`no replacement started:\n${server.log()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(serverProcesses(server)).not.toContain(victim);
    for (let i = 0; i < 6; i++) expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
  });

  it("stops every server process on SIGTERM", async () => {
    const processes = serverProcesses(server);
    await server.stop();
    const alive = (p: number) => {
      try {
        process.kill(p, 0);
        return true;
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 30_000;
    while (processes.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(processes.filter(alive)).toEqual([]);
  });
});
