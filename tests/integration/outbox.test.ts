import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createElement } from "react";
import type { Database } from "#db/client";
import { backoffMs, deliverDueEmail, enqueueEmail, type Transport } from "~/domain/outbox.server";
import { smtpTransport } from "~/utils/outbox-worker.server";
import { createTestDatabase } from "../support/db";
import { startSmtpListener } from "../support/smtp";

const FROM = "STS Commons <no-reply@sts-commons.test>";
const T0 = new Date("2030-06-01T08:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

let database: Database;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
let smtpOk: Transport;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpListener();
  smtpOk = smtpTransport(smtp.url, FROM);
});
afterAll(async () => {
  await smtp?.close();
  await database?.close();
});
beforeEach(async () => {
  await database.db.deleteFrom("outbox").execute();
  smtp.messages.length = 0;
});

let n = 0;
/** Queues `count` messages, all due at T0. */
async function queue(count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const k = n++;
    ids.push(
      await enqueueEmail(database.db, {
        kind: "test",
        to: `person-${k}@example.org`,
        subject: `Message ${k}`,
        element: createElement("p", null, `Body of message ${k}`),
      }),
    );
  }
  await database.db.updateTable("outbox").set({ next_attempt_at: T0 }).where("id", "in", ids).execute();
  return ids;
}
const row = (id: string) => database.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

const failing = (message = "451 mailbox busy"): Transport & { calls: number } => {
  const t = {
    calls: 0,
    send() {
      t.calls++;
      return Promise.reject(new Error(message));
    },
  };
  return t;
};

describe("deliverDueEmail over SMTP", () => {
  it("sends queued messages, marks them sent, and keeps the stored Message-ID and subject", async () => {
    const ids = await queue(3);
    expect(await deliverDueEmail(database.db, smtpOk, T0)).toEqual({ claimed: 3, sent: 3 });

    expect(smtp.messages).toHaveLength(3);
    for (const id of ids) {
      const stored = await row(id);
      expect(stored).toMatchObject({ status: "sent", attempts: 1, locked_until: null, last_error: null });
      expect(stored.sent_at).toBeInstanceOf(Date);
      const received = smtp.messages.filter((m) => m.messageId === stored.message_id);
      expect(received).toHaveLength(1);
      expect(received[0].subject).toBe(stored.subject);
      expect(received[0].to && "text" in received[0].to ? received[0].to.text : "").toBe(stored.to_address);
      expect(received[0].from?.value[0]?.address).toBe("no-reply@sts-commons.test");
      expect(received[0].text).toContain(stored.subject.replace("Message", "Body of message"));
      expect(received[0].html || "").toContain(stored.subject.replace("Message", "Body of message"));
    }
    // Nothing is left to do, and sent messages are not sent again.
    expect(await deliverDueEmail(database.db, smtpOk, at(3_600_000))).toEqual({ claimed: 0, sent: 0 });
    expect(smtp.messages).toHaveLength(3);
  });

  it("leaves messages that are not yet due alone", async () => {
    const [id] = await queue(1);
    expect(await deliverDueEmail(database.db, smtpOk, at(-1))).toEqual({ claimed: 0, sent: 0 });
    expect((await row(id)).status).toBe("queued");
    expect(smtp.messages).toHaveLength(0);
  });

  it("sends at most one batch per call", async () => {
    await queue(5);
    expect(await deliverDueEmail(database.db, smtpOk, T0, 2)).toEqual({ claimed: 2, sent: 2 });
    expect(await deliverDueEmail(database.db, smtpOk, T0, 2)).toEqual({ claimed: 2, sent: 2 });
    expect(await deliverDueEmail(database.db, smtpOk, T0, 2)).toEqual({ claimed: 1, sent: 1 });
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(5);
  });
});

