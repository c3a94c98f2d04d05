import type { Kysely } from "kysely";
import { run } from "./sql";

export async function up(db: Kysely<any>) {
  await run(db, [
    `create table audit_event (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_user_id uuid references app_user(id) on delete set null,
      foundation_id uuid references foundation(id) on delete set null,
      organisation_id uuid references organisation(id) on delete set null,
      action text not null,
      object_type text not null,
      object_id text,
      before jsonb,
      after jsonb
    )`,
    `create index audit_event_foundation on audit_event (foundation_id, at desc)`,
    `create index audit_event_organisation on audit_event (organisation_id, at desc)`,
    `create function audit_event_is_append_only() returns trigger language plpgsql as $$
     begin
       raise exception 'audit_event rows are append-only';
     end $$`,
    `create trigger audit_event_append_only before update or delete on audit_event
     for each row execute function audit_event_is_append_only()`,
  ]);
}
