import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createLoginRole } from "#db/app-role";
import { createTestDatabase, asOwner } from "../support/db";
import { createOrganisation } from "../support/factories";
import { startServerProcess } from "../support/server-process";

/**
 * The server can log in as a role that is only a member of the app role (decision 0060): it cannot bypass
 * row-level security even after `RESET ROLE`, cannot become the owner, cannot change the schema, and a
 * server started with MIGRATE=0 refuses a schema whose migrations are not applied.
 */
const url = process.env.DATABASE_URL;

describe.skipIf(!url)("a login role that cannot bypass row-level security", () => {
  const role = `sts_web_${randomBytes(4).toString("hex")}`;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let emptySchema: string;
  const roleUrl = () => {
    const u = new URL(url!);
    u.username = role;
    u.password = "";
    return u.href;
  };
  const asRole = async <T>(work: (c: pg.Client) => Promise<T>) => {
    const c = new pg.Client({ connectionString: roleUrl(), options: `-c search_path=${database.schema}` });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await asOwner(database.db, (o) => createLoginRole(o, role));
    emptySchema = `t_empty_${randomBytes(4).toString("hex")}`;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`create schema ${emptySchema}`);
    await c.end();
  });

  afterAll(async () => {
    await database?.close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop schema if exists ${emptySchema} cascade`);
    await c.query(`drop role if exists ${role}`);
    await c.end();
  });

  it("is neither superuser nor able to bypass RLS, and sees no tenant rows without the tenant setting even after RESET ROLE", async () => {
    const organisation = await createOrganisation(database.db);
    await asOwner(database.db, (o) => o.insertInto("continuum_assessment").values({ organisation_id: organisation.id }).execute());
    expect(await asOwner(database.db, async (o) => (await o.selectFrom("continuum_assessment").select("id").execute()).length)).toBeGreaterThan(0);

    await asRole(async (c) => {
      const me = await c.query<{ rolsuper: boolean; rolbypassrls: boolean }>("select rolsuper, rolbypassrls from pg_roles where rolname = current_user");
      expect(me.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
      await c.query("reset role");
      expect((await c.query("select id from continuum_assessment")).rowCount).toBe(0);
      await c.query("set role sts_app");
      expect((await c.query("select id from continuum_assessment")).rowCount).toBe(0);
    });
  });

  it("cannot become the owner, alter a table or create one", async () => {
    await asRole(async (c) => {
      await expect(c.query("set role postgres")).rejects.toThrow(/permission denied/);
      await expect(c.query("alter table continuum_assessment disable row level security")).rejects.toThrow(/must be owner|permission denied/);
      await expect(c.query("create table intruder (x int)")).rejects.toThrow(/permission denied/);
    });
  });

  it("serves with MIGRATE=0 on a migrated schema, connected as that role", async () => {
    const server = await startServerProcess({ DATABASE_URL: roleUrl(), DATABASE_SCHEMA: database.schema, MIGRATE: "0" });
    try {
      expect((await fetch(`${server.base}/login`)).status).toBe(200);
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const { rows } = await c.query<{ n: string }>("select count(*) as n from pg_stat_activity where usename = $1", [role]);
      await c.end();
      expect(Number(rows[0].n)).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });

  it("refuses to start with MIGRATE=0 while migrations are pending, and says what to run", async () => {
    const start = startServerProcess({ DATABASE_URL: roleUrl(), DATABASE_SCHEMA: emptySchema, MIGRATE: "0" });
    await expect(start).rejects.toThrow(/npm run db:migrate/);
  });
});
