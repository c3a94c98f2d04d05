import type { Kysely } from "kysely";
import type { DB } from "#db/schema";
import { DomainError } from "./errors";
import { recordAudit } from "./audit.server";
import { invite } from "./invitations.server";
import { foundationOf, rolesWith, type Caller } from "./permissions.server";
import { asCaller } from "./tenant-scope.server";

/** The foundation the caller acts for. */
export async function getFoundation(db: Kysely<DB>, caller: Caller) {
  const foundationId = foundationOf(caller, "read:foundation");
  return asCaller(db, caller, (trx) => trx.selectFrom("foundation").selectAll().where("id", "=", foundationId).executeTakeFirstOrThrow());
}

export interface FoundationSettingsInput {
  name: string;
  defaultAllowanceBps: number;
  minGroupSize: number;
  /** The updated_at the form was built from; a mismatch means someone else saved first. */
  version: string;
}

export async function updateFoundationSettings(db: Kysely<DB>, caller: Caller, input: FoundationSettingsInput) {
  const foundationId = foundationOf(caller, "manage:foundation-settings");
  const actorId = caller.userId;
  return asCaller(db, caller, async (trx) => {
    const current = await trx.selectFrom("foundation").selectAll().where("id", "=", foundationId).forUpdate().executeTakeFirstOrThrow();
    if (current.updated_at.toISOString() !== input.version) {
      throw new DomainError("errors.stale", undefined, undefined, 409);
    }
    const updated = await trx
      .updateTable("foundation")
      .set({
        name: input.name,
        default_allowance_bps: input.defaultAllowanceBps,
        min_group_size: input.minGroupSize,
        updated_at: new Date(),
      })
      .where("id", "=", foundationId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: actorId,
      foundationId,
      action: "foundation.settings_changed",
      objectType: "foundation",
      objectId: foundationId,
      before: { name: current.name, default_allowance_bps: current.default_allowance_bps, min_group_size: current.min_group_size },
      after: { name: updated.name, default_allowance_bps: updated.default_allowance_bps, min_group_size: updated.min_group_size },
    });
    return updated;
  });
}

export async function removeFoundationMember(db: Kysely<DB>, caller: Caller, membershipId: string) {
  const foundationId = foundationOf(caller, "manage:foundation-members");
  const actorId = caller.userId;
  // A foundation always keeps someone who can manage its members.
  const managers: string[] = rolesWith("foundation", "manage:foundation-members");
  return asCaller(db, caller, async (trx) => {
    const members = await trx.selectFrom("membership").select(["id", "role", "user_id"]).where("foundation_id", "=", foundationId).forUpdate().execute();
    const target = members.find((m) => m.id === membershipId);
    if (!target) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    if (managers.includes(target.role) && members.filter((m) => managers.includes(m.role)).length === 1) {
      throw new DomainError("errors.lastAdmin", undefined, undefined, 409);
    }
    // Sessions first: deleting the membership sets their membership_id to null (on delete set null).
    await trx.deleteFrom("session").where("membership_id", "=", membershipId).execute();
    await trx.deleteFrom("membership").where("id", "=", membershipId).execute();
    await recordAudit(trx, {
      actorUserId: actorId,
      foundationId,
      action: "membership.removed",
      objectType: "membership",
      objectId: membershipId,
      before: { user_id: target.user_id, role: target.role },
    });
  });
}

export async function listGrantees(db: Kysely<DB>, caller: Caller) {
  const foundationId = foundationOf(caller, "read:grantees");
  return asCaller(db, caller, (trx) =>
    trx
      .selectFrom("grantee")
      .innerJoin("organisation", "organisation.id", "grantee.organisation_id")
      .select(["organisation.id", "organisation.name", "grantee.created_at"])
      .where("grantee.foundation_id", "=", foundationId)
      .orderBy("organisation.name")
      .execute(),
  );
}

/** A new grantee organisation, its relationship to the foundation, and its director's invitation, together. */
export async function createGranteeOrganisation(db: Kysely<DB>, caller: Caller, input: { name: string; directorEmail: string; publicUrl: string; now?: Date }) {
  const foundationId = foundationOf(caller, "create:grantee");
  const actorId = caller.userId;
  return asCaller(db, caller, async (trx) => {
    const organisation = await trx.insertInto("organisation").values({ name: input.name }).returning("id").executeTakeFirstOrThrow();
    await trx.insertInto("grantee").values({ foundation_id: foundationId, organisation_id: organisation.id }).execute();
    await recordAudit(trx, {
      actorUserId: actorId,
      foundationId,
      organisationId: organisation.id,
      action: "organisation.created",
      objectType: "organisation",
      objectId: organisation.id,
      after: { name: input.name },
    });
    await invite(trx, {
      inviterId: actorId,
      email: input.directorEmail,
      role: "director",
      target: { organisationId: organisation.id },
      publicUrl: input.publicUrl,
      now: input.now,
    });
    return organisation;
  });
}
