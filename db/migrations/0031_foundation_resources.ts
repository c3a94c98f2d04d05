import type { Kysely } from "kysely";
import { PILLARS, PRACTICE_LEVELS, sqlList } from "../../app/domain/vocabulary";
import { run } from "./sql";

/** A foundation's own resources: a link or a written note, tagged like the library. */
export async function up(db: Kysely<any>) {
  await run(db, [
    `create table foundation_resource (
      id uuid primary key default gen_random_uuid(),
      foundation_id uuid not null references foundation(id) on delete cascade,
      title text not null,
      url text,
      note text,
      level text check (level in (${sqlList(PRACTICE_LEVELS)})),
      pillars text[] not null default '{}' check (pillars <@ array[${sqlList(PILLARS)}]::text[]),
      created_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      constraint foundation_resource_has_content check (url is not null or note is not null),
      constraint foundation_resource_url_scheme check (url is null or url ~* '^https?://')
    )`,
    `create index foundation_resource_foundation on foundation_resource (foundation_id, created_at desc)`,
  ]);
}
