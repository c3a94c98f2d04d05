/**
 * Backup and restore for both engines. PostgreSQL: pg_dump's custom format, restored with
 * pg_restore. PGlite: a gzipped tarball of the data directory (PGlite's own dumpDataDir), restored
 * into a fresh directory while the old one is kept aside. PGlite is one process's database, so the
 * server must be stopped for either; PostgreSQL backups can run while it serves.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";

export interface BackupTarget {
  databaseUrl?: string;
  schema?: string;
  /** PGlite data directory (when databaseUrl is unset). */
  dataDir: string;
}

function run(command: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`))));
  });
}

export async function backupDatabase(target: BackupTarget, file: string) {
  if (target.databaseUrl) {
    const schemaArgs = target.schema ? ["--schema", target.schema] : [];
    await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", ...schemaArgs, "--file", file, "--dbname", target.databaseUrl]);
    return;
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = new PGlite(target.dataDir);
  try {
    const dump = await pglite.dumpDataDir("gzip");
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
  }
}

/** Returns where the replaced PGlite directory was kept (nothing for PostgreSQL). */
export async function restoreDatabase(target: BackupTarget, file: string, now = new Date()): Promise<string | undefined> {
  if (!existsSync(file)) throw new Error(`No such backup file: ${file}`);
  if (target.databaseUrl) {
    // --clean drops what the dump recreates, in one transaction, so a failed restore changes nothing.
    const schemaArgs = target.schema ? ["--schema", target.schema] : [];
    await run("pg_restore", [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      ...schemaArgs,
      "--dbname",
      target.databaseUrl,
      file,
    ]);
    return undefined;
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const bytes = readFileSync(file);
  const staging = `${target.dataDir}.restoring`;
  const restored = new PGlite(staging, { loadDataDir: new Blob([bytes]) });
  await restored.waitReady;
  await restored.query("select 1");
  await restored.close();
  let keptAside: string | undefined;
  if (existsSync(target.dataDir) && readdirSync(target.dataDir).length > 0) {
    keptAside = `${target.dataDir}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
    renameSync(target.dataDir, keptAside);
  }
  renameSync(staging, target.dataDir);
  return keptAside;
}
