import type { Kysely } from "kysely";
import { run } from "./sql";

/** What facilitators pin to a cohort, and its discussion (posts are hidden, never deleted). */
export async function up(db: Kysely<any>) {
  await run(db, [
    `create table cohort_pin (
      id uuid primary key default gen_random_uuid(),
      cohort_id uuid not null references cohort(id) on delete cascade,
      practice_id text references practice(id) on delete cascade,
      resource_id uuid references foundation_resource(id) on delete cascade,
      note text not null default '',
      pinned_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      constraint cohort_pin_one_target check ((practice_id is null) <> (resource_id is null))
    )`,
    `create unique index cohort_pin_practice on cohort_pin (cohort_id, practice_id) where practice_id is not null`,
    `create unique index cohort_pin_resource on cohort_pin (cohort_id, resource_id) where resource_id is not null`,
    `create table cohort_thread (
      id uuid primary key default gen_random_uuid(),
      cohort_id uuid not null references cohort(id) on delete cascade,
      title text not null,
      created_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      last_post_at timestamptz not null default now()
    )`,
    `create index cohort_thread_cohort on cohort_thread (cohort_id, last_post_at desc)`,
    `create table cohort_post (
      id uuid primary key default gen_random_uuid(),
      thread_id uuid not null references cohort_thread(id) on delete cascade,
      cohort_id uuid not null references cohort(id) on delete cascade,
      author_id uuid references app_user(id) on delete set null,
      body text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      edited_at timestamptz,
      hidden_at timestamptz,
      hidden_by uuid references app_user(id) on delete set null
    )`,
    `create index cohort_post_thread on cohort_post (thread_id, created_at)`,
    `create index cohort_post_cohort on cohort_post (cohort_id, created_at)`,
  ]);
}
