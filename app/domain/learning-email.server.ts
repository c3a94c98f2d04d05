import { createElement } from "react";
import { sql, type Kysely } from "kysely";
import type { DB } from "#db/schema";
import { CohortInvitationEmail, cohortInvitationSubject, DigestEmail, digestSubject, SessionReminderEmail, sessionReminderSubject } from "#emails/learning";
import { formatDate } from "~/utils/format";
import { formatInZone, zoneLabel } from "~/utils/time-zone";
import { safeEqual, sign } from "~/utils/tokens.server";
import { enqueueEmail } from "./outbox.server";
import type { CohortAccess } from "./cohorts.server";

import { EMAIL_SWITCHES, type EmailSwitch } from "./email-switches";

export { EMAIL_SWITCHES, type EmailSwitch };

export interface Links {
  publicUrl: string;
  secret: string;
}

// ---------------------------------------------------------------- preferences and unsubscribe

export async function getEmailPreferences(db: Kysely<DB>, userId: string): Promise<Record<EmailSwitch, boolean>> {
  const row = await db.selectFrom("email_preference").selectAll().where("user_id", "=", userId).executeTakeFirst();
  return {
    cohort_invitations: row?.cohort_invitations ?? true,
    session_reminders: row?.session_reminders ?? true,
    weekly_digest: row?.weekly_digest ?? true,
  };
}

export async function setEmailPreferences(db: Kysely<DB>, userId: string, values: Partial<Record<EmailSwitch, boolean>>, now = new Date()) {
  await db
    .insertInto("email_preference")
    .values({ user_id: userId, ...values, updated_at: now })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ ...values, updated_at: now }))
    .execute();
}

const tokenPayload = (userId: string, kind: EmailSwitch) => `unsubscribe:${userId}:${kind}`;

/** A link that switches one kind of email off without logging in: the user id and kind, signed with the app secret. */
export function unsubscribeToken(secret: string, userId: string, kind: EmailSwitch) {
  return `${userId}.${kind}.${sign(secret, tokenPayload(userId, kind))}`;
}

export function unsubscribeUrl(links: Links, userId: string, kind: EmailSwitch) {
  return `${links.publicUrl}/unsubscribe/${unsubscribeToken(links.secret, userId, kind)}`;
}

export function verifyUnsubscribeToken(secret: string, token: string): { userId: string; kind: EmailSwitch } | null {
  const m = /^([0-9a-f-]{36})\.([a-z_]+)\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!m) return null;
  const [, userId, kind, signature] = m as unknown as [string, string, EmailSwitch, string];
  if (!EMAIL_SWITCHES.includes(kind)) return null;
  if (!safeEqual(sign(secret, tokenPayload(userId, kind)), signature)) return null;
  return { userId, kind };
}

const wants = (db: Kysely<DB>, kind: EmailSwitch) =>
  sql<boolean>`coalesce((select ${sql.ref(`email_preference.${kind}`)} from email_preference where email_preference.user_id = app_user.id), true)`;

// ---------------------------------------------------------------- invitation

/** Queues the cohort invitation to each director who wants it, inside the invitation's transaction. */
export function cohortInvitationNotifier(access: CohortAccess, links: Links, organisationId: string) {
  return async (trx: Kysely<DB>, directors: { id: string; email: string }[], organisationName: string) => {
    for (const d of directors) {
      const prefs = await getEmailPreferences(trx, d.id);
      if (!prefs.cohort_invitations) continue;
      const props = {
        foundationName: access.cohort.foundation_name,
        cohortName: access.cohort.name,
        organisationName,
        purpose: access.cohort.purpose,
        dates: `${formatDate(access.cohort.starts_on)} – ${formatDate(access.cohort.ends_on)}`,
        cohortUrl: `${links.publicUrl}/cohorts/${access.cohort.id}`,
        unsubscribeUrl: unsubscribeUrl(links, d.id, "cohort_invitations"),
      };
      await enqueueEmail(trx, {
        kind: "cohort-invitation",
        to: d.email,
        subject: cohortInvitationSubject(props),
        element: createElement(CohortInvitationEmail, props),
        unsubscribeUrl: props.unsubscribeUrl,
        foundationId: access.cohort.foundation_id,
        organisationId,
      });
    }
  };
}

