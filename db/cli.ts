/**
 * `npm run db:migrate`, `db:seed`, `db:backup [FILE]`, `db:restore FILE` and `db:login-role NAME`, on the
 * database the environment points at.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { readConfig } from "../app/utils/config.server";
import { backupDatabase, restoreDatabase, type BackupTarget } from "./backup";
import { openDatabase } from "./client";
import { createLoginRole } from "./app-role";
import { migrateToLatest } from "./migrate";
import { seedDemoIfEmpty } from "./seed/demo";

const [command, file] = process.argv.slice(2);
const config = readConfig();
if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
const target: BackupTarget = {
  databaseUrl: config.databaseUrl,
  schema: config.databaseSchema,
  dataDir: path.join(config.dataDir, "pglite"),
};
const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");

if (command === "backup") {
  const out = file ?? (config.databaseUrl ? `backup-${stamp}.pgdump` : `backup-${stamp}.tar.gz`);
  await backupDatabase(target, out);
  console.log(`[db] backup written to ${out}`);
} else if (command === "restore") {
  if (!file) throw new Error("Usage: npm run db:restore FILE");
  const kept = await restoreDatabase(target, file);
  console.log(`[db] restored from ${file}${kept ? `; the previous data directory is kept at ${kept}` : ""}`);
} else if (command === "migrate" || command === "seed") {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    schema: config.databaseSchema,
    dataDir: config.databaseUrl ? undefined : target.dataDir,
  });
  try {
    const applied = await migrateToLatest(database.db, config.databaseSchema);
    console.log(`[db] ${database.engine}: ${applied.length} migration(s) applied`);
    if (command === "seed") {
      if (config.production) throw new Error("Demo data is never seeded in production.");
      console.log((await seedDemoIfEmpty(database.db)) ? "[db] demo data seeded" : "[db] database already has users; nothing seeded");
    }
  } finally {
    await database.close();
  }
} else if (command === "login-role") {
  if (!config.databaseUrl) throw new Error("Login roles are for PostgreSQL (set DATABASE_URL to the tables' owner); the embedded database has one user.");
  if (!file) throw new Error("Usage: LOGIN_ROLE_PASSWORD=… npm run db:login-role NAME");
  const database = await openDatabase({ databaseUrl: config.databaseUrl, schema: config.databaseSchema });
  try {
    await createLoginRole(database.db, file, process.env.LOGIN_ROLE_PASSWORD || undefined);
    console.log(`[db] ${file} may log in and act as the app role; start the server with it and MIGRATE=0`);
  } finally {
    await database.close();
  }
} else {
  throw new Error(`Unknown command ${command ?? "(none)"}: use migrate, seed, backup [FILE], restore FILE or login-role NAME`);
}
