/**
 * `npm run db:migrate`, `db:seed`, `db:backup [FILE]` and `db:restore FILE`, on the database the
 * environment points at.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { readConfig } from "../app/utils/config.server";
import { backupDatabase, restoreDatabase, type BackupTarget } from "./backup";
import { openDatabase } from "./client";
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
} else {
  throw new Error(`Unknown command ${command ?? "(none)"}: use migrate, seed, backup [FILE] or restore FILE`);
}
