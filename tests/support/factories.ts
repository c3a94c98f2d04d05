import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, FoundationRole, OrganisationRole } from "#db/schema";
import { hashPassword } from "~/utils/password.server";
import { listMemberships } from "~/domain/memberships.server";
import { callerFor, type Caller } from "~/domain/permissions.server";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export const TEST_PASSWORD = "correct-horse-battery";
let cachedHash: Promise<string> | undefined;
const passwordHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD));

export async function createUser(db: Kysely<DB>, overrides: { email?: string; name?: string } = {}) {
  return db
    .insertInto("app_user")
    .values({
      email: overrides.email ?? `user-${unique()}@example.org`,
      name: overrides.name ?? "Test Person",
      password_hash: await passwordHash(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createFoundation(db: Kysely<DB>, name = `Foundation ${unique()}`) {
  return db.insertInto("foundation").values({ name }).returningAll().executeTakeFirstOrThrow();
}

export async function createOrganisation(db: Kysely<DB>, name = `Organisation ${unique()}`) {
  return db.insertInto("organisation").values({ name }).returningAll().executeTakeFirstOrThrow();
}

export async function addFoundationMember(db: Kysely<DB>, userId: string, foundationId: string, role: FoundationRole) {
  return db.insertInto("membership").values({ user_id: userId, foundation_id: foundationId, role }).returningAll().executeTakeFirstOrThrow();
}

export async function addOrganisationMember(db: Kysely<DB>, userId: string, organisationId: string, role: OrganisationRole) {
  return db.insertInto("membership").values({ user_id: userId, organisation_id: organisationId, role }).returningAll().executeTakeFirstOrThrow();
}

export async function fundOrganisation(db: Kysely<DB>, foundationId: string, organisationId: string) {
  await db.insertInto("grantee").values({ foundation_id: foundationId, organisation_id: organisationId }).execute();
}

/** A foundation with one admin, the most common starting point. */
export async function createFoundationWithAdmin(db: Kysely<DB>) {
  const foundation = await createFoundation(db);
  const admin = await createUser(db);
  const membership = await addFoundationMember(db, admin.id, foundation.id, "admin");
  return { foundation, admin, membership };
}

/** `count` plain messages waiting in the outbox, each with its own stable Message-ID. */
export async function queueTestEmails(db: Kysely<DB>, count: number) {
  await db
    .insertInto("outbox")
    .values(
      Array.from({ length: count }, (_, i) => {
        const id = randomUUID();
        return {
          id,
          message_id: `<${id}@sts-commons>`,
          kind: "test",
          to_address: `person${i}@example.org`,
          subject: `Queued ${i}`,
          html: "<p>x</p>",
          text: "x",
        };
      }),
    )
    .execute();
}

/** The caller a domain function receives when `userId` acts for `tenantId`, made from their stored membership. */
export async function callerOf(db: Kysely<DB>, userId: string, tenantId: string): Promise<Caller> {
  const membership = (await listMemberships(db, userId)).find((m) => m.tenantId === tenantId);
  if (!membership) throw new Error(`User ${userId} has no membership of ${tenantId}`);
  return callerFor(userId, membership);
}

/** The caller a person acts as when they first sign in (their oldest membership), for what they reach as a person, such as a cohort. */
export async function personCallerOf(db: Kysely<DB>, userId: string): Promise<Caller> {
  const [membership] = await listMemberships(db, userId);
  if (!membership) throw new Error(`User ${userId} has no membership`);
  return callerFor(userId, membership);
}
