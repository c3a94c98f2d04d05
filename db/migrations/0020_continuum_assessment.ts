import type { Kysely } from "kysely";
import { CONTINUUM_STAGES, PILLARS, sqlList } from "../../app/domain/vocabulary";
import { run } from "./sql";

/**
 * An organisation's own continuum self-assessment: a draft while it is being written, then
 * finished and kept exactly as it was (a trigger refuses any change), so each finished one is
 * a point in time on the organisation's journey.
 */
export async function up(db: Kysely<any>) {
  await run(db, [
    `create table continuum_assessment (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisation(id) on delete cascade,
      status text not null default 'draft' check (status in ('draft', 'finished')),
      reflection text not null default '',
      next_steps text not null default '',
      version integer not null default 1,
      started_by uuid references app_user(id) on delete set null,
      finished_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      finished_at timestamptz,
      constraint continuum_assessment_finished_at check ((status = 'finished') = (finished_at is not null))
    )`,
    `create unique index continuum_assessment_one_draft on continuum_assessment (organisation_id) where status = 'draft'`,
    `create index continuum_assessment_journey on continuum_assessment (organisation_id, finished_at) where status = 'finished'`,
    `create table continuum_pillar_answer (
      assessment_id uuid not null references continuum_assessment(id) on delete cascade,
      pillar text not null check (pillar in (${sqlList(PILLARS)})),
      stage text check (stage in (${sqlList(CONTINUUM_STAGES)})),
      note text not null default '',
      primary key (assessment_id, pillar)
    )`,
    `create function continuum_assessment_is_frozen() returns trigger language plpgsql as $$
     begin
       if old.status = 'finished' then
         raise exception 'a finished continuum assessment is kept as it was';
       end if;
       return new;
     end $$`,
    `create trigger continuum_assessment_frozen before update on continuum_assessment
     for each row execute function continuum_assessment_is_frozen()`,
    `create function continuum_answer_is_frozen() returns trigger language plpgsql as $$
     begin
       if exists (select 1 from continuum_assessment a where a.id = new.assessment_id and a.status = 'finished') then
         raise exception 'a finished continuum assessment is kept as it was';
       end if;
       return new;
     end $$`,
    `create trigger continuum_answer_frozen before insert or update on continuum_pillar_answer
     for each row execute function continuum_answer_is_frozen()`,
  ]);
}
