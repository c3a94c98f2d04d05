import type { Kysely } from "kysely";
import { run } from "./sql";

export async function up(db: Kysely<any>) {
  await run(db, [
    `create table app_secret (
      name text primary key,
      value text not null,
      created_at timestamptz not null default now()
    )`,
    `create table app_user (
      id uuid primary key default gen_random_uuid(),
      email text not null unique check (email = lower(email) and length(email) between 3 and 254),
      name text not null default '' check (length(name) <= 200),
      password_hash text,
      locale text not null default 'en' check (locale in ('en', 'es')),
      password_changed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create table foundation (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      default_allowance_bps integer not null default 1000 check (default_allowance_bps between 0 and 10000),
      min_group_size integer not null default 5 check (min_group_size between 5 and 1000),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create table organisation (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
  ]);
}
