import { afterEach, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import { backupDatabase, restoreDatabase, type BackupTarget } from "#db/backup";
import { createFoundation } from "../support/factories";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function preparedTarget(): Promise<BackupTarget> {
  const dir = mkdtempSync(path.join(tmpdir(), "sts-backup-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const url = process.env.DATABASE_URL;
  if (!url) return { dataDir: path.join(dir, "pglite") };
  const schema = `b_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`create schema ${schema}`);
  await c.end();
  cleanups.push(async () => {
    const d = new pg.Client({ connectionString: url });
    await d.connect();
    await d.query(`drop schema if exists ${schema} cascade`);
    await d.end();
  });
  return { databaseUrl: url, schema, dataDir: path.join(dir, "pglite") };
}

async function withDatabase<T>(target: BackupTarget, fn: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<T>) {
  const database = await openDatabase({ databaseUrl: target.databaseUrl, schema: target.schema, dataDir: target.databaseUrl ? undefined : target.dataDir });
  try {
    await migrateToLatest(database.db, target.schema);
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

describe(`backup and restore (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("brings back exactly what was there at backup time", async () => {
    const target = await preparedTarget();
    const file = path.join(path.dirname(target.dataDir), "backup.bin");
    const kept = await withDatabase(target, (db) => createFoundation(db, "Fundación Kept"));
    await backupDatabase(target, file);
    expect(statSync(file).size).toBeGreaterThan(1000);

    // After the backup: one foundation renamed, one added. A restore must undo both.
    await withDatabase(target, async (db) => {
      await db.updateTable("foundation").set({ name: "Renamed later" }).where("id", "=", kept.id).execute();
      await createFoundation(db, "Added later");
    });

    const aside = await restoreDatabase(target, file);
    if (!target.databaseUrl) expect(aside && existsSync(aside)).toBe(true);

    const names = await withDatabase(target, async (db) => (await db.selectFrom("foundation").select("name").orderBy("name").execute()).map((r) => r.name));
    expect(names).toEqual(["Fundación Kept"]);
  });

  it("refuses a file that does not exist and leaves the database as it was", async () => {
    const target = await preparedTarget();
    await withDatabase(target, (db) => createFoundation(db, "Still here"));
    await expect(restoreDatabase(target, path.join(path.dirname(target.dataDir), "missing.bin"))).rejects.toThrow(/No such backup file/);
    const names = await withDatabase(target, async (db) => (await db.selectFrom("foundation").select("name").execute()).map((r) => r.name));
    expect(names).toEqual(["Still here"]);
  });
});
