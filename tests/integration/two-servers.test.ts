import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/db";
import { queueTestEmails, TEST_PASSWORD } from "../support/factories";
import { createCohortWorld } from "../support/learning-factories";
import { createGrantRow, createLine } from "../support/grants-factories";
import { startSmtpListener } from "../support/smtp";
import { signIn, startServerProcess, type ServerProcess } from "../support/server-process";

/**
 * App servers keep no state of their own: two processes against one PostgreSQL share sessions,
 * deliver every queued email exactly once between them, queue each session reminder once, and
 * hold the allowance cap when concurrent plan saves are split across both.
 */
describe.skipIf(!process.env.DATABASE_URL)("two app servers against one PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  const servers: ServerProcess[] = [];
  let world: Awaited<ReturnType<typeof createCohortWorld>>;
  let grantId: string;
  const QUEUED = 40;

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    // A session 23 hours from now: both schedulers see it due for its reminder at start.
    world = await createCohortWorld(db, { sessionStartsAt: new Date(Date.now() + 23 * 3_600_000) });
    const line = await createLine(db, world.foundation.id, { allowanceBps: 1000 });
    grantId = (await createGrantRow(db, line, world.organisation.id, { proposedCents: 100_000_00 })).id; // allowance $10,000
    await queueTestEmails(db, QUEUED);
    smtp = await startSmtpListener();
    const env = { DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: database.schema, SMTP_URL: smtp.url, OUTBOX_POLL_MS: "100" };
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await smtp?.close();
    await database?.close();
  });

  it("a session made on one server is valid on the other", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const { cookie } = await signIn(a.base, world.director.email, TEST_PASSWORD);
    const onB = await fetch(`${b.base}/organisations/${world.organisation.id}/grants`, { headers: { cookie }, redirect: "manual" });
    expect(onB.status).toBe(200);
  });

  it("the allowance cap holds when concurrent plan saves are split across both", async () => {
    const sessions = await Promise.all(servers.map((s) => signIn(s.base, world.director.email, TEST_PASSWORD)));
    // Twenty saves of $6,000 on the same plan version: each fits alone, no two fit together.
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const server = servers[i % 2];
        const { cookie, csrf } = sessions[i % 2];
        return fetch(`${server.base}/organisations/${world.organisation.id}/grants/${grantId}`, {
          method: "POST",
          redirect: "manual",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: server.base },
          body: new URLSearchParams({
            csrf,
            version: "0",
            "lines[0].pillar": "workload",
            "lines[0].purpose": "prevention",
            "lines[0].amount": "6,000",
            "lines[0].description": `save ${i}`,
          }),
        }).then((r) => r.status);
      }),
    );
    expect(answers.filter((s) => s === 302)).toHaveLength(1);
    expect(answers.filter((s) => s === 409)).toHaveLength(19);
    const planned = await database.db
      .selectFrom("plan_line")
      .select((eb) => eb.fn.sum<number>("amount_cents").as("sum"))
      .where("grant_id", "=", grantId)
      .executeTakeFirstOrThrow();
    expect(Number(planned.sum)).toBe(6_000_00);
  });

  it("delivers every queued email exactly once between them, and queues each reminder once", async () => {
    const db = database.db;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const waiting = await db
        .selectFrom("outbox")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("status", "<>", "sent")
        .executeTakeFirstOrThrow();
      if (Number(waiting.n) === 0 && smtp.messages.length >= QUEUED) break;
      if (Date.now() > deadline) throw new Error(`outbox not drained: ${waiting.n} waiting\n${servers.map((s) => s.log()).join("\n")}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const reminders = await db.selectFrom("outbox").select(["to_address", "message_id"]).where("kind", "=", "session-reminder").execute();
    expect(reminders.length).toBeGreaterThan(0);
    expect(new Set(reminders.map((r) => r.to_address)).size).toBe(reminders.length);
    const all = await db.selectFrom("outbox").select("message_id").execute();
    const received = smtp.messages.map((m) => m.messageId);
    for (const { message_id } of all)
      expect(
        received.filter((id) => id === message_id),
        message_id,
      ).toHaveLength(1);
    expect(received).toHaveLength(all.length);
  });
});
