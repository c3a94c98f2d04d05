import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Database } from "#db/client";
import { authenticate, changePassword } from "~/domain/accounts.server";
import { DomainError } from "~/domain/errors";
import { createSession, deleteExpiredSessions, invalidateUserSessions, validateSessionToken, type SessionPolicy } from "~/utils/session.server";
import { hashToken } from "~/utils/tokens.server";
import { createTestDatabase } from "../support/db";
import { createUser, TEST_PASSWORD } from "../support/factories";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const policy: SessionPolicy = { idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR, secureCookie: false };
const T0 = new Date("2030-03-01T09:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const sessionRow = (id: string) => database.db.selectFrom("session").selectAll().where("id", "=", id).executeTakeFirst();
const sessionIdsOf = async (userId: string) =>
  (await database.db.selectFrom("session").select("id").where("user_id", "=", userId).execute()).map((r) => r.id).sort();

describe("createSession", () => {
  it("stores only the SHA-256 of the token", async () => {
    const user = await createUser(database.db);
    const { token, session } = await createSession(database.db, policy, user.id, null, T0);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(session.id).toBe(hashToken(token));
    expect(session.expiresAt).toEqual(at(12 * HOUR));

    const row = await sessionRow(session.id);
    expect(row).toMatchObject({ user_id: user.id, membership_id: null });
    expect(row!.created_at).toEqual(T0);
    expect(row!.expires_at).toEqual(at(12 * HOUR));

    // The token appears in no column of any session row.
    const { rows } = await sql<{ text: string }>`select row_to_json(s)::text as text from session s`.execute(database.db);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.text.includes(session.id))).toBe(true);
    for (const r of rows) expect(r.text).not.toContain(token);
  });
});

describe("validateSessionToken", () => {
  it("returns the session and user before expiry", async () => {
    const user = await createUser(database.db);
    const { token, session } = await createSession(database.db, policy, user.id, null, T0);
    const result = await validateSessionToken(database.db, policy, token, at(29 * MINUTE));
    expect(result?.session.id).toBe(session.id);
    expect(result?.user.id).toBe(user.id);
    expect(result?.user.email).toBe(user.email);
  });

  it("returns null for a malformed or unknown token", async () => {
    expect(await validateSessionToken(database.db, policy, "not a token", T0)).toBeNull();
    expect(await validateSessionToken(database.db, policy, "a".repeat(32), T0)).toBeNull();
  });

  it("ends the session after the idle period, and deletes the row", async () => {
    const user = await createUser(database.db);
    const { token, session } = await createSession(database.db, policy, user.id, null, T0);
    expect(await validateSessionToken(database.db, policy, token, at(30 * MINUTE - 1))).not.toBeNull();
    // That request counted as activity, so the idle clock restarts from there.
    expect(await validateSessionToken(database.db, policy, token, at(60 * MINUTE - 2))).not.toBeNull();
    expect(await validateSessionToken(database.db, policy, token, at(90 * MINUTE - 2))).toBeNull();
    expect(await sessionRow(session.id)).toBeUndefined();
    // And it stays ended, even at a time that would have been valid.
    expect(await validateSessionToken(database.db, policy, token, at(61 * MINUTE))).toBeNull();
  });

  it("ends the session at its absolute expiry however active it is", async () => {
    const user = await createUser(database.db);
    const { token, session } = await createSession(database.db, policy, user.id, null, T0);
    let t = 0;
    while (t + 29 * MINUTE < 12 * HOUR) {
      t += 29 * MINUTE;
      expect(await validateSessionToken(database.db, policy, token, at(t)), `at +${t / MINUTE} min`).not.toBeNull();
    }
    expect(await validateSessionToken(database.db, policy, token, at(12 * HOUR - 1))).not.toBeNull();
    expect(await validateSessionToken(database.db, policy, token, at(12 * HOUR))).toBeNull();
    expect(await sessionRow(session.id)).toBeUndefined();
  });

  it("writes last_active_at only once a minute has passed", async () => {
    const user = await createUser(database.db);
    const { token, session } = await createSession(database.db, policy, user.id, null, T0);

    const early = await validateSessionToken(database.db, policy, token, at(MINUTE - 1));
    expect(early?.session.lastActiveAt).toEqual(T0);
    expect((await sessionRow(session.id))!.last_active_at).toEqual(T0);

    const later = await validateSessionToken(database.db, policy, token, at(MINUTE));
    expect(later?.session.lastActiveAt).toEqual(at(MINUTE));
    expect((await sessionRow(session.id))!.last_active_at).toEqual(at(MINUTE));

    await validateSessionToken(database.db, policy, token, at(MINUTE + 30_000));
    expect((await sessionRow(session.id))!.last_active_at).toEqual(at(MINUTE));
  });
});

