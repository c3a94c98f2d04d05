import { sql, type Kysely } from "kysely";
import type { DB } from "#db/schema";

/**
 * The tenant a piece of work acts for: an organisation reading or writing its own continuum, or a
 * foundation reading what is shared with it and its own staff's self-assessments.
 */
export type TenantScope = { organisationId: string; foundationId?: never } | { foundationId: string; organisationId?: never };

/**
 * Runs `work` in a transaction whose row-level security setting names the tenant (migration
 * 0060). The setting is transaction-local, so a pooled connection never carries it into another
 * request. Inside an enclosing transaction the setting is changed for the rest of that
 * transaction; callers that mix tenants keep them in separate transactions.
 */
export async function inTenantScope<T>(db: Kysely<DB>, scope: TenantScope, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  const run = async (trx: Kysely<DB>) => {
    await sql`select set_config('app.organisation_id', ${scope.organisationId ?? ""}, true), set_config('app.foundation_id', ${scope.foundationId ?? ""}, true)`.execute(
      trx,
    );
    return work(trx);
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
