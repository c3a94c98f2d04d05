import nodemailer from "nodemailer";
import type { Kysely } from "kysely";
import type { DB } from "#db/schema";
import { deliverDueEmail, type Transport } from "~/domain/outbox.server";

export function smtpTransport(smtpUrl: string, from: string): Transport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(m) {
      await transporter.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        html: m.html,
        text: m.text,
        messageId: m.messageId,
        // The mail client's unsubscribe button opens the same link as the email's own: a GET of it switches that kind off
        // (decision 0033).
        list: m.listUnsubscribe ? { unsubscribe: m.listUnsubscribe } : undefined,
      });
    },
  };
}

/** Polls the outbox; returns a function that stops it after the current round. */
export function startOutboxWorker(db: Kysely<DB>, transport: Transport, pollMs: number) {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      // Keep going while there is a backlog, then wait for the next poll.
      while (!stopped && (await deliverDueEmail(db, transport)).claimed > 0);
    } catch (e) {
      console.error("[outbox] delivery round failed:", (e as Error).message);
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick);
  }, pollMs);
  running = running.then(tick);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
