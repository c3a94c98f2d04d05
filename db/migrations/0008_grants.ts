import type { Kysely } from "kysely";
import { run } from "./sql";

// "grant" is a reserved word: every raw statement quotes it.
export async function up(db: Kysely<any>) {
  await run(db, [
    `create table "grant" (
      id uuid primary key default gen_random_uuid(),
      foundation_id uuid not null references foundation(id) on delete cascade,
      grant_line_id uuid not null,
      organisation_id uuid not null,
      title text not null check (length(title) between 1 and 200),
      proposed_budget_cents bigint not null check (proposed_budget_cents between 0 and 1000000000000),
      awarded_cents bigint check (awarded_cents between 0 and 1000000000000),
      starts_on date,
      ends_on date,
      status text not null default 'proposed' check (status in ('proposed', 'active', 'closed')),
      officer_user_id uuid references app_user(id) on delete set null,
      version integer not null default 1,
      plan_version integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint grant_dates_in_order check (ends_on is null or starts_on is null or ends_on >= starts_on),
      -- A grant stays inside its foundation: its line and its grantee belong to the same foundation.
      constraint grant_line_same_foundation foreign key (foundation_id, grant_line_id)
        references grant_line (foundation_id, id) on delete restrict,
      constraint grant_grantee_same_foundation foreign key (foundation_id, organisation_id)
        references grantee (foundation_id, organisation_id) on delete restrict
    )`,
    `create index grant_foundation_line on "grant" (foundation_id, grant_line_id)`,
    `create index grant_foundation_status on "grant" (foundation_id, status)`,
    `create index grant_foundation_officer on "grant" (foundation_id, officer_user_id)`,
    `create index grant_foundation_title on "grant" (foundation_id, title, id)`,
    `create index grant_foundation_organisation on "grant" (foundation_id, organisation_id)`,
    `create index grant_organisation on "grant" (organisation_id, created_at desc)`,
  ]);
}
