import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Database } from "#db/client";
import { authenticate } from "~/domain/accounts.server";
import { DomainError } from "~/domain/errors";
import {
  acceptInvitation,
  findOpenInvitation,
  INVITATION_TTL_MS,
  invite,
  inviteMember,
  listOpenInvitations,
  resendInvitation,
  withdrawInvitation,
} from "~/domain/invitations.server";
import { hashToken } from "~/utils/tokens.server";
import { createTestDatabase } from "../support/db";
import { addFoundationMember, addOrganisationMember, callerOf, createFoundationWithAdmin, createOrganisation, createUser } from "../support/factories";

const PUBLIC_URL = "https://sts.example.test";
const T0 = new Date("2030-05-01T12:00:00.000Z");
const NEW_ACCOUNT = { newAccount: { name: "New Person", password: "a-long-enough-passphrase" } };

let database: Database;
let n = 0;
const freshEmail = () => `invitee-${Date.now().toString(36)}-${n++}@example.org`;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const outboxFor = (email: string) => database.db.selectFrom("outbox").selectAll().where("to_address", "=", email).orderBy("created_at").execute();
const openInvitationsFor = (email: string) =>
  database.db.selectFrom("invitation").selectAll().where("email", "=", email).where("accepted_at", "is", null).execute();

describe("invite", () => {
  it("stores only the hash of the token and queues one email with the accept link", async () => {
    const { foundation, admin } = await createFoundationWithAdmin(database.db);
    const email = freshEmail();
    const { token, invitationId } = await invite(database.db, {
      inviterId: admin.id,
      email: `  ${email.toUpperCase()} `,
      role: "program_officer",
      target: { foundationId: foundation.id },
      publicUrl: PUBLIC_URL,
      now: T0,
    });
    expect(token).toMatch(/^[a-z2-7]{32}$/);

    const row = await database.db.selectFrom("invitation").selectAll().where("id", "=", invitationId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email, role: "program_officer", foundation_id: foundation.id, organisation_id: null, invited_by: admin.id });
    expect(row.token_hash).toBe(hashToken(token));
    expect(row.expires_at).toEqual(new Date(T0.getTime() + INVITATION_TTL_MS));
    const { rows } = await sql<{ text: string }>`select row_to_json(i)::text as text from invitation i`.execute(database.db);
    for (const r of rows) expect(r.text).not.toContain(token);

    const queued = await outboxFor(email);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ kind: "invitation", status: "queued", foundation_id: foundation.id, attempts: 0 });
    expect(queued[0].text).toContain(`${PUBLIC_URL}/invitations/${token}`);
    expect(queued[0].html).toContain(`${PUBLIC_URL}/invitations/${token}`);
    expect(queued[0].subject).toContain(foundation.name);

    const audit = await database.db.selectFrom("audit_event").select(["action", "actor_user_id"]).where("object_id", "=", invitationId).execute();
    expect(audit).toEqual([{ action: "invitation.sent", actor_user_id: admin.id }]);

    const open = await findOpenInvitation(database.db, token, T0);
    expect(open).toMatchObject({ id: invitationId, email, kind: "foundation", tenantId: foundation.id, tenantName: foundation.name, hasAccount: false });
  });

  it("replaces the open link when the same person is invited to the same tenant again", async () => {
    const { foundation, admin } = await createFoundationWithAdmin(database.db);
    const email = freshEmail();
    const target = { foundationId: foundation.id };
    const first = await invite(database.db, { inviterId: admin.id, email, role: "staff", target, publicUrl: PUBLIC_URL, now: T0 });
    const second = await invite(database.db, { inviterId: admin.id, email, role: "admin", target, publicUrl: PUBLIC_URL, now: T0 });
    expect(second.token).not.toBe(first.token);

    expect(await findOpenInvitation(database.db, first.token, T0)).toBeNull();
    expect(await findOpenInvitation(database.db, second.token, T0)).toMatchObject({ role: "admin" });
    const open = await openInvitationsFor(email);
    expect(open.map((i) => i.id)).toEqual([second.invitationId]);
    const queued = await outboxFor(email);
    expect(queued).toHaveLength(2);
    expect(queued.filter((m) => m.text.includes(second.token))).toHaveLength(1);

    await expect(acceptInvitation(database.db, first.token, NEW_ACCOUNT, T0)).rejects.toBeInstanceOf(DomainError);
    const accepted = await acceptInvitation(database.db, second.token, NEW_ACCOUNT, T0);
    const membership = await database.db.selectFrom("membership").selectAll().where("id", "=", accepted.membershipId).executeTakeFirstOrThrow();
    expect(membership.role).toBe("admin");
  });

  it("keeps invitations to different tenants apart", async () => {
    const a = await createFoundationWithAdmin(database.db);
    const b = await createFoundationWithAdmin(database.db);
    const email = freshEmail();
    const first = await invite(database.db, {
      inviterId: a.admin.id,
      email,
      role: "staff",
      target: { foundationId: a.foundation.id },
      publicUrl: PUBLIC_URL,
      now: T0,
    });
    await invite(database.db, { inviterId: b.admin.id, email, role: "staff", target: { foundationId: b.foundation.id }, publicUrl: PUBLIC_URL, now: T0 });
    expect(await findOpenInvitation(database.db, first.token, T0)).not.toBeNull();
    expect(await openInvitationsFor(email)).toHaveLength(2);
  });

  it("refuses someone who is already a member, and queues nothing", async () => {
    const { foundation, admin } = await createFoundationWithAdmin(database.db);
    const before = await database.db
      .selectFrom("outbox")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    const attempt = invite(database.db, {
      inviterId: admin.id,
      email: admin.email.toUpperCase(),
      role: "staff",
      target: { foundationId: foundation.id },
      publicUrl: PUBLIC_URL,
      now: T0,
    });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ message: "errors.alreadyMember", field: "email" });
    expect(await openInvitationsFor(admin.email)).toHaveLength(0);
    const after = await database.db
      .selectFrom("outbox")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("queues a clean email whatever the length of the tenant's name", async () => {
    // React 18's stream renderer pads some chunk boundaries with NUL bytes, which PostgreSQL refuses in text.
    const { admin } = await createFoundationWithAdmin(database.db);
    for (let length = 10; length <= 40; length++) {
      const organisation = await createOrganisation(database.db, "Ö".padEnd(length, "x"));
      const email = freshEmail();
      const { token } = await invite(database.db, {
        inviterId: admin.id,
        email,
        role: "director",
        target: { organisationId: organisation.id },
        publicUrl: PUBLIC_URL,
        now: T0,
      });
      const [queued] = await outboxFor(email);
      expect(queued.html, `name of ${length} characters`).not.toContain("\0");
      expect(queued.text).not.toContain("\0");
      expect(queued.html).toContain(organisation.name);
      expect(queued.text).toContain(`${PUBLIC_URL}/invitations/${token}`);
    }
  });

  it("refuses a role that does not fit the tenant", async () => {
    const { foundation, admin } = await createFoundationWithAdmin(database.db);
    const organisation = await createOrganisation(database.db);
    await expect(
      invite(database.db, {
        inviterId: admin.id,
        email: freshEmail(),
        role: "director",
        target: { foundationId: foundation.id },
        publicUrl: PUBLIC_URL,
        now: T0,
      }),
    ).rejects.toBeInstanceOf(DomainError);
    await expect(
      invite(database.db, {
        inviterId: admin.id,
        email: freshEmail(),
        role: "admin",
        target: { organisationId: organisation.id },
        publicUrl: PUBLIC_URL,
        now: T0,
      }),
    ).rejects.toBeInstanceOf(DomainError);
  });
});

