import type { Kysely } from "kysely";
import type { DB } from "#db/schema";
import { foundationOf, type Caller } from "./permissions.server";
import { asCaller } from "./tenant-scope.server";

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

function auditRow(entry: AuditEntry) {
  return {
    actor_user_id: entry.actorUserId,
    foundation_id: entry.foundationId ?? null,
    organisation_id: entry.organisationId ?? null,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId ?? null,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  };
}

/** Audit rows are append-only (a trigger refuses updates and deletes). Call inside the change's transaction. */
export async function recordAudit(db: Kysely<DB>, entry: AuditEntry) {
  await db.insertInto("audit_event").values(auditRow(entry)).execute();
}

/** Several audit rows in one statement, for a read that touches many organisations at once. */
export async function recordAudits(db: Kysely<DB>, entries: AuditEntry[]) {
  if (entries.length === 0) return;
  await db.insertInto("audit_event").values(entries.map(auditRow)).execute();
}

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilters {
  actorUserId?: string;
  objectType?: string;
  /** Inclusive calendar days, YYYY-MM-DD, in UTC. */
  from?: string;
  to?: string;
}

/** One page of the caller's foundation's audit trail, newest first; only rows recorded for this foundation. */
export async function listFoundationAudit(db: Kysely<DB>, caller: Caller, filters: AuditFilters, page: number) {
  const foundationId = foundationOf(caller, "read:foundation-audit");
  return asCaller(db, caller, (trx) => auditPage(trx, foundationId, filters, page));
}

async function auditPage(db: Kysely<DB>, foundationId: string, filters: AuditFilters, page: number) {
  let query = db.selectFrom("audit_event").where("audit_event.foundation_id", "=", foundationId);
  if (filters.actorUserId) query = query.where("audit_event.actor_user_id", "=", filters.actorUserId);
  if (filters.objectType) query = query.where("audit_event.object_type", "=", filters.objectType);
  if (filters.from) query = query.where("audit_event.at", ">=", new Date(`${filters.from}T00:00:00.000Z`));
  if (filters.to) query = query.where("audit_event.at", "<", new Date(new Date(`${filters.to}T00:00:00.000Z`).getTime() + 86_400_000));
  const [rows, count] = await Promise.all([
    query
      .leftJoin("app_user", "app_user.id", "audit_event.actor_user_id")
      .select([
        "audit_event.id",
        "audit_event.at",
        "audit_event.action",
        "audit_event.object_type",
        "audit_event.object_id",
        "audit_event.before",
        "audit_event.after",
        "app_user.name as actor_name",
        "app_user.email as actor_email",
      ])
      .orderBy("audit_event.at", "desc")
      .orderBy("audit_event.id", "desc")
      .limit(AUDIT_PAGE_SIZE)
      .offset((page - 1) * AUDIT_PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), pageSize: AUDIT_PAGE_SIZE };
}

/** Who and what appear in the caller's foundation's trail, for the filter menus. */
export async function foundationAuditFacets(db: Kysely<DB>, caller: Caller) {
  const foundationId = foundationOf(caller, "read:foundation-audit");
  return asCaller(db, caller, (trx) => auditFacets(trx, foundationId));
}

async function auditFacets(db: Kysely<DB>, foundationId: string) {
  const [people, objectTypes] = await Promise.all([
    db
      .selectFrom("app_user")
      .select(["app_user.id", "app_user.name", "app_user.email"])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("audit_event")
            .select("audit_event.id")
            .whereRef("audit_event.actor_user_id", "=", "app_user.id")
            .where("audit_event.foundation_id", "=", foundationId),
        ),
      )
      .orderBy("app_user.name")
      .execute(),
    db.selectFrom("audit_event").select("object_type").distinct().where("foundation_id", "=", foundationId).orderBy("object_type").execute(),
  ]);
  return { people, objectTypes: objectTypes.map((r) => r.object_type) };
}
