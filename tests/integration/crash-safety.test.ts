import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createTestDatabase } from "../support/db";
import { queueTestEmails, TEST_PASSWORD } from "../support/factories";
import { createCohortWorld } from "../support/learning-factories";
import { createGrantRow, createLine } from "../support/grants-factories";
import { startSmtpListener } from "../support/smtp";
import { signIn, startServerProcess, type ServerProcess } from "../support/server-process";

/**
 * A server killed outright (SIGKILL) in the middle of plan saves and email delivery loses no
 * committed change, leaves no half-written plan, and once restarted delivers every queued
 * message (at least once; a repeat carries the same Message-ID).
 */
describe.skipIf(!process.env.DATABASE_URL)("crash safety", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let server: ServerProcess | undefined;
  let env: Record<string, string | undefined>;
  let world: Awaited<ReturnType<typeof createCohortWorld>>;
  const grantIds: string[] = [];
  const QUEUED = 120;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await createCohortWorld(database.db);
    const line = await createLine(database.db, world.foundation.id);
    for (let i = 0; i < 30; i++) grantIds.push((await createGrantRow(database.db, line, world.organisation.id, { proposedCents: 100_000_00 })).id);
    // A slow mail server, so the kill lands while messages are going out.
    smtp = await startSmtpListener(undefined, 15);
    env = { DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: database.schema, SMTP_URL: smtp.url, OUTBOX_POLL_MS: "50" };
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await smtp?.close();
    await database?.close();
  });

  it("keeps every committed plan whole and delivers every queued email after a SIGKILL", async () => {
    const db = database.db;
    await queueTestEmails(db, QUEUED);
    server = await startServerProcess(env);
    const { cookie, csrf } = await signIn(server.base, world.director.email, TEST_PASSWORD);
    const base = server.base;
    // Thirty saves of three lines each, one per grant, all in flight; the kill comes after the fifth answer.
    const answered: { grantId: string; status: number }[] = [];
    const saves = grantIds.map((grantId, k) =>
      fetch(`${base}/organisations/${world.organisation.id}/grants/${grantId}`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: base },
        body: new URLSearchParams({
          csrf,
          version: "0",
          ...Object.fromEntries(
            [0, 1, 2].flatMap((n) => [
              [`lines[${n}].pillar`, "supervision"],
              [`lines[${n}].amount`, "100"],
              [`lines[${n}].description`, `save-${k}`],
            ]),
          ),
        }),
      })
        .then((r) => answered.push({ grantId, status: r.status }))
        .catch(() => undefined),
    );
    while (answered.length < 5) await new Promise((r) => setTimeout(r, 5));
    const deliveredBeforeKill = smtp.messages.length;
    await server.stop("SIGKILL");
    await Promise.all(saves);
    expect(deliveredBeforeKill).toBeLessThan(QUEUED);

    // Every save that was answered as done is there, whole; every other grant has all or nothing.
    const lines = await db.selectFrom("plan_line").select(["grant_id", "description"]).where("grant_id", "in", grantIds).execute();
    const grants = await db.selectFrom("grant").select(["id", "plan_version"]).where("id", "in", grantIds).execute();
    for (const g of grants) {
      const mine = lines.filter((l) => l.grant_id === g.id);
      expect([0, 3]).toContain(mine.length);
      expect(g.plan_version).toBe(mine.length === 3 ? 1 : 0);
      expect(new Set(mine.map((l) => l.description)).size).toBeLessThanOrEqual(1);
    }
    for (const a of answered.filter((x) => x.status === 302)) expect(lines.filter((l) => l.grant_id === a.grantId)).toHaveLength(3);

    // Restart. Claims held by the killed process expire (moved forward here rather than waited for).
    await db
      .updateTable("outbox")
      .set({ locked_until: sql`now() - interval '1 second'` })
      .where("status", "=", "queued")
      .where("locked_until", "is not", null)
      .execute();
    server = await startServerProcess(env);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const waiting = await db
        .selectFrom("outbox")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("status", "<>", "sent")
        .executeTakeFirstOrThrow();
      if (Number(waiting.n) === 0) break;
      if (Date.now() > deadline) throw new Error(`outbox not drained: ${waiting.n} waiting\n${server.log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const all = await db.selectFrom("outbox").select("message_id").execute();
    const received = new Set(smtp.messages.map((m) => m.messageId));
    for (const { message_id } of all) expect(received.has(message_id), message_id).toBe(true);
    // A repeat is only ever a message sent again under its own Message-ID, never a new one.
    expect(smtp.messages.every((m) => all.some((row) => row.message_id === m.messageId))).toBe(true);
  });
});