describe("acceptInvitation", () => {
  it("creates the user and the membership, and cannot be used twice", async () => {
    const { foundation, admin } = await createFoundationWithAdmin(database.db);
    const email = freshEmail();
    const { token, invitationId } = await invite(database.db, {
      inviterId: admin.id,
      email,
      role: "staff",
      target: { foundationId: foundation.id },
      publicUrl: PUBLIC_URL,
      now: T0,
    });
    const acceptedAt = new Date(T0.getTime() + 3_600_000);
    const { userId, membershipId } = await acceptInvitation(database.db, token, NEW_ACCOUNT, acceptedAt);

    const user = await database.db.selectFrom("app_user").selectAll().where("id", "=", userId).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ email, name: "New Person" });
    expect((await authenticate(database.db, email, "a-long-enough-passphrase"))?.id).toBe(userId);
    const membership = await database.db.selectFrom("membership").selectAll().where("id", "=", membershipId).executeTakeFirstOrThrow();
    expect(membership).toMatchObject({ user_id: userId, foundation_id: foundation.id, organisation_id: null, role: "staff" });
    const invitation = await database.db.selectFrom("invitation").selectAll().where("id", "=", invitationId).executeTakeFirstOrThrow();
    expect(invitation.accepted_at).toEqual(acceptedAt);
    expect(invitation.accepted_by).toBe(userId);
    expect(await findOpenInvitation(database.db, token, acceptedAt)).toBeNull();

    const again = acceptInvitation(database.db, token, { existingUserId: userId }, acceptedAt);
    await expect(again).rejects.toBeInstanceOf(DomainError);
    await expect(again).rejects.toMatchObject({ message: "errors.invitationInvalid", status: 404 });
    await expect(acceptInvitation(database.db, token, { newAccount: { name: "Twin", password: "another-passphrase" } }, acceptedAt)).rejects.toBeInstanceOf(
      DomainError,
    );
    const memberships = await database.db.selectFrom("membership").select("id").where("user_id", "=", userId).execute();
    expect(memberships).toHaveLength(1);
  });

  it("lets exactly one of two simultaneous acceptances succeed", async () => {
    const { foundation, admin } = await createFoundationWithAdmin(database.db);
    for (let round = 0; round < 3; round++) {
      const email = freshEmail();
      const { token } = await invite(database.db, {
        inviterId: admin.id,
        email,
        role: "staff",
        target: { foundationId: foundation.id },
        publicUrl: PUBLIC_URL,
        now: T0,
      });
      const results = await Promise.allSettled([acceptInvitation(database.db, token, NEW_ACCOUNT, T0), acceptInvitation(database.db, token, NEW_ACCOUNT, T0)]);
      const fulfilled = results.filter((r) => r.status === "fulfilled");
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(DomainError);
      const users = await database.db.selectFrom("app_user").select("id").where("email", "=", email).execute();
      expect(users).toHaveLength(1);
      const memberships = await database.db.selectFrom("membership").select("id").where("user_id", "=", users[0].id).execute();
      expect(memberships).toHaveLength(1);
    }
  });

  it("refuses an invitation once seven days have passed", async () => {
    const { foundation, admin } = await createFoundationWithAdmin(database.db);
    const { token } = await invite(database.db, {
      inviterId: admin.id,
      email: freshEmail(),
      role: "staff",
      target: { foundationId: foundation.id },
      publicUrl: PUBLIC_URL,
      now: T0,
    });
    const expiry = new Date(T0.getTime() + 7 * 24 * 3_600_000);

    expect(await findOpenInvitation(database.db, token, expiry)).toBeNull();
    const late = acceptInvitation(database.db, token, NEW_ACCOUNT, expiry);
    await expect(late).rejects.toBeInstanceOf(DomainError);
    await expect(late).rejects.toMatchObject({ message: "errors.invitationInvalid" });
    await expect(acceptInvitation(database.db, token, NEW_ACCOUNT, new Date(expiry.getTime() + 86_400_000))).rejects.toBeInstanceOf(DomainError);

    // A moment earlier the same link still works: the refusal above was the clock, nothing else.
    const justInTime = new Date(expiry.getTime() - 1);
    expect(await findOpenInvitation(database.db, token, justInTime)).not.toBeNull();
    const accepted = await acceptInvitation(database.db, token, NEW_ACCOUNT, justInTime);
    expect(typeof accepted.userId).toBe("string");
  });

  it("gives an existing account the new membership, and refuses a different logged-in account", async () => {
    const { admin } = await createFoundationWithAdmin(database.db);
    const organisation = await createOrganisation(database.db);
    const invitee = await createUser(database.db);
    const stranger = await createUser(database.db);
    const { token } = await invite(database.db, {
      inviterId: admin.id,
      email: invitee.email,
      role: "director",
      target: { organisationId: organisation.id },
      publicUrl: PUBLIC_URL,
      now: T0,
    });
    expect((await findOpenInvitation(database.db, token, T0))?.hasAccount).toBe(true);

    const wrong = acceptInvitation(database.db, token, { existingUserId: stranger.id }, T0);
    await expect(wrong).rejects.toBeInstanceOf(DomainError);
    await expect(wrong).rejects.toMatchObject({ message: "errors.invitationWrongAccount", status: 403 });
    const duplicate = acceptInvitation(database.db, token, NEW_ACCOUNT, T0);
    await expect(duplicate).rejects.toMatchObject({ message: "errors.invitationWrongAccount", status: 403 });
    expect(await database.db.selectFrom("membership").select("id").where("user_id", "=", stranger.id).execute()).toHaveLength(0);

    const { userId, membershipId } = await acceptInvitation(database.db, token, { existingUserId: invitee.id }, T0);
    expect(userId).toBe(invitee.id);
    const membership = await database.db.selectFrom("membership").selectAll().where("id", "=", membershipId).executeTakeFirstOrThrow();
    expect(membership).toMatchObject({ user_id: invitee.id, organisation_id: organisation.id, foundation_id: null, role: "director" });
  });

  it("refuses a malformed token", async () => {
    await expect(acceptInvitation(database.db, "../../etc/passwd", NEW_ACCOUNT, T0)).rejects.toBeInstanceOf(DomainError);
    expect(await findOpenInvitation(database.db, "x".repeat(32), T0)).toBeNull();
  });
});

