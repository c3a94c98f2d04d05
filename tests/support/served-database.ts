import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import type { DB } from "#db/schema";
import { openDatabase } from "#db/client";
import { migrateToLatest } from "#db/migrate";
import { APP_ROLE } from "#db/app-role";
import { createSession } from "~/utils/session.server";
import { startLearningScheduler } from "~/utils/learning-scheduler.server";
import { loadOrCreateSecret } from "#db/secret";
import { asOwner, createTestDatabase } from "./db";
import { databaseFingerprint, ownerFingerprint } from "./fingerprint";
import { CSRF } from "./routes";

/**
 * A database for a server process (tests/support/server-process.ts) with `setup`'s rows in it: a schema of its
 * own on the PostgreSQL of DATABASE_URL, or a PGlite directory. PGlite belongs to one process, so its rows are
 * written, and fingerprinted, only while no server runs on it; `env` is what the server is started with. The
 * signing secret is made here, before `setup`, so the server starts without writing anything.
 */
export async function servedDatabase<T>(setup: (db: Kysely<DB>, secret: string) => Promise<T>) {
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase();
    // Made now, not by the server at start: links signed here are valid there, and the server changes nothing.
    const secret = await asOwner(database.db, (o) => loadOrCreateSecret(o));
    const value = await setup(database.db, secret);
    await scheduleOnce(database.db, secret);
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
  const secret = await loadOrCreateSecret(owner.db);
  const app = await owner.actAs(APP_ROLE);
  const value = await setup(app.db, secret);
  await scheduleOnce(app.db, secret);
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

/**
 * One round of the learning scheduler (reminders, weekly digests), as the server runs at start: done here, the
 * server's own round finds nothing due, so a test can say that requests changed nothing.
 */
async function scheduleOnce(db: Kysely<DB>, secret: string) {
  await startLearningScheduler(db, { publicUrl: "http://localhost", secret }, 3_600_000)();
}

/** Session and CSRF cookies for a user, made in the database before the server starts (cookie names of NODE_ENV=test). */
export async function sessionCookie(db: Kysely<DB>, userId: string) {
  const { token } = await createSession(db, { idleMs: 3_600_000, absoluteMs: 12 * 3_600_000, secureCookie: false }, userId, null);
  return `sts_session=${token}; sts_csrf=${CSRF}`;
}
