import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Database } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import { migrations } from "#db/migrations/index";
import { createTestDatabase } from "../support/db";
import { createFoundation, createOrganisation, createUser } from "../support/factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const APP_TABLES = ["app_secret", "app_user", "audit_event", "foundation", "grantee", "invitation", "membership", "organisation", "outbox", "session"];

describe("migrations", () => {
  it("create every table in an empty database", async () => {
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'
      order by table_name`.execute(database.db);
    const names = rows.map((r) => r.table_name);
    for (const table of APP_TABLES) expect(names).toContain(table);
  });

  it("record every migration as applied, and a second run applies nothing", async () => {
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    expect(await migrateToLatest(database.db)).toEqual([]);
    const again = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(database.db);
    expect(again.rows[0].n).toBe(Object.keys(migrations).length);
  });
});

describe("audit_event", () => {
  it("is append-only: rows cannot be updated or deleted", async () => {
    const inserted = await database.db
      .insertInto("audit_event")
      .values({ actor_user_id: null, action: "test.event", object_type: "test", after: JSON.stringify({ n: 1 }) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await expect(database.db.updateTable("audit_event").set({ action: "test.tampered" }).where("id", "=", inserted.id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(database.db.deleteFrom("audit_event").where("id", "=", inserted.id).execute()).rejects.toThrow(/append-only/);
    const row = await database.db.selectFrom("audit_event").selectAll().where("id", "=", inserted.id).executeTakeFirstOrThrow();
    expect(row.action).toBe("test.event");
    expect(row.after).toEqual({ n: 1 });
  });
});

describe("membership constraints", () => {
  it("accept a foundation role on a foundation and an organisation role on an organisation", async () => {
    const user = await createUser(database.db);
    const foundation = await createFoundation(database.db);
    const organisation = await createOrganisation(database.db);
    await database.db.insertInto("membership").values({ user_id: user.id, foundation_id: foundation.id, role: "program_officer" }).execute();
    await database.db.insertInto("membership").values({ user_id: user.id, organisation_id: organisation.id, role: "director" }).execute();
    const rows = await database.db.selectFrom("membership").select("role").where("user_id", "=", user.id).execute();
    expect(rows.map((r) => r.role).sort()).toEqual(["director", "program_officer"]);
  });

  it("refuse a foundation role on an organisation, and an organisation role on a foundation", async () => {
    const user = await createUser(database.db);
    const foundation = await createFoundation(database.db);
    const organisation = await createOrganisation(database.db);
    for (const role of ["admin", "program_officer"] as const) {
      await expect(database.db.insertInto("membership").values({ user_id: user.id, organisation_id: organisation.id, role }).execute()).rejects.toThrow(
        /membership_role_fits_tenant/,
      );
    }
    await expect(database.db.insertInto("membership").values({ user_id: user.id, foundation_id: foundation.id, role: "director" }).execute()).rejects.toThrow(
      /membership_role_fits_tenant/,
    );
    const rows = await database.db.selectFrom("membership").select("id").where("user_id", "=", user.id).execute();
    expect(rows).toHaveLength(0);
  });

  it("refuse a row with both tenants or with neither", async () => {
    const user = await createUser(database.db);
    const foundation = await createFoundation(database.db);
    const organisation = await createOrganisation(database.db);
    await expect(
      database.db
        .insertInto("membership")
        .values({ user_id: user.id, foundation_id: foundation.id, organisation_id: organisation.id, role: "staff" })
        .execute(),
    ).rejects.toThrow(/membership_one_tenant/);
    await expect(database.db.insertInto("membership").values({ user_id: user.id, role: "staff" }).execute()).rejects.toThrow(/membership_one_tenant/);
    const rows = await database.db.selectFrom("membership").select("id").where("user_id", "=", user.id).execute();
    expect(rows).toHaveLength(0);
  });

  it("refuse a second membership of the same user in the same tenant", async () => {
    const user = await createUser(database.db);
    const foundation = await createFoundation(database.db);
    await database.db.insertInto("membership").values({ user_id: user.id, foundation_id: foundation.id, role: "staff" }).execute();
    await expect(database.db.insertInto("membership").values({ user_id: user.id, foundation_id: foundation.id, role: "admin" }).execute()).rejects.toThrow(
      /membership_user_foundation/,
    );
  });
});