// ---------------------------------------------------------------- reminders

export const REMINDER_LEAD_MS = 24 * 3_600_000;

/**
 * Queues the reminder of every session starting within 24 hours whose reminder is not
 * yet claimed. The claim (reminder_claimed_at) and the queued emails commit together, and
 * rows are taken FOR UPDATE SKIP LOCKED, so a restart or a second server never sends a
 * reminder twice and a crash before commit leaves it to the next round.
 */
export async function queueDueReminders(db: Kysely<DB>, links: Links, now: Date, batch = 20) {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("cohort_session")
      .innerJoin("cohort", "cohort.id", "cohort_session.cohort_id")
      .select([
        "cohort_session.id",
        "cohort_session.cohort_id",
        "cohort_session.title",
        "cohort_session.starts_at",
        "cohort_session.time_zone",
        "cohort_session.place",
        "cohort_session.video_url",
        "cohort.name as cohort_name",
        "cohort.foundation_id",
      ])
      .where("cohort_session.reminder_claimed_at", "is", null)
      .where("cohort_session.starts_at", ">", now)
      .where("cohort_session.starts_at", "<=", new Date(now.getTime() + REMINDER_LEAD_MS))
      .orderBy("cohort_session.starts_at")
      .limit(batch)
      .forUpdate("cohort_session")
      .skipLocked()
      .execute();
    let queued = 0;
    for (const s of due) {
      await trx.updateTable("cohort_session").set({ reminder_claimed_at: now }).where("id", "=", s.id).execute();
      const people = await trx
        .selectFrom("cohort_member")
        .innerJoin("app_user", "app_user.id", "cohort_member.user_id")
        .leftJoin("session_rsvp", (j) => j.onRef("session_rsvp.user_id", "=", "app_user.id").on("session_rsvp.session_id", "=", s.id))
        .select(["app_user.id", "app_user.email", "app_user.locale", "cohort_member.organisation_id"])
        .where("cohort_member.cohort_id", "=", s.cohort_id)
        .where((eb) => eb.or([eb("session_rsvp.response", "is", null), eb("session_rsvp.response", "<>", "no")]))
        .where(wants(trx, "session_reminders"))
        .execute();
      for (const p of people) {
        const when = `${formatInZone(s.starts_at, s.time_zone, p.locale)} · ${zoneLabel(s.starts_at, s.time_zone, p.locale)}`;
        const props = {
          cohortName: s.cohort_name,
          title: s.title,
          when,
          place: s.place,
          videoUrl: s.video_url,
          sessionUrl: `${links.publicUrl}/cohorts/${s.cohort_id}/sessions/${s.id}`,
          unsubscribeUrl: unsubscribeUrl(links, p.id, "session_reminders"),
        };
        await enqueueEmail(trx, {
          kind: "session-reminder",
          to: p.email,
          subject: sessionReminderSubject(props),
          element: createElement(SessionReminderEmail, props),
          unsubscribeUrl: props.unsubscribeUrl,
          foundationId: s.foundation_id,
        });
        queued++;
      }
    }
    return { sessions: due.length, queued };
  });
}

// ---------------------------------------------------------------- weekly digest

/** Monday (UTC) of the week `now` falls in, as YYYY-MM-DD: the digest's once-a-week key. */
export function weekStart(now: Date) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * Once a week per person: new visible posts of the last 7 days in their cohorts (not
 * their own) and sessions in the next 7 days. The claim row and the email commit
 * together; a week with nothing new is claimed without an email.
 */
