import type { Kysely } from "kysely";
import type { DB } from "#db/schema";

export interface AuditEntry {
  actorUserId: string | null;
  foundationId?: string | null;
  organisationId?: string | null;
  action: string;
  objectType: string;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Audit rows are append-only (a trigger refuses updates and deletes). Call inside the change's transaction. */
export async function recordAudit(db: Kysely<DB>, entry: AuditEntry) {
  await db
    .insertInto("audit_event")
    .values({
      actor_user_id: entry.actorUserId,
      foundation_id: entry.foundationId ?? null,
      organisation_id: entry.organisationId ?? null,
      action: entry.action,
      object_type: entry.objectType,
      object_id: entry.objectId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}
