import type { Kysely } from "kysely";
import { run } from "./sql";

/** Sessions of a cohort (an instant plus the zone it is shown in), RSVPs and attendance. */
export async function up(db: Kysely<any>) {
  await run(db, [
    `create table cohort_session (
      id uuid primary key default gen_random_uuid(),
      cohort_id uuid not null references cohort(id) on delete cascade,
      title text not null,
      starts_at timestamptz not null,
      duration_minutes integer not null check (duration_minutes between 5 and 1440),
      time_zone text not null,
      place text,
      video_url text check (video_url is null or video_url ~* '^https?://'),
      agenda text not null default '',
      created_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      -- Set in the transaction that queues the reminders, so they go out once.
      reminder_claimed_at timestamptz
    )`,
    `create index cohort_session_cohort on cohort_session (cohort_id, starts_at)`,
    `create index cohort_session_reminder_due on cohort_session (starts_at) where reminder_claimed_at is null`,
    `create table session_rsvp (
      session_id uuid not null references cohort_session(id) on delete cascade,
      user_id uuid not null references app_user(id) on delete cascade,
      response text check (response in ('yes', 'no', 'maybe')),
      responded_at timestamptz,
      attended boolean,
      attendance_recorded_by uuid references app_user(id) on delete set null,
      attendance_recorded_at timestamptz,
      primary key (session_id, user_id)
    )`,
  ]);
}
