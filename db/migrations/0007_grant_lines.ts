import type { Kysely } from "kysely";
import { run } from "./sql";

export async function up(db: Kysely<any>) {
  await run(db, [
    `create table grant_line (
      id uuid primary key default gen_random_uuid(),
      foundation_id uuid not null references foundation(id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      fiscal_year integer not null check (fiscal_year between 2000 and 2100),
      description text not null default '' check (length(description) <= 5000),
      kind text not null check (kind in ('dedicated', 'enhancement')),
      allowance_bps integer check (allowance_bps between 0 and 10000),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint grant_line_allowance_fits_kind check ((kind = 'enhancement') = (allowance_bps is not null)),
      constraint grant_line_tenant unique (foundation_id, id)
    )`,
    `create index grant_line_foundation_year on grant_line (foundation_id, fiscal_year, name)`,
  ]);
}