describe("deliverDueEmail when sending fails", () => {
  it("keeps the message queued, counts the attempt and backs off", async () => {
    const [id] = await queue(1);
    const transport = failing();
    expect(await deliverDueEmail(database.db, transport, T0)).toEqual({ claimed: 1, sent: 0 });
    let stored = await row(id);
    expect(stored).toMatchObject({ status: "queued", attempts: 1, locked_until: null, sent_at: null });
    expect(stored.last_error).toContain("451 mailbox busy");
    expect(stored.next_attempt_at).toEqual(at(30_000));

    // Not before the backoff has passed.
    expect(await deliverDueEmail(database.db, transport, at(29_999))).toEqual({ claimed: 0, sent: 0 });
    expect(transport.calls).toBe(1);

    // The second failure waits twice as long.
    expect(await deliverDueEmail(database.db, transport, at(30_000))).toEqual({ claimed: 1, sent: 0 });
    stored = await row(id);
    expect(stored.attempts).toBe(2);
    expect(stored.next_attempt_at).toEqual(at(30_000 + 60_000));

    // Once the server answers, the message goes out with its original Message-ID.
    expect(await deliverDueEmail(database.db, smtpOk, at(90_000))).toEqual({ claimed: 1, sent: 1 });
    stored = await row(id);
    expect(stored).toMatchObject({ status: "sent", attempts: 3, last_error: null });
    expect(smtp.messages.map((m) => m.messageId)).toEqual([stored.message_id]);
  });

  it("gives up after twelve attempts", async () => {
    const [id] = await queue(1);
    const transport = failing();
    let now = T0;
    for (let attempt = 1; attempt <= 12; attempt++) {
      expect(await deliverDueEmail(database.db, transport, now)).toEqual({ claimed: 1, sent: 0 });
      const stored = await row(id);
      expect(stored.attempts).toBe(attempt);
      expect(stored.status).toBe(attempt < 12 ? "queued" : "failed");
      now = stored.next_attempt_at;
    }
    expect(await deliverDueEmail(database.db, smtpOk, new Date(now.getTime() + 86_400_000))).toEqual({ claimed: 0, sent: 0 });
    expect(transport.calls).toBe(12);
    expect(smtp.messages).toHaveLength(0);
  });

  it("backs off from 30 seconds, doubling, up to an hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 12].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000]);
  });
});

describe("deliverDueEmail after a crash", () => {
  it("sends a message again once the crashed claim expires, with the same Message-ID", async () => {
    const [id] = await queue(1);
    // A worker that hands the message to SMTP and then dies before recording it.
    let crashed!: () => void;
    const didCrash = new Promise<void>((resolve) => (crashed = resolve));
    const dying: Transport = {
      async send(m) {
        await smtpOk.send(m);
        crashed();
        await new Promise<never>(() => {});
      },
    };
    void deliverDueEmail(database.db, dying, T0);
    await didCrash;

    let stored = await row(id);
    expect(stored).toMatchObject({ status: "queued", attempts: 1, sent_at: null });
    expect(stored.locked_until).toEqual(at(60_000));
    expect(smtp.messages).toHaveLength(1);

    // While the claim holds, no other worker takes the message.
    expect(await deliverDueEmail(database.db, smtpOk, at(59_999))).toEqual({ claimed: 0, sent: 0 });
    expect(smtp.messages).toHaveLength(1);

    // After it lapses the message goes again, recognisably the same message.
    expect(await deliverDueEmail(database.db, smtpOk, at(60_001))).toEqual({ claimed: 1, sent: 1 });
    stored = await row(id);
    expect(stored).toMatchObject({ status: "sent", attempts: 2, locked_until: null });
    expect(smtp.messages.map((m) => m.messageId)).toEqual([stored.message_id, stored.message_id]);
  });

  it("also recovers a claim left behind in the table", async () => {
    const [id] = await queue(1);
    await database.db
      .updateTable("outbox")
      .set({ locked_until: at(-1), attempts: 1 })
      .where("id", "=", id)
      .execute();
    expect(await deliverDueEmail(database.db, smtpOk, T0)).toEqual({ claimed: 1, sent: 1 });
    expect((await row(id)).attempts).toBe(2);
  });
});

describe("concurrent workers", () => {
  it("never send the same message twice", async () => {
    const ids = await queue(20);
    const sentBy = new Map<string, string[]>();
    const worker = (name: string): Transport => ({
      async send(m) {
        sentBy.set(m.messageId, [...(sentBy.get(m.messageId) ?? []), name]);
        await smtpOk.send(m);
      },
    });
    const drain = async (transport: Transport) => {
      let total = 0;
      for (;;) {
        const { claimed, sent } = await deliverDueEmail(database.db, transport, T0, 3);
        total += sent;
        if (claimed === 0) return total;
      }
    };
    const totals = await Promise.all([drain(worker("a")), drain(worker("b")), drain(worker("c"))]);
    expect(totals.reduce((a, b) => a + b, 0)).toBe(20);

    const counts = new Map<string, number>();
    for (const m of smtp.messages) counts.set(m.messageId!, (counts.get(m.messageId!) ?? 0) + 1);
    expect(counts.size).toBe(20);
    for (const [messageId, count] of counts) expect(count, messageId).toBe(1);
    for (const [, senders] of sentBy) expect(senders).toHaveLength(1);

    const rows = await database.db.selectFrom("outbox").select(["status", "attempts"]).where("id", "in", ids).execute();
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
    if (database.engine === "postgres") {
      // With real connections the work is actually shared out.
      expect(totals.filter((t) => t > 0).length).toBeGreaterThan(1);
    }
  });
});
