import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { deliverDueEmail, type Transport } from "~/domain/outbox.server";
import { smtpTransport } from "~/utils/outbox-worker.server";
import { createThread, inviteOrganisation, replyToThread, rsvp } from "~/domain/cohorts.server";
import {
  cohortInvitationNotifier,
  getEmailPreferences,
  queueDueReminders,
  queueWeeklyDigests,
  setEmailPreferences,
  unsubscribeToken,
  verifyUnsubscribeToken,
  weekStart,
} from "~/domain/learning-email.server";
import { startLearningScheduler } from "~/utils/learning-scheduler.server";
import { createTestDatabase } from "../support/db";
import { addOrganisationMember, createOrganisation, createUser, fundOrganisation } from "../support/factories";
import { createCohortWorld, cohortAccessOf } from "../support/learning-factories";
import type { ParsedMail } from "mailparser";
import { startSmtpListener } from "../support/smtp";

const FROM = "STS Commons <no-reply@sts-commons.test>";
const LINKS = { publicUrl: "https://commons.example", secret: "test-secret-of-the-app" };
// A Tuesday morning.
const T0 = new Date("2030-03-05T09:00:00.000Z");
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

let database: Database;
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
let transport: Transport;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpListener();
  transport = smtpTransport(smtp.url, FROM);
});
afterAll(async () => {
  await smtp?.close();
  await database?.close();
});
beforeEach(async () => {
  await database.db.deleteFrom("outbox").execute();
  smtp.messages.length = 0;
});

/** Delivers everything queued to the real SMTP listener. */
async function deliver() {
  while ((await deliverDueEmail(database.db, transport, new Date(Date.now() + 60_000))).claimed > 0);
}
const to = (address: string) => smtp.messages.filter((m) => (m.to && "text" in m.to ? m.to.text : "") === address);
const unsubscribeLink = (text: string) => /https:\/\/commons\.example\/unsubscribe\/\S+/.exec(text)?.[0];
/** The link of the List-Unsubscribe header, which a mail client shows as its own unsubscribe button. */
const listUnsubscribe = (mail: ParsedMail) => (mail.headers.get("list") as { unsubscribe?: { url?: string } } | undefined)?.unsubscribe?.url;

describe("cohort invitation email", () => {
  it("reaches each director of the invited organisation over SMTP, with the cohort link and an unsubscribe link", async () => {
    const world = await createCohortWorld(database.db, { sessionStartsAt: at(24 * 60) });
    const org = await createOrganisation(database.db, "Lantern House");
    await fundOrganisation(database.db, world.foundation.id, org.id);
    const director = await createUser(database.db, { email: `dir-${Date.now()}@example.org` });
    await addOrganisationMember(database.db, director.id, org.id, "director");
    const muted = await createUser(database.db, { email: `muted-${Date.now()}@example.org` });
    await addOrganisationMember(database.db, muted.id, org.id, "director");
    await setEmailPreferences(database.db, muted.id, { cohort_invitations: false });

    const access = (await cohortAccessOf(database.db, world.officer.id, world.cohortId))!;
    await inviteOrganisation(database.db, access, org.id, cohortInvitationNotifier(access, LINKS, org.id));
    await deliver();

    const [mail] = to(director.email);
    expect(to(director.email)).toHaveLength(1);
    expect(mail.subject).toBe(`${world.foundation.name} invites you to the cohort ${access.cohort.name}`);
    expect(mail.text).toContain(`https://commons.example/cohorts/${world.cohortId}`);
    expect(mail.text).toContain("Lantern House");
    const link = unsubscribeLink(mail.text!)!;
    expect(verifyUnsubscribeToken(LINKS.secret, link.split("/unsubscribe/")[1])).toEqual({ userId: director.id, kind: "cohort_invitations" });
    expect(listUnsubscribe(mail)).toBe(link);
    expect(to(muted.email)).toHaveLength(0);
  });
});

