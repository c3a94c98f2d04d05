import { randomBytes } from "node:crypto";
import pg from "pg";
import { sql, type Kysely } from "kysely";
import { openDatabase, type Database } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import { APP_ROLE } from "#db/app-role";
import type { DB } from "#db/schema";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a
 * schema of its own on the PostgreSQL that DATABASE_URL points at (dropped on close).
 * Like the server, it acts as the app role, so row-level security holds in every test.
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
  const owner = await openDatabase({ databaseUrl: url, schema, poolSize: 60 });
  await migrateToLatest(owner.db, schema);
  const database = await owner.actAs(APP_ROLE);
  return {
    ...database,
    schema,
    close: async () => {
      await database.close();
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
  return db.transaction().execute(async (trx) => {
    await sql`set local role none`.execute(trx);
    return work(trx);
  });
}
