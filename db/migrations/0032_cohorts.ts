import type { Kysely } from "kysely";
import { run } from "./sql";

/** Cohorts of a foundation, their facilitators, the organisations invited and the people taking part. */
export async function up(db: Kysely<any>) {
  await run(db, [
    `create table cohort (
      id uuid primary key default gen_random_uuid(),
      foundation_id uuid not null references foundation(id) on delete cascade,
      name text not null,
      purpose text not null,
      starts_on date not null,
      ends_on date not null,
      created_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      version integer not null default 1,
      constraint cohort_dates check (ends_on >= starts_on)
    )`,
    `create index cohort_foundation on cohort (foundation_id, starts_on desc)`,
    `create table cohort_facilitator (
      cohort_id uuid not null references cohort(id) on delete cascade,
      user_id uuid not null references app_user(id) on delete cascade,
      primary key (cohort_id, user_id)
    )`,
    `create index cohort_facilitator_user on cohort_facilitator (user_id)`,
    `create table cohort_organisation (
      cohort_id uuid not null references cohort(id) on delete cascade,
      organisation_id uuid not null references organisation(id) on delete cascade,
      invited_by uuid references app_user(id) on delete set null,
      invited_at timestamptz not null default now(),
      accepted_by uuid references app_user(id) on delete set null,
      accepted_at timestamptz,
      primary key (cohort_id, organisation_id)
    )`,
    `create index cohort_organisation_org on cohort_organisation (organisation_id)`,
    `create table cohort_member (
      cohort_id uuid not null references cohort(id) on delete cascade,
      user_id uuid not null references app_user(id) on delete cascade,
      organisation_id uuid not null,
      added_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (cohort_id, user_id),
      foreign key (cohort_id, organisation_id) references cohort_organisation(cohort_id, organisation_id) on delete cascade
    )`,
    `create index cohort_member_user on cohort_member (user_id)`,
  ]);
}
