import type { Kysely } from "kysely";
import { PILLARS, PURPOSES, sqlList } from "../../app/domain/vocabulary";
import { run } from "./sql";

// practice_id points at the practices library once it exists; its foreign key comes with it.
export async function up(db: Kysely<any>) {
  await run(db, [
    `create table plan_line (
      id uuid primary key default gen_random_uuid(),
      grant_id uuid not null references "grant"(id) on delete cascade,
      position integer not null,
      pillar text not null check (pillar in (${sqlList(PILLARS)})),
      purpose text check (purpose in (${sqlList(PURPOSES)})),
      description text not null default '' check (length(description) <= 2000),
      amount_cents bigint not null check (amount_cents between 1 and 1000000000000),
      practice_id uuid,
      created_at timestamptz not null default now()
    )`,
    `create index plan_line_grant on plan_line (grant_id, position)`,
  ]);
}
