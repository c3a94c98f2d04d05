import type { Kysely } from "kysely";
import type { DB } from "#db/schema";
import { DomainError } from "./errors";
import { foundationOf, organisationOf, type Caller } from "./permissions.server";
import { asCaller } from "./tenant-scope.server";

/**
 * @deprecated Takes a bare id: only for the foundation's continuum page until it passes a caller. Use
 * getOwnOrganisation or getConnectedOrganisation.
 */
export async function getOrganisation(db: Kysely<DB>, organisationId: string) {
  return db.selectFrom("organisation").selectAll().where("id", "=", organisationId).executeTakeFirst();
}

/** The organisation the caller acts for. */
export async function getOwnOrganisation(db: Kysely<DB>, caller: Caller) {
  const organisationId = organisationOf(caller, "read:organisation");
  return asCaller(db, caller, (trx) => trx.selectFrom("organisation").selectAll().where("id", "=", organisationId).executeTakeFirstOrThrow());
}

/**
 * An organisation as a foundation sees it: only one the foundation reaches through a grant or a cohort (anything
 * else is a 404, so an id from elsewhere reveals nothing), and only its name.
 */
export async function getConnectedOrganisation(db: Kysely<DB>, caller: Caller, organisationId: string) {
  // Whether the organisation is connected at all comes first (404), so a refusal (403) says nothing about an unconnected one.
  const foundationId = foundationOf(caller, "read:foundation");
  return asCaller(db, caller, async (trx) => {
    if (!(await foundationReachesOrganisation(trx, foundationId, organisationId))) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    foundationOf(caller, "read:connected-organisation");
    return trx.selectFrom("organisation").select(["id", "name"]).where("id", "=", organisationId).executeTakeFirstOrThrow();
  });
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

/** Foundations connected to the caller's organisation, each once, with the earliest connection. */
export async function listConnectedFoundations(db: Kysely<DB>, caller: Caller) {
  const organisationId = organisationOf(caller, "read:organisation");
  return asCaller(db, caller, (trx) =>
    trx
      .selectFrom(connectedFoundationsQuery(trx, organisationId).as("connection"))
      .innerJoin("foundation", "foundation.id", "connection.foundation_id")
      .select((eb) => ["foundation.id", "foundation.name", eb.fn.min("connection.since").as("created_at")])
      .groupBy(["foundation.id", "foundation.name"])
      .orderBy("foundation.name")
      .execute(),
  );
}

/**
 * Whether a foundation may reach an organisation at all: the rule itself, for domain functions that have
 * already checked their caller (it takes the foundation id the caller's guard returned).
 */
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
