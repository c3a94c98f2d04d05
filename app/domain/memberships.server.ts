import type { Kysely } from "kysely";
import type { DB, FoundationRole, OrganisationRole, Role } from "#db/schema";
import { FOUNDATION_ROLES, foundationOf, ORGANISATION_ROLES, organisationOf, rolesWith, type Caller, type Permission } from "./permissions.server";
import { asCaller } from "./tenant-scope.server";

export type TenantKind = "foundation" | "organisation";

export interface TenantMembership {
  id: string;
  role: Role;
  kind: TenantKind;
  tenantId: string;
  tenantName: string;
}

export function isFoundationRole(role: string): role is FoundationRole {
  return (FOUNDATION_ROLES as readonly string[]).includes(role);
}
export function isOrganisationRole(role: string): role is OrganisationRole {
  return (ORGANISATION_ROLES as readonly string[]).includes(role);
}

export async function listMemberships(db: Kysely<DB>, userId: string): Promise<TenantMembership[]> {
  const rows = await db
    .selectFrom("membership")
    .leftJoin("foundation", "foundation.id", "membership.foundation_id")
    .leftJoin("organisation", "organisation.id", "membership.organisation_id")
    .select([
      "membership.id",
      "membership.role",
      "membership.foundation_id",
      "membership.organisation_id",
      "foundation.name as foundation_name",
      "organisation.name as organisation_name",
    ])
    .where("membership.user_id", "=", userId)
    .orderBy("membership.created_at")
    .execute();
  return rows.map((r) =>
    r.foundation_id
      ? { id: r.id, role: r.role, kind: "foundation", tenantId: r.foundation_id, tenantName: r.foundation_name ?? "" }
      : { id: r.id, role: r.role, kind: "organisation", tenantId: r.organisation_id!, tenantName: r.organisation_name ?? "" },
  );
}

/** The people of the caller's foundation, for those who manage them. */
export async function listFoundationMembers(db: Kysely<DB>, caller: Caller) {
  const foundationId = foundationOf(caller, "manage:foundation-members");
  return asCaller(db, caller, (trx) => membersOf(trx, "membership.foundation_id", foundationId));
}

/** The people of the caller's organisation, for those who manage them. */
export async function listOrganisationMembers(db: Kysely<DB>, caller: Caller) {
  const organisationId = organisationOf(caller, "manage:organisation-members");
  return asCaller(db, caller, (trx) => membersOf(trx, "membership.organisation_id", organisationId));
}

function membersOf(db: Kysely<DB>, tenantColumn: "membership.foundation_id" | "membership.organisation_id", tenantId: string) {
  return db
    .selectFrom("membership")
    .innerJoin("app_user", "app_user.id", "membership.user_id")
    .select(["membership.id", "membership.role", "membership.created_at", "app_user.name", "app_user.email"])
    .where(tenantColumn, "=", tenantId)
    .orderBy("app_user.name")
    .orderBy("app_user.email")
    .execute();
}

/**
 * The people of a foundation whose role there carries `permission` (who may hold a grant, who facilitates every
 * cohort), by name. For domain functions that have already checked their caller and run in its scope.
 */
export function foundationPeopleWith(trx: Kysely<DB>, foundationId: string, permission: Permission) {
  return trx
    .selectFrom("membership")
    .innerJoin("app_user", "app_user.id", "membership.user_id")
    .select(["app_user.id", "app_user.name", "app_user.email"])
    .where("membership.foundation_id", "=", foundationId)
    .where("membership.role", "in", rolesWith("foundation", permission))
    .orderBy("app_user.name")
    .execute();
}
