import type { Kysely } from "kysely";
import type { DB } from "#db/schema";

export async function getOrganisation(db: Kysely<DB>, organisationId: string) {
  return db.selectFrom("organisation").selectAll().where("id", "=", organisationId).executeTakeFirst();
}

/** Foundations connected to the organisation (grants and cohorts add to this later). */
export async function listConnectedFoundations(db: Kysely<DB>, organisationId: string) {
  return db
    .selectFrom("grantee")
    .innerJoin("foundation", "foundation.id", "grantee.foundation_id")
    .select(["foundation.id", "foundation.name", "grantee.created_at"])
    .where("grantee.organisation_id", "=", organisationId)
    .orderBy("foundation.name")
    .execute();
}

/** Whether a foundation may reach an organisation at all. */
export async function foundationReachesOrganisation(db: Kysely<DB>, foundationId: string, organisationId: string) {
  const row = await db
    .selectFrom("grantee")
    .select("organisation_id")
    .where("foundation_id", "=", foundationId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return Boolean(row);
}
