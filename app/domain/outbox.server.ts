import { sql, type Kysely } from "kysely";
import type { ReactElement } from "react";
import type { DB } from "#db/schema";
import { renderEmail } from "#emails/render";
import { foundationOf, organisationOf, type Caller } from "./permissions.server";
import { asCaller } from "./tenant-scope.server";

export interface OutgoingEmail {
  kind: string;
  to: string;
  subject: string;
  element: ReactElement;
  foundationId?: string | null;
  organisationId?: string | null;
  /** The link that switches this kind of email off, for the mail client's own unsubscribe button. */
  unsubscribeUrl?: string;
}

/**
 * Queues a message. Call it with the transaction of the change that causes it, so the
 * message exists if and only if the change committed.
 */
export async function enqueueEmail(db: Kysely<DB>, email: OutgoingEmail) {
  const { html, text } = await renderEmail(email.element);
  const id = crypto.randomUUID();
  await db
    .insertInto("outbox")
    .values({
      id,
      // Stable across retries, so a receiver can recognise a duplicate delivery.
      message_id: `<${id}@sts-commons>`,
      kind: email.kind,
      to_address: email.to,
      subject: email.subject,
      html,
      text,
      foundation_id: email.foundationId ?? null,
      organisation_id: email.organisationId ?? null,
      list_unsubscribe: email.unsubscribeUrl ?? null,
    })
    .execute();
  return id;
}

export interface Transport {
  send(message: { messageId: string; to: string; subject: string; html: string; text: string; listUnsubscribe: string | null }): Promise<void>;
}

const LOCK_MS = 60_000;
const MAX_ATTEMPTS = 12;

export function backoffMs(attempts: number) {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Claims due messages (FOR UPDATE SKIP LOCKED, so several servers never take the same
 * row), sends them, and records the outcome. A crash between sending and recording leaves
 * the claim to expire and the message to be sent again: at-least-once, with a stable
 * Message-ID.
 */
export async function deliverDueEmail(db: Kysely<DB>, transport: Transport, now = new Date(), batch = 10) {
  const claimed = await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("outbox")
      .select("id")
      .where("status", "=", "queued")
      .where("next_attempt_at", "<=", now)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
      .orderBy("next_attempt_at")
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return trx
      .updateTable("outbox")
      .set({ locked_until: new Date(now.getTime() + LOCK_MS), attempts: sql`attempts + 1` })
      .where(
        "id",
        "in",
        due.map((d) => d.id),
      )
      .returning(["id", "message_id", "to_address", "subject", "html", "text", "list_unsubscribe", "attempts"])
      .execute();
  });

  let sent = 0;
  for (const m of claimed) {
    try {
      await transport.send({
        messageId: m.message_id,
        to: m.to_address,
        subject: m.subject,
        html: m.html,
        text: m.text,
        listUnsubscribe: m.list_unsubscribe,
      });
      await db.updateTable("outbox").set({ status: "sent", sent_at: new Date(), locked_until: null, last_error: null }).where("id", "=", m.id).execute();
      sent++;
    } catch (error) {
      const failed = m.attempts >= MAX_ATTEMPTS;
      await db
        .updateTable("outbox")
        .set({
          status: failed ? "failed" : "queued",
          locked_until: null,
          last_error: String((error as Error)?.message ?? error).slice(0, 1000),
          next_attempt_at: new Date(now.getTime() + backoffMs(m.attempts)),
        })
        .where("id", "=", m.id)
        .execute();
    }
  }
  return { claimed: claimed.length, sent };
}

/** The outbox of the caller's tenant: a foundation's or an organisation's, each behind its own permission. */
function outboxScope(caller: Caller): { column: "foundation_id" | "organisation_id"; tenantId: string } {
  return caller.membership?.kind === "organisation"
    ? { column: "organisation_id", tenantId: organisationOf(caller, "read:organisation-outbox") }
    : { column: "foundation_id", tenantId: foundationOf(caller, "read:foundation-outbox") };
}

export async function listOutbox(db: Kysely<DB>, caller: Caller, page = 1, pageSize = 25) {
  const scope = outboxScope(caller);
  return asCaller(db, caller, async (trx) => {
    const q = trx.selectFrom("outbox").where(scope.column, "=", scope.tenantId);
    const [rows, total] = await Promise.all([
      q
        .select(["id", "to_address", "subject", "status", "created_at", "sent_at", "kind"])
        .orderBy("created_at", "desc")
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n), page, pageSize };
  });
}

export async function getOutboxMessage(db: Kysely<DB>, caller: Caller, id: string) {
  const scope = outboxScope(caller);
  return asCaller(db, caller, (trx) => trx.selectFrom("outbox").selectAll().where("id", "=", id).where(scope.column, "=", scope.tenantId).executeTakeFirst());
}
