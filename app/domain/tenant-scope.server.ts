import { sql, type Kysely } from "kysely";
import type { DB } from "#db/schema";
import type { Caller } from "./permissions.server";

/**
 * The tenant a piece of work acts for: an organisation reading or writing its own data, or a foundation
 * reading its own and what organisations share with it. `userId` names the person, for rows that belong
 * to a person rather than a tenant (their memberships, their own answers).
 */
export type TenantScope = ({ organisationId: string; foundationId?: never } | { foundationId: string; organisationId?: never }) & { userId?: string };

/**
 * Runs `work` in a transaction whose row-level security settings name the tenant (migration 0060). The
 * settings are transaction-local, so a pooled connection never carries them into another request. Inside
 * an enclosing transaction they change for the rest of that transaction; callers that mix tenants keep them
 * in separate transactions.
 */
export async function inTenantScope<T>(db: Kysely<DB>, scope: TenantScope, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  const run = async (trx: Kysely<DB>) => {
    await sql`select set_config('app.organisation_id', ${scope.organisationId ?? ""}, true), set_config('app.foundation_id', ${scope.foundationId ?? ""}, true), set_config('app.user_id', ${scope.userId ?? ""}, true)`.execute(
      trx,
    );
    return work(trx);
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** The scope of a caller: the tenant they act for on this request, and who they are. */
export function scopeOf(caller: Caller): TenantScope {
  const { kind, tenantId } = caller.membership;
  return kind === "foundation" ? { foundationId: tenantId, userId: caller.userId } : { organisationId: tenantId, userId: caller.userId };
}

/** Runs `work` in the caller's scope (see inTenantScope). */
export function asCaller<T>(db: Kysely<DB>, caller: Caller, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return inTenantScope(db, scopeOf(caller), work);
}
