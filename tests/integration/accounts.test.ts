import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { authenticate, needsSetup, setupFirstFoundation, updateProfile } from "~/domain/accounts.server";
import { DomainError } from "~/domain/errors";
import { listMemberships } from "~/domain/memberships.server";
import { createTestDatabase } from "../support/db";
import { createUser, TEST_PASSWORD } from "../support/factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const SETUP = { foundationName: "First Light Foundation", name: "Ada Admin", email: "  Ada.Admin@Example.ORG ", password: "a-long-admin-passphrase" };

// These run in order: the first-run setup needs an empty database.
describe("first-run setup", () => {
  it("is needed while there are no users", async () => {
    expect(await needsSetup(database.db)).toBe(true);
  });

  it("creates the foundation, its admin and an audit entry", async () => {
    const result = await setupFirstFoundation(database.db, SETUP);
    expect(await needsSetup(database.db)).toBe(false);

    const user = await database.db.selectFrom("app_user").selectAll().where("id", "=", result.userId).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ email: "ada.admin@example.org", name: "Ada Admin" });
    expect(user.password_hash).not.toContain(SETUP.password);
    const memberships = await listMemberships(database.db, result.userId);
    expect(memberships).toEqual([
      { id: result.membershipId, role: "admin", kind: "foundation", tenantId: result.foundationId, tenantName: "First Light Foundation" },
    ]);
    const audit = await database.db.selectFrom("audit_event").selectAll().where("foundation_id", "=", result.foundationId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "foundation.created", actor_user_id: result.userId, after: { name: "First Light Foundation" } });
  });

  it("refuses to run a second time and creates nothing", async () => {
    const attempt = setupFirstFoundation(database.db, { ...SETUP, foundationName: "Second", email: "someone-else@example.org" });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ message: "errors.setupDone", status: 409 });
    expect(await database.db.selectFrom("foundation").select("name").execute()).toEqual([{ name: "First Light Foundation" }]);
    expect(await database.db.selectFrom("app_user").select("email").execute()).toEqual([{ email: "ada.admin@example.org" }]);
  });
});

describe("authenticate", () => {
  it("returns the user for the right password, whatever the case and spacing of the email", async () => {
    const user = await authenticate(database.db, " ADA.ADMIN@example.org", SETUP.password);
    expect(user?.email).toBe("ada.admin@example.org");
    const other = await createUser(database.db, { email: "bob@example.org" });
    expect((await authenticate(database.db, "Bob@Example.org", TEST_PASSWORD))?.id).toBe(other.id);
  });

  it("returns null for an unknown email", async () => {
    expect(await authenticate(database.db, "nobody@example.org", SETUP.password)).toBeNull();
  });

  it("returns null for a wrong password", async () => {
    expect(await authenticate(database.db, "ada.admin@example.org", "wrong-password")).toBeNull();
    expect(await authenticate(database.db, "ada.admin@example.org", "")).toBeNull();
    expect(await authenticate(database.db, "ada.admin@example.org", SETUP.password.toUpperCase())).toBeNull();
  });

  it("returns null for an account without a password", async () => {
    await database.db.insertInto("app_user").values({ email: "nopass@example.org", password_hash: null }).execute();
    expect(await authenticate(database.db, "nopass@example.org", "")).toBeNull();
    expect(await authenticate(database.db, "nopass@example.org", "anything")).toBeNull();
  });
});

describe("updateProfile", () => {
  it("changes the name and locale", async () => {
    const user = await createUser(database.db);
    await updateProfile(database.db, user.id, { name: "Renamed", locale: "es" });
    const after = await database.db.selectFrom("app_user").select(["name", "locale"]).where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ name: "Renamed", locale: "es" });
  });
});

describe("concurrent first-run setup", () => {
  it("lets exactly one of two simultaneous setups succeed", async () => {
    const fresh = await createTestDatabase();
    try {
      expect(await needsSetup(fresh.db)).toBe(true);
      const results = await Promise.allSettled([
        setupFirstFoundation(fresh.db, { ...SETUP, foundationName: "One", email: "one@example.org" }),
        setupFirstFoundation(fresh.db, { ...SETUP, foundationName: "Two", email: "two@example.org" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(rejected?.reason).toBeInstanceOf(DomainError);
      expect(await fresh.db.selectFrom("foundation").select("id").execute()).toHaveLength(1);
      expect(await fresh.db.selectFrom("app_user").select("id").execute()).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });
});
