import { randomBytes } from "node:crypto";
import pg from "pg";
import { sql, type Kysely } from "kysely";
import { openDatabase, type Database } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import { APP_ROLE } from "#db/app-role";
import type { DB } from "#db/schema";

/** For a database whose statements run as a login role other than the owner: the owner's, for `asOwner`. */
const owners = new WeakMap<Kysely<DB>, Kysely<DB>>();

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a
 * schema of its own on the PostgreSQL that DATABASE_URL points at (dropped on close).
 * Like the server, it acts as the app role, so row-level security holds in every test.
 * With APP_DATABASE_URL too (CI's PostgreSQL run), the owner migrates and the tests log in as
 * that role, as a server started with MIGRATE=0 does (docs/decisions/0060).
 */
export async function createTestDatabase(): Promise<Database & { schema?: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const owner = await openDatabase();
    await migrateToLatest(owner.db);
    return owner.actAs(APP_ROLE);
  }
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const appUrl = process.env.APP_DATABASE_URL;
  const owner = await openDatabase({ databaseUrl: url, schema, poolSize: appUrl ? 2 : 60 });
  await migrateToLatest(owner.db, schema);
  const database = appUrl ? await (await openDatabase({ databaseUrl: appUrl, schema, poolSize: 60 })).actAs(APP_ROLE) : await owner.actAs(APP_ROLE);
  if (appUrl) owners.set(database.db, owner.db);
  return {
    ...database,
    schema,
    close: async () => {
      await database.close();
      if (appUrl) await owner.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

/**
 * Work done as the owner of the tables, past row-level security: for tests that look at or
 * tamper with stored rows directly. The test session's login user is the owner.
 */
export async function asOwner<T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  const owner = owners.get(db);
  if (owner) return owner.transaction().execute(work);
  return db.transaction().execute(async (trx) => {
    await sql`set local role none`.execute(trx);
    return work(trx);
  });
}
