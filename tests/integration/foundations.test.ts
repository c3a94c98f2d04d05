import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Database } from "#db/client";
import { DomainError } from "~/domain/errors";
import { createGranteeOrganisation, getFoundation, listGrantees, removeFoundationMember, updateFoundationSettings } from "~/domain/foundations.server";
import { findOpenInvitation } from "~/domain/invitations.server";
import { createSession, type SessionPolicy } from "~/utils/session.server";
import { asOwner, createTestDatabase } from "../support/db";
import { addFoundationMember, callerOf, createFoundationWithAdmin, createUser } from "../support/factories";

const PUBLIC_URL = "https://sts.example.test";
const T0 = new Date("2030-07-01T10:00:00.000Z");
const policy: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000, secureCookie: false };

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const auditFor = (objectId: string, action: string) =>
  database.db.selectFrom("audit_event").selectAll().where("object_id", "=", objectId).where("action", "=", action).execute();

async function counts() {
  const { rows } = await sql<Record<string, number>>`
    select (select count(*)::int from organisation) as organisation,
           (select count(*)::int from grantee) as grantee,
           (select count(*)::int from invitation) as invitation,
           (select count(*)::int from outbox) as outbox,
           (select count(*)::int from audit_event) as audit_event,
           (select count(*)::int from membership) as membership`.execute(database.db);
  return rows[0];
}

describe("updateFoundationSettings", () => {
  it("saves with the current version and records before and after", async () => {
    const { foundation, admin } = await createFoundationWithAdmin(database.db);
    const updated = await updateFoundationSettings(database.db, await callerOf(database.db, admin.id, foundation.id), {
      name: "Renamed Foundation",
      defaultAllowanceBps: 1250,
      minGroupSize: 8,
      version: foundation.updated_at.toISOString(),
    });
    expect(updated).toMatchObject({ name: "Renamed Foundation", default_allowance_bps: 1250, min_group_size: 8 });
    expect(updated.updated_at.toISOString()).not.toBe(foundation.updated_at.toISOString());
    expect(await getFoundation(database.db, await callerOf(database.db, admin.id, foundation.id))).toMatchObject({
      name: "Renamed Foundation",
      default_allowance_bps: 1250,
      min_group_size: 8,
    });

    const audit = await auditFor(foundation.id, "foundation.settings_changed");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_user_id: admin.id,
      foundation_id: foundation.id,
      object_type: "foundation",
      before: { name: foundation.name, default_allowance_bps: 1000, min_group_size: 5 },
      after: { name: "Renamed Foundation", default_allowance_bps: 1250, min_group_size: 8 },
    });
  });

  it("refuses a stale version with 409 and changes nothing", async () => {
    const { foundation, admin } = await createFoundationWithAdmin(database.db);
    const staleVersion = foundation.updated_at.toISOString();
    // Someone else saves first.
    const first = await updateFoundationSettings(database.db, await callerOf(database.db, admin.id, foundation.id), {
      name: "Saved First",
      defaultAllowanceBps: 900,
      minGroupSize: 6,
      version: staleVersion,
    });

    const second = updateFoundationSettings(database.db, await callerOf(database.db, admin.id, foundation.id), {
      name: "Saved Second",
      defaultAllowanceBps: 100,
      minGroupSize: 50,
      version: staleVersion,
    });
    await expect(second).rejects.toBeInstanceOf(DomainError);
    await expect(second).rejects.toMatchObject({ message: "errors.stale", status: 409 });

    const now = await getFoundation(database.db, await callerOf(database.db, admin.id, foundation.id));
    expect(now).toMatchObject({ name: "Saved First", default_allowance_bps: 900, min_group_size: 6 });
    expect(now.updated_at).toEqual(first.updated_at);
    expect(await auditFor(foundation.id, "foundation.settings_changed")).toHaveLength(1);
  });

  it("refuses a value the database does not allow, and changes nothing", async () => {
    const { foundation, admin } = await createFoundationWithAdmin(database.db);
    await expect(
      updateFoundationSettings(database.db, await callerOf(database.db, admin.id, foundation.id), {
        name: "Too Generous",
        defaultAllowanceBps: 10001,
        minGroupSize: 5,
        version: foundation.updated_at.toISOString(),
      }),
    ).rejects.toThrow();
    expect(await getFoundation(database.db, await callerOf(database.db, admin.id, foundation.id))).toMatchObject({
      name: foundation.name,
      default_allowance_bps: 1000,
    });
    expect(await auditFor(foundation.id, "foundation.settings_changed")).toHaveLength(0);
  });
});

