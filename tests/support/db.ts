import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "#db/client";
import { migrateToLatest } from "#db/migrate";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a
 * schema of its own on the PostgreSQL that DATABASE_URL points at (dropped on close).
 */
export async function createTestDatabase(): Promise<Database & { schema?: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase();
    await migrateToLatest(database.db);
    return database;
  }
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: url, schema, poolSize: 60 });
  await migrateToLatest(database.db, schema);
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
