import type { Kysely } from "kysely";
import { run } from "./sql";

export async function up(db: Kysely<any>) {
  await run(db, [
    `create table outbox (
      id uuid primary key default gen_random_uuid(),
      message_id text not null unique,
      kind text not null,
      foundation_id uuid references foundation(id) on delete cascade,
      organisation_id uuid references organisation(id) on delete cascade,
      to_address text not null,
      subject text not null,
      html text not null,
      text text not null,
      status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      locked_until timestamptz,
      last_error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    )`,
    `create index outbox_due on outbox (next_attempt_at) where status = 'queued'`,
    `create index outbox_foundation on outbox (foundation_id, created_at desc)`,
    `create index outbox_organisation on outbox (organisation_id, created_at desc)`,
  ]);
}
