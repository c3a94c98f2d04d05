import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import type { DB } from "#db/schema";
import { openDatabase } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import { APP_ROLE } from "#db/app-role";
import { createSession } from "~/utils/session.server";
import { createTestDatabase } from "./db";
import { databaseFingerprint, ownerFingerprint } from "./fingerprint";
import { CSRF } from "./routes";

/**
 * A database for a server process (tests/support/server-process.ts) with `setup`'s rows in it: a schema of its
 * own on the PostgreSQL of DATABASE_URL, or a PGlite directory. PGlite belongs to one process, so its rows are
 * written, and fingerprinted, only while no server runs on it; `env` is what the server is started with.
 */
export async function servedDatabase<T>(setup: (db: Kysely<DB>) => Promise<T>) {
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase();
    const value = await setup(database.db);
    return {
      value,
      env: { DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: database.schema },
      /** Reads while the server runs. */
      liveFingerprint: () => databaseFingerprint(database.db),
      fingerprint: () => databaseFingerprint(database.db),
      close: () => database.close(),
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "sts-served-"));
  const dataDir = path.join(dir, "pglite");
  const owner = await openDatabase({ dataDir });
  await migrateToLatest(owner.db);
  const app = await owner.actAs(APP_ROLE);
  const value = await setup(app.db);
  await app.close();
  await owner.close();
  return {
    value,
    env: { DATA_DIR: dir },
    liveFingerprint: undefined,
    /** Only while no server runs on the directory. */
    fingerprint: async () => {
      const reopened = await openDatabase({ dataDir });
      try {
        return await ownerFingerprint(reopened.db);
      } finally {
        await reopened.close();
      }
    },
    close: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

/** Session and CSRF cookies for a user, made in the database before the server starts (cookie names of NODE_ENV=test). */
export async function sessionCookie(db: Kysely<DB>, userId: string) {
  const { token } = await createSession(db, { idleMs: 3_600_000, absoluteMs: 12 * 3_600_000, secureCookie: false }, userId, null);
  return `sts_session=${token}; sts_csrf=${CSRF}`;
}
