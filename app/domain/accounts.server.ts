import { sql, type Kysely } from "kysely";
import type { DB, Locale, User } from "#db/schema";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "~/utils/password.server";
import { invalidateUserSessions } from "~/utils/session.server";
import { DomainError } from "./errors";
import { recordAudit } from "./audit.server";

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

/** Same answer and the same work whether or not the account exists. */
export async function authenticate(db: Kysely<DB>, email: string, password: string): Promise<User | null> {
  const user = await db.selectFrom("app_user").selectAll().where("email", "=", normaliseEmail(email)).executeTakeFirst();
  if (!user?.password_hash) {
    await verifyAgainstDummy(password);
    return null;
  }
  return (await verifyPassword(user.password_hash, password)) ? user : null;
}

export async function updateProfile(db: Kysely<DB>, userId: string, input: { name: string; locale: Locale }) {
  await db.updateTable("app_user").set({ name: input.name, locale: input.locale, updated_at: new Date() }).where("id", "=", userId).execute();
}

/** Changing the password ends every other session of the account. */
export async function changePassword(db: Kysely<DB>, userId: string, sessionId: string, input: { currentPassword: string; newPassword: string }) {
  const user = await db.selectFrom("app_user").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow();
  if (!user.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new DomainError("errors.wrongPassword", "currentPassword");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("app_user")
      .set({ password_hash: passwordHash, password_changed_at: new Date(), updated_at: new Date() })
      .where("id", "=", userId)
      .execute();
    await invalidateUserSessions(trx, userId, sessionId);
    await recordAudit(trx, { actorUserId: userId, action: "account.password_changed", objectType: "user", objectId: userId });
  });
}

export async function needsSetup(db: Kysely<DB>) {
  const row = await db.selectFrom("app_user").select("id").limit(1).executeTakeFirst();
  return !row;
}

/** The one-time first run: a foundation and its admin, only while the database has no users. */
export async function setupFirstFoundation(db: Kysely<DB>, input: { foundationName: string; name: string; email: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    // Two browsers submitting at once: the lock makes the second see the first's user.
    await sql`lock table app_user in share row exclusive mode`.execute(trx);
    if (!(await needsSetup(trx))) throw new DomainError("errors.setupDone", undefined, undefined, 409);
    const user = await trx
      .insertInto("app_user")
      .values({ email: normaliseEmail(input.email), name: input.name, password_hash: passwordHash })
      .returning("id")
      .executeTakeFirstOrThrow();
    const foundation = await trx.insertInto("foundation").values({ name: input.foundationName }).returning("id").executeTakeFirstOrThrow();
    const membership = await trx
      .insertInto("membership")
      .values({ user_id: user.id, foundation_id: foundation.id, role: "admin" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: user.id,
      foundationId: foundation.id,
      action: "foundation.created",
      objectType: "foundation",
      objectId: foundation.id,
      after: { name: input.foundationName },
    });
    return { userId: user.id, foundationId: foundation.id, membershipId: membership.id };
  });
}
