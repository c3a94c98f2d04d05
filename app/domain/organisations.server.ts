import type { Kysely } from "kysely";
import type { DB } from "#db/schema";
import { foundationOf, type Caller } from "./permissions.server";
import { asCaller } from "./tenant-scope.server";

export async function getOrganisation(db: Kysely<DB>, organisationId: string) {
  return db.selectFrom("organisation").selectAll().where("id", "=", organisationId).executeTakeFirst();
}

/**
 * The one rule for which foundations an organisation is connected to (DESIGN.md: a foundation
 * reaches an organisation only through a grant or a cohort): those that fund it, and those running
 * a cohort whose invitation it accepted. Each row says since when.
 */
export function connectedFoundationsQuery(db: Kysely<DB>, organisationId: string) {
  return db
    .selectFrom("grantee")
    .select(["grantee.foundation_id as foundation_id", "grantee.created_at as since"])
    .where("grantee.organisation_id", "=", organisationId)
    .unionAll(
      db
        .selectFrom("cohort_organisation")
        .innerJoin("cohort", "cohort.id", "cohort_organisation.cohort_id")
        .select(["cohort.foundation_id as foundation_id", "cohort_organisation.accepted_at as since"])
        .where("cohort_organisation.organisation_id", "=", organisationId)
        .where("cohort_organisation.accepted_at", "is not", null)
        .$narrowType<{ since: Date }>(),
    );
}

/** Foundations connected to the organisation, each once, with the earliest connection. */
export async function listConnectedFoundations(db: Kysely<DB>, organisationId: string) {
  return db
    .selectFrom(connectedFoundationsQuery(db, organisationId).as("connection"))
    .innerJoin("foundation", "foundation.id", "connection.foundation_id")
    .select((eb) => ["foundation.id", "foundation.name", eb.fn.min("connection.since").as("created_at")])
    .groupBy(["foundation.id", "foundation.name"])
    .orderBy("foundation.name")
    .execute();
}

/** Whether a foundation may reach an organisation at all. */
export async function foundationReachesOrganisation(db: Kysely<DB>, foundationId: string, organisationId: string) {
  const row = await db
    .selectFrom(connectedFoundationsQuery(db, organisationId).as("connection"))
    .select("connection.foundation_id")
    .where("connection.foundation_id", "=", foundationId)
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * An organisation as the caller's foundation may know it: its name, and only while the two are
 * connected (a grant or a cohort). Undefined otherwise, so another's id reveals nothing.
 */
export async function connectedOrganisation(db: Kysely<DB>, caller: Caller, organisationId: string) {
  const foundationId = foundationOf(caller, "read:connected-organisation");
  return asCaller(db, caller, (trx) =>
    trx
      .selectFrom("organisation")
      .select(["organisation.id", "organisation.name"])
      .where("organisation.id", "=", organisationId)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom(connectedFoundationsQuery(trx, organisationId).as("connection"))
            .select("connection.foundation_id")
            .where("connection.foundation_id", "=", foundationId),
        ),
      )
      .executeTakeFirst(),
  );
}