describe("session reminders", () => {
  it("go out once, 24 hours before, even when the scheduler restarts or two run at once", async () => {
    const world = await createCohortWorld(database.db, { sessionStartsAt: at(30) });
    // Too early: more than 24 hours ahead.
    expect(await queueDueReminders(database.db, LINKS, T0)).toEqual({ sessions: 0, queued: 0 });

    // Two schedulers (two servers, or one before and one after a restart) around the due time.
    const clock = { now: at(6.5) };
    const first = startLearningScheduler(database.db, LINKS, 3_600_000, () => clock.now);
    await first();
    const second = startLearningScheduler(database.db, LINKS, 3_600_000, () => clock.now);
    await second();
    const results = await Promise.all([queueDueReminders(database.db, LINKS, at(7)), queueDueReminders(database.db, LINKS, at(7))]);
    expect(results.map((r) => r.queued)).toEqual([0, 0]);

    await deliver();
    const mails = to(world.staff.email);
    expect(mails.filter((m) => m.subject!.startsWith("Tomorrow:"))).toHaveLength(1);
    const reminder = mails.find((m) => m.subject!.startsWith("Tomorrow:"))!;
    expect(reminder.subject).toContain("Naming STS");
    // Shown in the session's zone: 15:00 UTC on 6 March is 15:00 in London (GMT).
    expect(reminder.text).toContain("3:00");
    expect(reminder.text).toContain("Europe/London");
    expect(reminder.text).toContain(`https://commons.example/cohorts/${world.cohortId}/sessions/${world.sessionId}`);
    expect(unsubscribeLink(reminder.text!)).toBeDefined();
    expect(listUnsubscribe(reminder)).toBe(unsubscribeLink(reminder.text!));
    const claimed = await database.db.selectFrom("cohort_session").select("reminder_claimed_at").where("id", "=", world.sessionId).executeTakeFirstOrThrow();
    expect(claimed.reminder_claimed_at?.toISOString()).toBe(at(6.5).toISOString());
  });

  it("leave nothing behind when a round dies before it commits, so the next round sends the reminder once", async () => {
    const world = await createCohortWorld(database.db, { sessionStartsAt: at(12) });
    // The process dies after claiming the session but before the transaction commits.
    const crashing = {
      secret: LINKS.secret,
      get publicUrl(): string {
        throw new Error("process killed");
      },
    };
    await expect(queueDueReminders(database.db, crashing, T0)).rejects.toThrow("process killed");
    const session = () => database.db.selectFrom("cohort_session").select("reminder_claimed_at").where("id", "=", world.sessionId).executeTakeFirstOrThrow();
    expect((await session()).reminder_claimed_at).toBeNull();
    expect(await database.db.selectFrom("outbox").select("id").where("kind", "=", "session-reminder").execute()).toHaveLength(0);
    // After the restart.
    expect((await queueDueReminders(database.db, LINKS, at(0.1))).queued).toBe(1);
    expect((await queueDueReminders(database.db, LINKS, at(0.2))).queued).toBe(0);
    expect(await database.db.selectFrom("outbox").select("to_address").where("kind", "=", "session-reminder").execute()).toEqual([
      { to_address: world.staff.email },
    ]);
  });

  it("skip people who said no or switched reminders off", async () => {
    const world = await createCohortWorld(database.db, { sessionStartsAt: at(20) });
    const other = await createUser(database.db);
    await addOrganisationMember(database.db, other.id, world.organisation.id, "staff");
    const { addCohortMember } = await import("~/domain/cohorts.server");
    await addCohortMember(database.db, (await world.access(world.director.id))!, world.organisation.id, other.id);
    await rsvp(database.db, (await world.access(world.staff.id))!, world.sessionId, "no");
    await setEmailPreferences(database.db, other.id, { session_reminders: false });
    const result = await queueDueReminders(database.db, LINKS, T0);
    expect(result.sessions).toBe(1);
    expect(result.queued).toBe(0);
  });
});

describe("weekly digest", () => {
  it("sends new posts and upcoming sessions once a week, and not to those who switched it off", async () => {
    const world = await createCohortWorld(database.db, { sessionStartsAt: at(72) });
    const director = (await world.access(world.director.id))!;
    const threadId = await createThread(database.db, director, "Caseload caps", "We capped caseloads at 20.", at(-24));
    await replyToThread(database.db, (await world.access(world.staff.id))!, threadId, "My own reply", at(-2));
    await setEmailPreferences(database.db, world.officer.id, { weekly_digest: false });

    await queueWeeklyDigests(database.db, LINKS, T0);
    await queueWeeklyDigests(database.db, LINKS, at(1));
    await deliver();
    const digests = to(world.staff.email).filter((m) => m.subject === "Your week in your learning communities");
    expect(digests).toHaveLength(1);
    expect(digests[0].text).toContain("Caseload caps");
    expect(digests[0].text).toContain("Naming STS");
    expect(digests[0].text).not.toMatch(/Sam Staff posted/);
    expect(unsubscribeLink(digests[0].text!)).toContain("weekly_digest");
    expect(listUnsubscribe(digests[0])).toBe(unsubscribeLink(digests[0].text!));
    expect(to(world.officer.email)).toHaveLength(0);

    // The next week is a new digest.
    expect(weekStart(T0)).toBe("2030-03-04");
    expect(weekStart(at(24 * 7))).toBe("2030-03-11");
  });
});

describe("unsubscribe tokens", () => {
  it("are signed with the app secret: tampering or another secret fails", async () => {
    const user = await createUser(database.db);
    const token = unsubscribeToken(LINKS.secret, user.id, "weekly_digest");
    expect(verifyUnsubscribeToken(LINKS.secret, token)).toEqual({ userId: user.id, kind: "weekly_digest" });
    expect(verifyUnsubscribeToken("another-secret", token)).toBeNull();
    expect(verifyUnsubscribeToken(LINKS.secret, token.replace("weekly_digest", "session_reminders"))).toBeNull();
    const other = await createUser(database.db);
    expect(verifyUnsubscribeToken(LINKS.secret, token.replace(user.id, other.id))).toBeNull();
    expect(await getEmailPreferences(database.db, user.id)).toEqual({ cohort_invitations: true, session_reminders: true, weekly_digest: true });
  });
});