describe("withdrawInvitation", () => {
  it("is scoped to the tenant: another tenant's id does nothing", async () => {
    const a = await createFoundationWithAdmin(database.db);
    const b = await createFoundationWithAdmin(database.db);
    const email = freshEmail();
    const { token, invitationId } = await invite(database.db, {
      inviterId: a.admin.id,
      email,
      role: "staff",
      target: { foundationId: a.foundation.id },
      publicUrl: PUBLIC_URL,
      now: T0,
    });

    const elsewhere = withdrawInvitation(database.db, await callerOf(database.db, b.admin.id, b.foundation.id), invitationId);
    await expect(elsewhere).rejects.toBeInstanceOf(DomainError);
    await expect(elsewhere).rejects.toMatchObject({ status: 404 });
    expect(await findOpenInvitation(database.db, token, T0)).not.toBeNull();

    await withdrawInvitation(database.db, await callerOf(database.db, a.admin.id, a.foundation.id), invitationId);
    expect(await findOpenInvitation(database.db, token, T0)).toBeNull();
    expect(await openInvitationsFor(email)).toHaveLength(0);
    const audit = await database.db
      .selectFrom("audit_event")
      .select(["action", "actor_user_id", "before"])
      .where("object_id", "=", invitationId)
      .where("action", "=", "invitation.withdrawn")
      .execute();
    expect(audit).toEqual([{ action: "invitation.withdrawn", actor_user_id: a.admin.id, before: { email } }]);

    await expect(withdrawInvitation(database.db, await callerOf(database.db, a.admin.id, a.foundation.id), invitationId)).rejects.toMatchObject({
      status: 404,
    });
  });

  it("cannot withdraw an invitation that was already accepted", async () => {
    const { admin } = await createFoundationWithAdmin(database.db);
    const organisation = await createOrganisation(database.db);
    const director = await createUser(database.db);
    await addOrganisationMember(database.db, director.id, organisation.id, "director");
    const { token, invitationId } = await invite(database.db, {
      inviterId: admin.id,
      email: freshEmail(),
      role: "staff",
      target: { organisationId: organisation.id },
      publicUrl: PUBLIC_URL,
      now: T0,
    });
    await acceptInvitation(database.db, token, NEW_ACCOUNT, T0);
    await expect(withdrawInvitation(database.db, await callerOf(database.db, director.id, organisation.id), invitationId)).rejects.toMatchObject({
      status: 404,
    });
    const row = await database.db.selectFrom("invitation").select("accepted_at").where("id", "=", invitationId).executeTakeFirst();
    expect(row?.accepted_at).toEqual(T0);
  });
});