describe("deleteExpiredSessions", () => {
  it("removes idle and expired sessions and keeps live ones", async () => {
    const user = await createUser(database.db);
    const idle = await createSession(database.db, policy, user.id, null, at(-31 * MINUTE));
    const live = await createSession(database.db, policy, user.id, null, at(-MINUTE));
    await deleteExpiredSessions(database.db, policy, T0);
    expect(await sessionIdsOf(user.id)).toEqual([live.session.id]);
    expect(await sessionRow(idle.session.id)).toBeUndefined();
  });
});

describe("invalidateUserSessions", () => {
  it("ends every session of the user except the one named", async () => {
    const user = await createUser(database.db);
    const other = await createUser(database.db);
    const current = await createSession(database.db, policy, user.id, null, T0);
    await createSession(database.db, policy, user.id, null, T0);
    await createSession(database.db, policy, user.id, null, T0);
    const others = await createSession(database.db, policy, other.id, null, T0);

    await invalidateUserSessions(database.db, user.id, current.session.id);
    expect(await sessionIdsOf(user.id)).toEqual([current.session.id]);
    expect(await sessionIdsOf(other.id)).toEqual([others.session.id]);

    await invalidateUserSessions(database.db, user.id);
    expect(await sessionIdsOf(user.id)).toEqual([]);
    expect(await sessionIdsOf(other.id)).toEqual([others.session.id]);
  });
});

describe("changePassword", () => {
  it("ends every other session of the account and keeps the current one", async () => {
    const user = await createUser(database.db);
    const bystander = await createUser(database.db);
    const current = await createSession(database.db, policy, user.id, null, T0);
    const stolen = await createSession(database.db, policy, user.id, null, T0);
    const elsewhere = await createSession(database.db, policy, bystander.id, null, T0);

    await changePassword(database.db, user.id, current.session.id, { currentPassword: TEST_PASSWORD, newPassword: "a-brand-new-passphrase" });

    expect(await sessionIdsOf(user.id)).toEqual([current.session.id]);
    expect(await validateSessionToken(database.db, policy, stolen.token, at(MINUTE))).toBeNull();
    expect(await validateSessionToken(database.db, policy, current.token, at(MINUTE))).not.toBeNull();
    expect(await sessionIdsOf(bystander.id)).toEqual([elsewhere.session.id]);

    expect(await authenticate(database.db, user.email, TEST_PASSWORD)).toBeNull();
    expect((await authenticate(database.db, user.email, "a-brand-new-passphrase"))?.id).toBe(user.id);
    const audit = await database.db.selectFrom("audit_event").select(["action", "object_id"]).where("actor_user_id", "=", user.id).execute();
    expect(audit).toEqual([{ action: "account.password_changed", object_id: user.id }]);
  });

  it("rejects a wrong current password and changes nothing", async () => {
    const user = await createUser(database.db);
    const current = await createSession(database.db, policy, user.id, null, T0);
    const other = await createSession(database.db, policy, user.id, null, T0);
    const before = await database.db.selectFrom("app_user").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();

    const attempt = changePassword(database.db, user.id, current.session.id, { currentPassword: "not-the-password", newPassword: "whatever-else-1" });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ message: "errors.wrongPassword", field: "currentPassword" });

    const after = await database.db.selectFrom("app_user").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(before.password_hash);
    expect(await sessionIdsOf(user.id)).toEqual([current.session.id, other.session.id].sort());
  });
});
