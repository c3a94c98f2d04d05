/**
 * Server-side sessions following Lucia's session guide (see docs/decisions/0002-sessions.md):
 * the browser holds a random token; the database holds only its SHA-256 as the session id.
 * A session ends at its absolute expiry, after an idle period, at logout, or when the
 * user changes their password.
 */
import type { Kysely } from "kysely";
import { parse, serialize } from "cookie";
import type { DB, User } from "#db/schema";
import { generateToken, hashToken } from "./tokens.server";

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
  secureCookie: boolean;
}

export interface Session {
  id: string;
  userId: string;
  membershipId: string | null;
  createdAt: Date;
  lastActiveAt: Date;
  expiresAt: Date;
}

/** Writing last_active_at on every request would turn reads into writes; a minute's grain is enough. */
const ACTIVITY_GRAIN_MS = 60_000;

export function sessionCookieName(policy: Pick<SessionPolicy, "secureCookie">) {
  return policy.secureCookie ? "__Host-sts_session" : "sts_session";
}

export async function createSession(
  db: Kysely<DB>,
  policy: SessionPolicy,
  userId: string,
  membershipId: string | null,
  now = new Date(),
): Promise<{ token: string; session: Session }> {
  const token = generateToken();
  const session: Session = {
    id: hashToken(token),
    userId,
    membershipId,
    createdAt: now,
    lastActiveAt: now,
    expiresAt: new Date(now.getTime() + policy.absoluteMs),
  };
  await db
    .insertInto("session")
    .values({
      id: session.id,
      user_id: userId,
      membership_id: membershipId,
      created_at: now,
      last_active_at: now,
      expires_at: session.expiresAt,
    })
    .execute();
  return { token, session };
}

export async function validateSessionToken(
  db: Kysely<DB>,
  policy: SessionPolicy,
  token: string,
  now = new Date(),
): Promise<{ session: Session; user: User } | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = hashToken(token);
  const row = await db
    .selectFrom("session")
    .innerJoin("app_user", "app_user.id", "session.user_id")
    .select(["session.id as session_id", "session.membership_id", "session.created_at as session_created_at", "session.last_active_at", "session.expires_at"])
    .selectAll("app_user")
    .where("session.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const idleDeadline = row.last_active_at.getTime() + policy.idleMs;
  if (now.getTime() >= row.expires_at.getTime() || now.getTime() >= idleDeadline) {
    await invalidateSession(db, id);
    return null;
  }
  let lastActiveAt = row.last_active_at;
  if (now.getTime() - lastActiveAt.getTime() >= ACTIVITY_GRAIN_MS) {
    lastActiveAt = now;
    await db.updateTable("session").set({ last_active_at: now }).where("id", "=", id).execute();
  }
  const { session_id, membership_id, session_created_at, last_active_at: _l, expires_at, ...user } = row;
  return {
    session: {
      id: session_id,
      userId: user.id,
      membershipId: membership_id,
      createdAt: session_created_at,
      lastActiveAt,
      expiresAt: expires_at,
    },
    user,
  };
}

export async function invalidateSession(db: Kysely<DB>, sessionId: string) {
  await db.deleteFrom("session").where("id", "=", sessionId).execute();
}

/** Ends every session of a user, optionally sparing the one making the request. */
export async function invalidateUserSessions(db: Kysely<DB>, userId: string, exceptSessionId?: string) {
  let q = db.deleteFrom("session").where("user_id", "=", userId);
  if (exceptSessionId) q = q.where("id", "!=", exceptSessionId);
  await q.execute();
}

export async function setSessionMembership(db: Kysely<DB>, sessionId: string, membershipId: string | null) {
  await db.updateTable("session").set({ membership_id: membershipId }).where("id", "=", sessionId).execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, policy: SessionPolicy, now = new Date()) {
  await db
    .deleteFrom("session")
    .where((eb) => eb.or([eb("expires_at", "<=", now), eb("last_active_at", "<=", new Date(now.getTime() - policy.idleMs))]))
    .execute();
}

export function readSessionToken(request: Request, policy: Pick<SessionPolicy, "secureCookie">): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  return parse(header)[sessionCookieName(policy)] ?? null;
}

export function sessionCookie(policy: SessionPolicy, token: string, expiresAt: Date) {
  return serialize(sessionCookieName(policy), token, {
    httpOnly: true,
    sameSite: "lax",
    secure: policy.secureCookie,
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(policy: SessionPolicy) {
  return serialize(sessionCookieName(policy), "", {
    httpOnly: true,
    sameSite: "lax",
    secure: policy.secureCookie,
    path: "/",
    maxAge: 0,
  });
}