describe("removeFoundationMember", () => {
  it("refuses to remove the last admin", async () => {
    const { foundation, admin, membership } = await createFoundationWithAdmin(database.db);
    const staff = await createUser(database.db);
    await addFoundationMember(database.db, staff.id, foundation.id, "staff");
    const attempt = removeFoundationMember(database.db, await callerOf(database.db, admin.id, foundation.id), membership.id);
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ message: "errors.lastAdmin", status: 409 });
    expect(await database.db.selectFrom("membership").select("id").where("id", "=", membership.id).executeTakeFirst()).toBeDefined();
    expect(await auditFor(membership.id, "membership.removed")).toHaveLength(0);
  });

  it("removes an admin when another admin remains, and ends the sessions acting as that membership", async () => {
    const { foundation, admin } = await createFoundationWithAdmin(database.db);
    const second = await createUser(database.db);
    const secondMembership = await addFoundationMember(database.db, second.id, foundation.id, "admin");
    const acting = await createSession(database.db, policy, second.id, secondMembership.id, T0);

    await removeFoundationMember(database.db, await callerOf(database.db, admin.id, foundation.id), secondMembership.id);

    expect(await database.db.selectFrom("membership").select("id").where("id", "=", secondMembership.id).executeTakeFirst()).toBeUndefined();
    expect(await database.db.selectFrom("session").select("id").where("id", "=", acting.session.id).executeTakeFirst()).toBeUndefined();
    const audit = await auditFor(secondMembership.id, "membership.removed");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: admin.id, foundation_id: foundation.id, before: { user_id: second.id, role: "admin" } });

    // Now the first admin is the last one.
    const { membership } = await database.db
      .selectFrom("membership")
      .select("id as membership")
      .where("user_id", "=", admin.id)
      .where("foundation_id", "=", foundation.id)
      .executeTakeFirstOrThrow();
    await expect(removeFoundationMember(database.db, await callerOf(database.db, admin.id, foundation.id), membership)).rejects.toMatchObject({ status: 409 });
  });

  it("removes a staff member and leaves their other sessions alone", async () => {
    const { foundation, admin } = await createFoundationWithAdmin(database.db);
    const other = await createFoundationWithAdmin(database.db);
    const staff = await createUser(database.db);
    const here = await addFoundationMember(database.db, staff.id, foundation.id, "staff");
    const there = await addFoundationMember(database.db, staff.id, other.foundation.id, "staff");
    const actingThere = await createSession(database.db, policy, staff.id, there.id, T0);

    await removeFoundationMember(database.db, await callerOf(database.db, admin.id, foundation.id), here.id);
    const left = await database.db.selectFrom("membership").select("id").where("user_id", "=", staff.id).execute();
    expect(left.map((m) => m.id)).toEqual([there.id]);
    expect(await database.db.selectFrom("session").select("membership_id").where("id", "=", actingThere.session.id).executeTakeFirst()).toEqual({
      membership_id: there.id,
    });
  });

  it("keeps one admin when two admins remove each other at the same moment", async () => {
    const { foundation, admin: a, membership: aMembership } = await createFoundationWithAdmin(database.db);
    const b = await createUser(database.db);
    const bMembership = await addFoundationMember(database.db, b.id, foundation.id, "admin");
    const [asA, asB] = [await callerOf(database.db, a.id, foundation.id), await callerOf(database.db, b.id, foundation.id)];
    const results = await Promise.allSettled([
      removeFoundationMember(database.db, asA, bMembership.id),
      removeFoundationMember(database.db, asB, aMembership.id),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected?.reason).toMatchObject({ message: "errors.lastAdmin", status: 409 });
    const admins = await database.db.selectFrom("membership").select("id").where("foundation_id", "=", foundation.id).where("role", "=", "admin").execute();
    expect(admins).toHaveLength(1);
  });

  it("answers 404 for a membership of another foundation", async () => {
    const a = await createFoundationWithAdmin(database.db);
    const b = await createFoundationWithAdmin(database.db);
    const staff = await createUser(database.db);
    const inB = await addFoundationMember(database.db, staff.id, b.foundation.id, "staff");
    await expect(removeFoundationMember(database.db, await callerOf(database.db, a.admin.id, a.foundation.id), inB.id)).rejects.toMatchObject({ status: 404 });
    expect(await database.db.selectFrom("membership").select("id").where("id", "=", inB.id).executeTakeFirst()).toBeDefined();
  });
});

