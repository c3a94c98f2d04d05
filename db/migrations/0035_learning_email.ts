import type { Kysely } from "kysely";
import { run } from "./sql";

/** Which learning emails a person wants, and the weekly digests already queued (claimed once per week). */
export async function up(db: Kysely<any>) {
  await run(db, [
    `create table email_preference (
      user_id uuid primary key references app_user(id) on delete cascade,
      cohort_invitations boolean not null default true,
      session_reminders boolean not null default true,
      weekly_digest boolean not null default true,
      updated_at timestamptz not null default now()
    )`,
    `create table digest_claim (
      user_id uuid not null references app_user(id) on delete cascade,
      week_start date not null,
      claimed_at timestamptz not null default now(),
      primary key (user_id, week_start)
    )`,
  ]);
}
