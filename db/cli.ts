/** `npm run db:migrate` and `npm run db:seed`, on the database the environment points at. */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { readConfig } from "../app/utils/config.server";
import { openDatabase } from "./client";
import { migrateToLatest } from "./migrate";
import { seedDemoIfEmpty } from "./seed/demo";

const command = process.argv[2];
const config = readConfig();
if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  schema: config.databaseSchema,
  dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, "pglite"),
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
