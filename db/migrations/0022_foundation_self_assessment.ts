import type { Kysely } from "kysely";
import { CONTINUUM_STAGES, sqlList } from "../../app/domain/vocabulary";
import { run } from "./sql";

const stage = `text not null check (%s in (${sqlList(CONTINUUM_STAGES)}))`;

/**
 * Foundation staff's private self-assessments. A response belongs to its author: the
 * foundation sees only aggregates (app/domain/self-assessment-aggregate.ts).
 */
export async function up(db: Kysely<any>) {
  const col = (name: string) => `${name} ${stage.replace("%s", name)}`;
  await run(db, [
    `create table foundation_self_assessment (
      id uuid primary key default gen_random_uuid(),
      foundation_id uuid not null references foundation(id) on delete cascade,
      user_id uuid not null references app_user(id) on delete cascade,
      role text not null check (role in ('admin', 'program_officer', 'staff')),
      ${col("foundation_understanding")},
      ${col("learning_together")},
      ${col("funding_support")},
      ${col("needs_differ")},
      ${col("own_understanding")},
      comment text not null default '',
      share_comment boolean not null default false,
      created_at timestamptz not null default now()
    )`,
    `create index foundation_self_assessment_period on foundation_self_assessment (foundation_id, created_at)`,
    `create index foundation_self_assessment_author on foundation_self_assessment (user_id, foundation_id, created_at desc)`,
    // One invitation email per foundation and period; no reminders exist.
    `create table foundation_self_assessment_invitation (
      foundation_id uuid not null references foundation(id) on delete cascade,
      period_year integer not null,
      sent_by uuid references app_user(id) on delete set null,
      sent_at timestamptz not null default now(),
      primary key (foundation_id, period_year)
    )`,
  ]);
}
