import type { Kysely } from "kysely";
import { run } from "./sql";

export async function up(db: Kysely<any>) {
  await run(db, [
    `create table membership (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user(id) on delete cascade,
      foundation_id uuid references foundation(id) on delete cascade,
      organisation_id uuid references organisation(id) on delete cascade,
      role text not null,
      created_at timestamptz not null default now(),
      constraint membership_one_tenant check ((foundation_id is null) <> (organisation_id is null)),
      constraint membership_role_fits_tenant check (
        (foundation_id is not null and role in ('admin', 'program_officer', 'staff')) or
        (organisation_id is not null and role in ('director', 'staff'))
      )
    )`,
    `create unique index membership_user_foundation on membership (user_id, foundation_id) where foundation_id is not null`,
    `create unique index membership_user_organisation on membership (user_id, organisation_id) where organisation_id is not null`,
    `create index membership_foundation on membership (foundation_id) where foundation_id is not null`,
    `create index membership_organisation on membership (organisation_id) where organisation_id is not null`,
    // A foundation reaches an organisation only through a relationship it was given.
    `create table grantee (
      foundation_id uuid not null references foundation(id) on delete cascade,
      organisation_id uuid not null references organisation(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (foundation_id, organisation_id)
    )`,
    `create index grantee_organisation on grantee (organisation_id)`,
  ]);
}
