import type { Kysely } from "kysely";
import type { DB } from "#db/schema";
import { queueDueReminders, queueWeeklyDigests, type Links } from "~/domain/learning-email.server";

/**
 * Runs beside the outbox worker: queues session reminders and weekly digests. Every
 * round claims its rows in the database, so several servers, or a restart, never queue
 * the same email twice. Returns a function that stops it after the current round.
 */
export function startLearningScheduler(db: Kysely<DB>, links: Links, pollMs: number, now: () => Date = () => new Date()) {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      // A round started is finished (each batch commits on its own), then the backlog is worked off.
      while ((await queueDueReminders(db, links, now())).sessions > 0 && !stopped);
      while ((await queueWeeklyDigests(db, links, now())).considered > 0 && !stopped);
    } catch (e) {
      console.error("[learning] scheduling round failed:", (e as Error).message);
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
