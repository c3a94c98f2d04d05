import type { Kysely } from "kysely";
import { run } from "./sql";

export async function up(db: Kysely<any>) {
  await run(db, [
    // id is the SHA-256 of the token the browser holds; the token itself is never stored.
    `create table session (
      id text primary key check (length(id) = 64),
      user_id uuid not null references app_user(id) on delete cascade,
      membership_id uuid references membership(id) on delete set null,
      created_at timestamptz not null default now(),
      last_active_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`,
    `create index session_by_user on session (user_id)`,
    `create index session_expires on session (expires_at)`,
  ]);
}
