import type { Kysely } from "kysely";
import { run } from "./sql";

/** The learning conversation on a grant: both sides read all of it. */
export async function up(db: Kysely<any>) {
  await run(db, [
    `create table grant_comment (
      id uuid primary key default gen_random_uuid(),
      grant_id uuid not null references "grant"(id) on delete cascade,
      author_user_id uuid references app_user(id) on delete set null,
      side text not null check (side in ('foundation', 'organisation')),
      body text not null check (length(body) between 1 and 5000),
      created_at timestamptz not null default now()
    )`,
    `create index grant_comment_grant on grant_comment (grant_id, created_at)`,
  ]);
}