describe("createGranteeOrganisation", () => {
  it("creates the organisation, the grantee relationship, the director's invitation and its email together", async () => {
    const { foundation, admin } = await createFoundationWithAdmin(database.db);
    const before = await counts();
    const organisation = await createGranteeOrganisation(database.db, await callerOf(database.db, admin.id, foundation.id), {
      name: "River Commons",
      directorEmail: "Director@River.example",
      publicUrl: PUBLIC_URL,
      now: T0,
    });
    const after = await counts();
    expect(after).toEqual({
      ...before,
      organisation: before.organisation + 1,
      grantee: before.grantee + 1,
      invitation: before.invitation + 1,
      outbox: before.outbox + 1,
      audit_event: before.audit_event + 2,
    });

    expect(await listGrantees(database.db, await callerOf(database.db, admin.id, foundation.id))).toEqual([
      expect.objectContaining({ id: organisation.id, name: "River Commons" }),
    ]);
    const invitation = await database.db.selectFrom("invitation").selectAll().where("organisation_id", "=", organisation.id).executeTakeFirstOrThrow();
    expect(invitation).toMatchObject({ email: "director@river.example", role: "director", invited_by: admin.id, accepted_at: null });
    const email = await database.db.selectFrom("outbox").selectAll().where("organisation_id", "=", organisation.id).executeTakeFirstOrThrow();
    expect(email).toMatchObject({ to_address: "director@river.example", kind: "invitation", status: "queued" });
    const token = /\/invitations\/([a-z2-7]{32})/.exec(email.text)?.[1];
    expect(token).toBeDefined();
    expect(await findOpenInvitation(database.db, token!, T0)).toMatchObject({ id: invitation.id, kind: "organisation", tenantName: "River Commons" });
    expect(await database.db.selectFrom("membership").select("id").where("organisation_id", "=", organisation.id).execute()).toEqual([]);
  });

  it("refuses a program officer, whose role does not add grantees, and leaves nothing behind", async () => {
    const { foundation } = await createFoundationWithAdmin(database.db);
    const officer = await createUser(database.db);
    await addFoundationMember(database.db, officer.id, foundation.id, "program_officer");
    const before = await counts();
    await expect(
      createGranteeOrganisation(database.db, await callerOf(database.db, officer.id, foundation.id), {
        name: "Orphan Organisation",
        directorEmail: "director@orphan.example",
        publicUrl: PUBLIC_URL,
        now: T0,
      }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await counts()).toEqual(before);
    expect(await database.db.selectFrom("organisation").select("id").where("name", "=", "Orphan Organisation").execute()).toEqual([]);
  });

  it("leaves nothing behind when queuing the invitation email fails at the last step", async () => {
    const { foundation, admin } = await createFoundationWithAdmin(database.db);
    // Fault injection: the outbox refuses this one address, after organisation, grantee, audit and invitation rows exist.
    await asOwner(database.db, async (o) => {
      await sql`create function refuse_test_outbox() returns trigger language plpgsql as $$
        begin
          if new.to_address = 'director@refused.example' then raise exception 'outbox refused for test'; end if;
          return new;
        end $$`.execute(o);
      await sql`create trigger refuse_test_outbox before insert on outbox for each row execute function refuse_test_outbox()`.execute(o);
    });
    try {
      const before = await counts();
      await expect(
        createGranteeOrganisation(database.db, await callerOf(database.db, admin.id, foundation.id), {
          name: "Refused Organisation",
          directorEmail: "director@refused.example",
          publicUrl: PUBLIC_URL,
          now: T0,
        }),
      ).rejects.toThrow(/outbox refused for test/);
      expect(await counts()).toEqual(before);
      expect(await listGrantees(database.db, await callerOf(database.db, admin.id, foundation.id))).toEqual([]);
      expect(await database.db.selectFrom("invitation").select("id").where("email", "=", "director@refused.example").execute()).toEqual([]);
    } finally {
      await asOwner(database.db, async (o) => {
        await sql`drop trigger refuse_test_outbox on outbox`.execute(o);
        await sql`drop function refuse_test_outbox()`.execute(o);
      });
    }
  });
});
