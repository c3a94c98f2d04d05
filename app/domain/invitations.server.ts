import { createElement } from "react";
import type { Kysely } from "kysely";
import type { DB, Role } from "#db/schema";
import InvitationEmail, { invitationSubject } from "#emails/invitation";
import { t, translateKey } from "~/i18n";
import { formatDate } from "~/utils/format";
import { hashPassword } from "~/utils/password.server";
import { generateToken, hashToken } from "~/utils/tokens.server";
import { DomainError } from "./errors";
import { enqueueEmail } from "./outbox.server";
import { recordAudit } from "./audit.server";
import { normaliseEmail } from "./accounts.server";
import { isFoundationRole, isOrganisationRole } from "./memberships.server";
import { foundationOf, organisationOf, type Caller } from "./permissions.server";
import { asCaller } from "./tenant-scope.server";
import { roleLabelKey } from "~/utils/roles";

export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

export type InvitationTarget = { foundationId: string; organisationId?: never } | { organisationId: string; foundationId?: never };

export interface InviteInput {
  inviterId: string;
  email: string;
  role: Role;
  target: InvitationTarget;
  publicUrl: string;
  now?: Date;
}

export function roleLabel(role: Role, kind: "foundation" | "organisation") {
  return translateKey(t, roleLabelKey(kind, role));
}

/**
 * The tenant whose invitations the caller manages: their foundation's or their organisation's, each behind
 * the permission to manage that tenant's members.
 */
function invitationTargetOf(caller: Caller): InvitationTarget {
  return caller.membership?.kind === "organisation"
    ? { organisationId: organisationOf(caller, "manage:organisation-members") }
    : { foundationId: foundationOf(caller, "manage:foundation-members") };
}

/** The caller invites someone to the tenant they act for and manage the members of. */
export async function inviteMember(db: Kysely<DB>, caller: Caller, input: { email: string; role: Role; publicUrl: string; now?: Date }) {
  const target = invitationTargetOf(caller);
  return asCaller(db, caller, (trx) => invite(trx, { ...input, inviterId: caller.userId, target }));
}

/**
 * Creates (or replaces) the open invitation of one person to one tenant and queues its
 * email, in the caller's transaction if one is given. It trusts its target: call it only from a domain
 * function that has checked its caller (inviteMember, or adding a grantee with its director).
 */