describe("managing a tenant's invitations takes a caller who manages its members", () => {
  it("invites, lists, resends and withdraws for the caller's own tenant only", async () => {
    const a = await createFoundationWithAdmin(database.db);
    const b = await createFoundationWithAdmin(database.db);
    const asA = await callerOf(database.db, a.admin.id, a.foundation.id);
    const asB = await callerOf(database.db, b.admin.id, b.foundation.id);
    const email = freshEmail();
    const sent = await inviteMember(database.db, asA, { email, role: "staff", publicUrl: PUBLIC_URL, now: T0 });
    expect((await listOpenInvitations(database.db, asA, T0)).map((i) => i.email)).toEqual([email]);
    expect(await listOpenInvitations(database.db, asB, T0)).toEqual([]);
    await expect(resendInvitation(database.db, asB, sent.invitationId, PUBLIC_URL, T0)).rejects.toMatchObject({ status: 404 });
    const row = await database.db
      .selectFrom("invitation")
      .select(["foundation_id", "invited_by"])
      .where("id", "=", sent.invitationId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ foundation_id: a.foundation.id, invited_by: a.admin.id });
  });

  it("refuses, with a 403 and nothing written, someone whose role does not manage members", async () => {
    const { foundation, admin } = await createFoundationWithAdmin(database.db);
    const officer = await createUser(database.db);
    await addFoundationMember(database.db, officer.id, foundation.id, "program_officer");
    const organisation = await createOrganisation(database.db);
    const staff = await createUser(database.db);
    await addOrganisationMember(database.db, staff.id, organisation.id, "staff");
    const open = await invite(database.db, {
      inviterId: admin.id,
      email: freshEmail(),
      role: "staff",
      target: { foundationId: foundation.id },
      publicUrl: PUBLIC_URL,
      now: T0,
    });
    for (const caller of [await callerOf(database.db, officer.id, foundation.id), await callerOf(database.db, staff.id, organisation.id)]) {
      const email = freshEmail();
      await expect(inviteMember(database.db, caller, { email, role: "staff", publicUrl: PUBLIC_URL, now: T0 })).rejects.toMatchObject({ status: 403 });
      expect(await openInvitationsFor(email)).toHaveLength(0);
      await expect(listOpenInvitations(database.db, caller, T0)).rejects.toMatchObject({ status: 403 });
      await expect(withdrawInvitation(database.db, caller, open.invitationId)).rejects.toMatchObject({ status: 403 });
      await expect(resendInvitation(database.db, caller, open.invitationId, PUBLIC_URL, T0)).rejects.toMatchObject({ status: 403 });
    }
    expect(await findOpenInvitation(database.db, open.token, T0)).not.toBeNull();
  });
});
