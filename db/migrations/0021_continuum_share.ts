import type { Kysely } from "kysely";
import { run } from "./sql";

/** Consent to share an organisation's journey with one foundation: the row exists only while it is given. */
export async function up(db: Kysely<any>) {
  await run(db, [
    `create table continuum_share (
      organisation_id uuid not null references organisation(id) on delete cascade,
      foundation_id uuid not null references foundation(id) on delete cascade,
      granted_by uuid references app_user(id) on delete set null,
      granted_at timestamptz not null default now(),
      primary key (organisation_id, foundation_id)
    )`,
    `create index continuum_share_foundation on continuum_share (foundation_id)`,
  ]);
}