export async function invite(db: Kysely<DB>, input: InviteInput) {
  const now = input.now ?? new Date();
  const email = normaliseEmail(input.email);
  const kind = input.target.foundationId ? "foundation" : "organisation";
  if (kind === "foundation" ? !isFoundationRole(input.role) : !isOrganisationRole(input.role)) {
    throw new DomainError("errors.required", "role");
  }
  const run = async (trx: Kysely<DB>) => {
    const tenant = input.target.foundationId
      ? await trx.selectFrom("foundation").select("name").where("id", "=", input.target.foundationId).executeTakeFirstOrThrow()
      : await trx.selectFrom("organisation").select("name").where("id", "=", input.target.organisationId!).executeTakeFirstOrThrow();
    const existingMember = await trx
      .selectFrom("membership")
      .innerJoin("app_user", "app_user.id", "membership.user_id")
      .select("membership.id")
      .where("app_user.email", "=", email)
      .where(
        input.target.foundationId ? "membership.foundation_id" : "membership.organisation_id",
        "=",
        input.target.foundationId ?? input.target.organisationId,
      )
      .executeTakeFirst();
    if (existingMember) throw new DomainError("errors.alreadyMember", "email", { email });

    await trx
      .deleteFrom("invitation")
      .where("email", "=", email)
      .where("accepted_at", "is", null)
      .where(input.target.foundationId ? "foundation_id" : "organisation_id", "=", input.target.foundationId ?? input.target.organisationId)
      .execute();
    const token = generateToken();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    const invitation = await trx
      .insertInto("invitation")
      .values({
        token_hash: hashToken(token),
        email,
        role: input.role,
        foundation_id: input.target.foundationId ?? null,
        organisation_id: input.target.organisationId ?? null,
        invited_by: input.inviterId,
        created_at: now,
        expires_at: expiresAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const inviter = await trx.selectFrom("app_user").select(["name", "email"]).where("id", "=", input.inviterId).executeTakeFirstOrThrow();
    const props = {
      tenantName: tenant.name,
      inviterName: inviter.name || inviter.email,
      roleLabel: roleLabel(input.role, kind),
      acceptUrl: `${input.publicUrl}/invitations/${token}`,
      expiresOn: formatDate(expiresAt),
    };
    await enqueueEmail(trx, {
      kind: "invitation",
      to: email,
      subject: invitationSubject(props),
      element: createElement(InvitationEmail, props),
      foundationId: input.target.foundationId,
      organisationId: input.target.organisationId,
    });
    await recordAudit(trx, {
      actorUserId: input.inviterId,
      foundationId: input.target.foundationId,
      organisationId: input.target.organisationId,
      action: "invitation.sent",
      objectType: "invitation",
      objectId: invitation.id,
      after: { email, role: input.role },
    });
    return { invitationId: invitation.id, token, email };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

export interface OpenInvitation {
  id: string;
  email: string;
  role: Role;
  kind: "foundation" | "organisation";
  tenantId: string;
  tenantName: string;
  inviterName: string;
  expiresAt: Date;
  hasAccount: boolean;
}

/** The invitation behind a token, if it can still be accepted. */
export async function findOpenInvitation(db: Kysely<DB>, token: string, now = new Date()): Promise<OpenInvitation | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const row = await db
    .selectFrom("invitation")
    .leftJoin("foundation", "foundation.id", "invitation.foundation_id")
    .leftJoin("organisation", "organisation.id", "invitation.organisation_id")
    .leftJoin("app_user as inviter", "inviter.id", "invitation.invited_by")
    .leftJoin("app_user as invitee", "invitee.email", "invitation.email")
    .select([
      "invitation.id",
      "invitation.email",
      "invitation.role",
      "invitation.foundation_id",
      "invitation.organisation_id",
      "invitation.expires_at",
      "invitation.accepted_at",
      "foundation.name as foundation_name",
      "organisation.name as organisation_name",
      "inviter.name as inviter_name",
      "inviter.email as inviter_email",
      "invitee.id as invitee_id",
    ])
    .where("invitation.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.accepted_at || row.expires_at.getTime() <= now.getTime()) return null;
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    kind: row.foundation_id ? "foundation" : "organisation",
    tenantId: (row.foundation_id ?? row.organisation_id)!,
    tenantName: (row.foundation_name ?? row.organisation_name)!,
    inviterName: row.inviter_name || row.inviter_email || "",
    expiresAt: row.expires_at,
    hasAccount: Boolean(row.invitee_id),
  };
}

export type AcceptAs = { newAccount: { name: string; password: string } } | { existingUserId: string };

/**
 * Accepts an invitation exactly once: the row is locked and re-checked inside the
 * transaction, so two clicks on the same link cannot both succeed.
 */
export async function acceptInvitation(db: Kysely<DB>, token: string, as: AcceptAs, now = new Date()) {
  const passwordHash = "newAccount" in as ? await hashPassword(as.newAccount.password) : null;
  return db.transaction().execute(async (trx) => {
    const invitation = await trx
      .selectFrom("invitation")
      .selectAll()
      .where("token_hash", "=", /^[a-z2-7]{32}$/.test(token) ? hashToken(token) : "")
      .forUpdate()
      .executeTakeFirst();
    if (!invitation || invitation.accepted_at || invitation.expires_at.getTime() <= now.getTime()) {
      throw new DomainError("errors.invitationInvalid", undefined, undefined, 404);
    }
    let userId: string;
    const existing = await trx.selectFrom("app_user").select(["id"]).where("email", "=", invitation.email).executeTakeFirst();
    if ("existingUserId" in as) {
      if (!existing || existing.id !== as.existingUserId) {
        throw new DomainError("errors.invitationWrongAccount", undefined, { email: invitation.email }, 403);
      }
      userId = existing.id;
    } else {
      if (existing) throw new DomainError("errors.invitationWrongAccount", undefined, { email: invitation.email }, 403);
      const created = await trx
        .insertInto("app_user")
        .values({ email: invitation.email, name: as.newAccount.name, password_hash: passwordHash })
        .returning("id")
        .executeTakeFirstOrThrow();
      userId = created.id;
    }
    const membership = await trx
      .insertInto("membership")
      .values({
        user_id: userId,
        foundation_id: invitation.foundation_id,
        organisation_id: invitation.organisation_id,
        role: invitation.role,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.updateTable("invitation").set({ accepted_at: now, accepted_by: userId }).where("id", "=", invitation.id).execute();
    await recordAudit(trx, {
      actorUserId: userId,
      foundationId: invitation.foundation_id,
      organisationId: invitation.organisation_id,
      action: "invitation.accepted",
      objectType: "membership",
      objectId: membership.id,
      after: { role: invitation.role },
    });
    return { userId, membershipId: membership.id };
  });
}

export async function listOpenInvitations(db: Kysely<DB>, caller: Caller, now = new Date()) {
  const target = invitationTargetOf(caller);
  return asCaller(db, caller, (trx) =>
    trx
      .selectFrom("invitation")
      .select(["id", "email", "role", "created_at", "expires_at"])
      .where(target.foundationId ? "foundation_id" : "organisation_id", "=", target.foundationId ?? target.organisationId)
      .where("accepted_at", "is", null)
      .where("expires_at", ">", now)
      .orderBy("created_at", "desc")
      .execute(),
  );
}

/** Withdraws an open invitation; scoped to the caller's tenant so an id from elsewhere does nothing. */
export async function withdrawInvitation(db: Kysely<DB>, caller: Caller, invitationId: string) {
  const target = invitationTargetOf(caller);
  return asCaller(db, caller, async (trx) => {
    const deleted = await trx
      .deleteFrom("invitation")
      .where("id", "=", invitationId)
      .where(target.foundationId ? "foundation_id" : "organisation_id", "=", target.foundationId ?? target.organisationId)
      .where("accepted_at", "is", null)
      .returning(["id", "email"])
      .executeTakeFirst();
    if (!deleted) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    await recordAudit(trx, {
      actorUserId: caller.userId,
      foundationId: target.foundationId,
      organisationId: target.organisationId,
      action: "invitation.withdrawn",
      objectType: "invitation",
      objectId: deleted.id,
      before: { email: deleted.email },
    });
  });
}

/** Sends a fresh link to an open invitation's address, replacing the old one. */
export async function resendInvitation(db: Kysely<DB>, caller: Caller, invitationId: string, publicUrl: string, now = new Date()) {
  const target = invitationTargetOf(caller);
  return asCaller(db, caller, async (trx) => {
    const open = await trx
      .selectFrom("invitation")
      .select(["email", "role"])
      .where("id", "=", invitationId)
      .where(target.foundationId ? "foundation_id" : "organisation_id", "=", target.foundationId ?? target.organisationId)
      .where("accepted_at", "is", null)
      .executeTakeFirst();
    if (!open) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    return invite(trx, { inviterId: caller.userId, email: open.email, role: open.role, target, publicUrl, now });
  });
}
