import { Migrator, type Kysely } from "kysely";
import type { DB } from "./schema";
import { migrations } from "./migrations/index";
import { prepareAppRole } from "./app-role";

/**
 * `schema` pins Kysely's bookkeeping tables to the schema the app uses; without it the
 * migrator may find a kysely_migration table in another schema of the same database.
 */
function migratorFor(db: Kysely<DB>, schema?: string) {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(schema ? { migrationTableSchema: schema, migrationLockTableSchema: schema } : {}),
  });
}

export async function migrateToLatest(db: Kysely<DB>, schema?: string) {
  const migrator = migratorFor(db, schema);
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? []) {
    if (r.status === "Error") console.error(`[db] migration ${r.migrationName} failed`);
  }
  if (error) throw error;
  await prepareAppRole(db, schema);
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** The migrations not yet applied; reading them needs no more than the app role may do. */
export async function pendingMigrations(db: Kysely<DB>, schema?: string) {
  return (await migratorFor(db, schema).getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}