export async function queueWeeklyDigests(db: Kysely<DB>, links: Links, now: Date, batch = 50) {
  const week = weekStart(now);
  const candidates = await db
    .selectFrom("app_user")
    .select(["app_user.id", "app_user.email", "app_user.locale"])
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom("cohort_member").select("user_id").whereRef("cohort_member.user_id", "=", "app_user.id")),
        eb.exists(eb.selectFrom("cohort_facilitator").select("user_id").whereRef("cohort_facilitator.user_id", "=", "app_user.id")),
      ]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom("digest_claim").select("user_id").whereRef("digest_claim.user_id", "=", "app_user.id").where("digest_claim.week_start", "=", week),
        ),
      ),
    )
    .where(wants(db, "weekly_digest"))
    .limit(batch)
    .execute();
  let sent = 0;
  for (const person of candidates) {
    await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto("digest_claim")
        .values({ user_id: person.id, week_start: week, claimed_at: now })
        .onConflict((oc) => oc.doNothing())
        .returning("user_id")
        .executeTakeFirst();
      if (!claimed) return;
      const cohorts = trx
        .selectFrom("cohort_member")
        .select("cohort_id")
        .where("user_id", "=", person.id)
        .union(trx.selectFrom("cohort_facilitator").select("cohort_id").where("user_id", "=", person.id));
      const posts = await trx
        .selectFrom("cohort_post")
        .innerJoin("cohort_thread", "cohort_thread.id", "cohort_post.thread_id")
        .innerJoin("cohort", "cohort.id", "cohort_post.cohort_id")
        .leftJoin("app_user as author", "author.id", "cohort_post.author_id")
        .select(["cohort.id as cohort_id", "cohort.name as cohort_name", "cohort_thread.id as thread_id", "cohort_thread.title", "author.name as author_name"])
        .where("cohort_post.cohort_id", "in", cohorts)
        .where("cohort_post.hidden_at", "is", null)
        .where("cohort_post.created_at", ">", new Date(now.getTime() - WEEK_MS))
        .where("cohort_post.created_at", "<=", now)
        .where((eb) => eb.or([eb("cohort_post.author_id", "is", null), eb("cohort_post.author_id", "<>", person.id)]))
        .orderBy("cohort_post.created_at")
        .limit(30)
        .execute();
      const sessions = await trx
        .selectFrom("cohort_session")
        .innerJoin("cohort", "cohort.id", "cohort_session.cohort_id")
        .select([
          "cohort_session.id",
          "cohort_session.title",
          "cohort_session.starts_at",
          "cohort_session.time_zone",
          "cohort.id as cohort_id",
          "cohort.name as cohort_name",
        ])
        .where("cohort_session.cohort_id", "in", cohorts)
        .where("cohort_session.starts_at", ">", now)
        .where("cohort_session.starts_at", "<=", new Date(now.getTime() + WEEK_MS))
        .orderBy("cohort_session.starts_at")
        .execute();
      if (posts.length === 0 && sessions.length === 0) return;
      const props = {
        posts: posts.map((p) => ({
          cohortName: p.cohort_name,
          threadTitle: p.title,
          authorName: p.author_name ?? "",
          url: `${links.publicUrl}/cohorts/${p.cohort_id}/discussion/${p.thread_id}`,
        })),
        sessions: sessions.map((s) => ({
          cohortName: s.cohort_name,
          title: s.title,
          when: `${formatInZone(s.starts_at, s.time_zone, person.locale)} (${s.time_zone})`,
          url: `${links.publicUrl}/cohorts/${s.cohort_id}/sessions/${s.id}`,
        })),
        unsubscribeUrl: unsubscribeUrl(links, person.id, "weekly_digest"),
      };
      await enqueueEmail(trx, {
        kind: "cohort-digest",
        to: person.email,
        subject: digestSubject(),
        element: createElement(DigestEmail, props),
        unsubscribeUrl: props.unsubscribeUrl,
      });
      sent++;
    });
  }
  return { considered: candidates.length, sent };
}
