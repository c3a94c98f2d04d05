import type { Kysely } from "kysely";
import { run } from "./sql";

export async function up(db: Kysely<any>) {
  await run(db, [
    `create table invitation (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique check (length(token_hash) = 64),
      email text not null check (email = lower(email)),
      foundation_id uuid references foundation(id) on delete cascade,
      organisation_id uuid references organisation(id) on delete cascade,
      role text not null,
      invited_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_at timestamptz,
      accepted_by uuid references app_user(id) on delete set null,
      constraint invitation_one_tenant check ((foundation_id is null) <> (organisation_id is null)),
      constraint invitation_role_fits_tenant check (
        (foundation_id is not null and role in ('admin', 'program_officer', 'staff')) or
        (organisation_id is not null and role in ('director', 'staff'))
      )
    )`,
    // One open link per person and tenant: re-inviting replaces it.
    `create unique index invitation_open_foundation on invitation (email, foundation_id) where accepted_at is null and foundation_id is not null`,
    `create unique index invitation_open_organisation on invitation (email, organisation_id) where accepted_at is null and organisation_id is not null`,
  ]);
}
