import type { Kysely } from "kysely";
import type { DB } from "../schema";

interface DemoIds {
  foundationId: string;
  organisationIds: Map<string, string>;
  userIds: Map<string, string>;
  now?: Date;
}

const DAY = 24 * 3_600_000;

/**
 * Demo learning communities: two cohorts of the demo foundation with past and upcoming
 * sessions, pinned practices and resources, and a lively discussion. Riverside Refugee
 * Services (director@demo.test, member@demo.test) takes part in both.
 */
export async function seedDemoCohorts(db: Kysely<DB>, ids: DemoIds) {
  const now = ids.now ?? new Date();
  const user = (email: string) => ids.userIds.get(email)!;
  const org = (name: string) => ids.organisationIds.get(name)!;
  const officer = user("officer@demo.test");
  const admin = user("admin@demo.test");
  const riverside = org("Riverside Refugee Services");
  const safePassage = org("Safe Passage Anti-Trafficking Network");
  const harbour = org("Harbour Asylum Legal Aid");
  const northside = org("Northside Family Social Work");
  const day = (n: number, hourUtc = 15) => {
    const d = new Date(now.getTime() + n * DAY);
    d.setUTCHours(hourUtc, 0, 0, 0);
    return d;
  };
  const isoDate = (d: Date) => d.toISOString().slice(0, 10);

  const [guide, checklist] = await db
    .insertInto("foundation_resource")
    .values([
      {
        foundation_id: ids.foundationId,
        title: "Peer support circles: a one-page guide",
        url: "https://example.org/peer-support-circles",
        note: "How two of our partners run monthly peer circles across agencies.",
        level: "organisational",
        pillars: ["peer_support", "supervision"],
        created_by: officer,
      },
      {
        foundation_id: ids.foundationId,
        title: "Questions for a first STS conversation with your board",
        note: "1. What do we already do when a colleague is struggling?\n2. Which hours of the week are protected for recovery?\n3. Who would staff tell first?",
        level: "organisational",
        pillars: ["leadership"],
        created_by: admin,
      },
    ])
    .returning("id")
    .execute();

  // Cohort 1: the main learning circle.
  const circle = await db
    .insertInto("cohort")
    .values({
      foundation_id: ids.foundationId,
      name: "STS learning circle 2026",
      purpose: "Partners learn together what secondary traumatic stress is, try small changes and compare notes.",
      starts_on: isoDate(day(-45)),
      ends_on: isoDate(day(120)),
      created_by: officer,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("cohort_facilitator")
    .values([{ cohort_id: circle.id, user_id: officer }])
    .execute();
  await db
    .insertInto("cohort_organisation")
    .values([
      {
        cohort_id: circle.id,
        organisation_id: riverside,
        invited_by: officer,
        invited_at: day(-44),
        accepted_by: user("director@demo.test"),
        accepted_at: day(-43),
      },
      {
        cohort_id: circle.id,
        organisation_id: safePassage,
        invited_by: officer,
        invited_at: day(-44),
        accepted_by: user("director2@demo.test"),
        accepted_at: day(-40),
      },
      { cohort_id: circle.id, organisation_id: northside, invited_by: officer, invited_at: day(-2) },
    ])
    .execute();
  await db
    .insertInto("cohort_member")
    .values([
      { cohort_id: circle.id, user_id: user("director@demo.test"), organisation_id: riverside, added_by: user("director@demo.test") },
      { cohort_id: circle.id, user_id: user("member@demo.test"), organisation_id: riverside, added_by: user("director@demo.test") },
      { cohort_id: circle.id, user_id: user("director2@demo.test"), organisation_id: safePassage, added_by: user("director2@demo.test") },
    ])
    .execute();
  const circleSessions = await db
    .insertInto("cohort_session")
    .values([
      {
        cohort_id: circle.id,
        title: "What STS is, and what it is not",
        starts_at: day(-28),
        duration_minutes: 90,
        time_zone: "America/Chicago",
        place: "Riverside community room",
        agenda: "Introductions\nThe continuum in plain words\nWhat we noticed this year",
        created_by: officer,
        reminder_claimed_at: day(-29),
      },
      {
        cohort_id: circle.id,
        title: "Caseloads and schedules",
        starts_at: day(-14),
        duration_minutes: 90,
        time_zone: "America/Chicago",
        video_url: "https://meet.example.org/sts-circle",
        agenda: "Two partners share their rota changes\nSmall groups",
        created_by: officer,
        reminder_claimed_at: day(-15),
      },
      {
        cohort_id: circle.id,
        title: "Peer support that lasts",
        starts_at: day(3),
        duration_minutes: 120,
        time_zone: "America/Chicago",
        place: "Safe Passage offices, 2nd floor",
        video_url: "https://meet.example.org/sts-circle",
        agenda: "Peer circles across agencies\nWhat gets in the way",
        created_by: officer,
      },
      {
        cohort_id: circle.id,
        title: "Supervision that notices",
        starts_at: day(17),
        duration_minutes: 90,
        time_zone: "America/Chicago",
        video_url: "https://meet.example.org/sts-circle",
        agenda: "Supervisor core competencies\nRole play",
        created_by: officer,
      },
    ])
    .returning(["id", "starts_at"])
    .execute();
  const [first, second, upcoming] = circleSessions;
  await db
    .insertInto("session_rsvp")
    .values([
      {
        session_id: first.id,
        user_id: user("director@demo.test"),
        response: "yes",
        responded_at: day(-30),
        attended: true,
        attendance_recorded_by: officer,
        attendance_recorded_at: day(-28),
      },
      {
        session_id: first.id,
        user_id: user("member@demo.test"),
        response: "yes",
        responded_at: day(-30),
        attended: true,
        attendance_recorded_by: officer,
        attendance_recorded_at: day(-28),
      },
      {
        session_id: first.id,
        user_id: user("director2@demo.test"),
        response: "maybe",
        responded_at: day(-30),
        attended: false,
        attendance_recorded_by: officer,
        attendance_recorded_at: day(-28),
      },
      {
        session_id: second.id,
        user_id: user("member@demo.test"),
        response: "yes",
        responded_at: day(-16),
        attended: true,
        attendance_recorded_by: officer,
        attendance_recorded_at: day(-14),
      },
      {
        session_id: second.id,
        user_id: user("director2@demo.test"),
        response: "yes",
        responded_at: day(-16),
        attended: true,
        attendance_recorded_by: officer,
        attendance_recorded_at: day(-14),
      },
      { session_id: upcoming.id, user_id: user("director2@demo.test"), response: "yes", responded_at: day(-1) },
    ])
    .execute();
  await db
    .insertInto("cohort_pin")
    .values([
      {
        cohort_id: circle.id,
        practice_id: "collegial-support",
        note: "The thread running through every session: colleagues who can say 'this one stayed with me'.",
        pinned_by: officer,
      },
      { cohort_id: circle.id, practice_id: "lower-caseloads", note: "Background for the caseloads session.", pinned_by: officer },
      { cohort_id: circle.id, practice_id: "psychoeducation", note: "A shared vocabulary first.", pinned_by: officer },
      { cohort_id: circle.id, resource_id: guide.id, note: "Read before 'Peer support that lasts'.", pinned_by: officer },
    ])
    .execute();

  const discussion: { title: string; by: string; at: number; posts: { by: string; at: number; body: string; hidden?: boolean }[] }[] = [
    {
      title: "What changed after the caseloads session?",
      by: "member@demo.test",
      at: -13,
      posts: [
        {
          by: "member@demo.test",
          at: -13,
          body: "We tried something small: no more than **two intake interviews a day** per caseworker. Two weeks in, people are leaving on time more often.",
        },
        {
          by: "director2@demo.test",
          at: -12,
          body: "We did the opposite first and it did not work. What helped was *rotating* who takes the emergency phone, so nobody carries it every week.",
        },
        {
          by: "officer@demo.test",
          at: -12,
          body: "Both of these are in the library: [job rotation](/practices/job-rotation) and [lower caseloads](/practices/lower-caseloads). Thanks for sharing what did not work too.",
        },
        { by: "director@demo.test", at: -10, body: "Following this. Our board asked for numbers; I told them the point is how people feel, not a report." },
      ],
    },
    {
      title: "Quiet rooms on a small budget",
      by: "director@demo.test",
      at: -8,
      posts: [
        {
          by: "director@demo.test",
          at: -8,
          body: "We turned a storage room into a place to step away for ten minutes:\n\n- a lamp instead of the ceiling light\n- two chairs\n- a sign that says *occupied*, nothing else",
        },
        { by: "director2@demo.test", at: -7, body: "Love this. Did people actually use it in the first weeks?" },
        { by: "member@demo.test", at: -6, body: "I did, after a hard interview last Tuesday. Nobody asked why, which is exactly right." },
        { by: "director2@demo.test", at: -5, body: "Selling my old office chair here, DM me", hidden: true },
      ],
    },
    {
      title: "Questions for the peer support session",
      by: "officer@demo.test",
      at: -2,
      posts: [
        {
          by: "officer@demo.test",
          at: -2,
          body: "Ahead of **Peer support that lasts**: what makes a peer circle fade out after a few months? Add your questions here.",
        },
        { by: "member@demo.test", at: -1, body: "How do you keep it going when the person who started it leaves?" },
      ],
    },
  ];
  for (const th of discussion) {
    const last = Math.max(...th.posts.map((p) => p.at));
    const thread = await db
      .insertInto("cohort_thread")
      .values({ cohort_id: circle.id, title: th.title, created_by: user(th.by), created_at: day(th.at, 14), last_post_at: day(last, 16) })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [i, p] of th.posts.entries()) {
      await db
        .insertInto("cohort_post")
        .values({
          thread_id: thread.id,
          cohort_id: circle.id,
          author_id: user(p.by),
          body: p.body,
          created_at: day(p.at, 14 + i),
          hidden_at: p.hidden ? day(p.at, 18) : null,
          hidden_by: p.hidden ? officer : null,
        })
        .execute();
    }
  }

  // Cohort 2: legal and frontline partners.
  const legal = await db
    .insertInto("cohort")
    .values({
      foundation_id: ids.foundationId,
      name: "Frontline and legal partners",
      purpose: "A smaller group for teams who hear asylum and trafficking testimony every day.",
      starts_on: isoDate(day(-20)),
      ends_on: isoDate(day(90)),
      created_by: admin,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("cohort_facilitator")
    .values([
      { cohort_id: legal.id, user_id: admin },
      { cohort_id: legal.id, user_id: officer },
    ])
    .execute();
  await db
    .insertInto("cohort_organisation")
    .values([
      { cohort_id: legal.id, organisation_id: harbour, invited_by: admin, invited_at: day(-20) },
      {
        cohort_id: legal.id,
        organisation_id: riverside,
        invited_by: admin,
        invited_at: day(-20),
        accepted_by: user("director@demo.test"),
        accepted_at: day(-19),
      },
    ])
    .execute();
  await db
    .insertInto("cohort_member")
    .values([{ cohort_id: legal.id, user_id: user("member@demo.test"), organisation_id: riverside, added_by: user("director@demo.test") }])
    .execute();
  await db
    .insertInto("cohort_session")
    .values([
      {
        cohort_id: legal.id,
        title: "Hearing testimony, day after day",
        starts_at: day(-7, 16),
        duration_minutes: 75,
        time_zone: "America/New_York",
        video_url: "https://meet.example.org/frontline",
        agenda: "What we carry home\nDebriefing that helps",
        created_by: admin,
        reminder_claimed_at: day(-8, 16),
      },
      {
        cohort_id: legal.id,
        title: "Debriefing after hard cases",
        starts_at: day(10, 16),
        duration_minutes: 75,
        time_zone: "America/New_York",
        video_url: "https://meet.example.org/frontline",
        agenda: "A structured debrief, tried together",
        created_by: admin,
      },
    ])
    .execute();
  await db
    .insertInto("cohort_pin")
    .values([
      { cohort_id: legal.id, practice_id: "debriefing-communication", note: "Our focus this term.", pinned_by: admin },
      { cohort_id: legal.id, resource_id: checklist.id, note: "Useful when your board asks why this matters.", pinned_by: admin },
    ])
    .execute();
  const thread = await db
    .insertInto("cohort_thread")
    .values({ cohort_id: legal.id, title: "After the first session", created_by: user("member@demo.test"), created_at: day(-6), last_post_at: day(-5) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("cohort_post")
    .values([
      {
        thread_id: thread.id,
        cohort_id: legal.id,
        author_id: user("member@demo.test"),
        body: "It helped to hear that the tiredness has a name.",
        created_at: day(-6),
      },
      {
        thread_id: thread.id,
        cohort_id: legal.id,
        author_id: admin,
        body: "Thank you for saying it out loud. Next time we try a debrief together.",
        created_at: day(-5),
      },
    ])
    .execute();
  return { cohortIds: [circle.id, legal.id] };
}
