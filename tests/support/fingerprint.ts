import { sql, type Kysely } from "kysely";
import type { DB } from "#db/schema";
import { asOwner } from "./db";

/**
 * A fingerprint of everything stored: per table, the row count and a hash of every row's full text (the rows'
 * hashes sorted, so the order rows come back in does not matter). Any change to any column of any row, a delete
 * followed by an insert, or a table without version columns all change it. Sessions and rate-limit counters,
 * which every request may touch, and the migration bookkeeping are left out: a refused call must leave it as it
 * was.
 */
const fingerprintQueries = new WeakMap<Kysely<DB>, string>();

export async function databaseFingerprint(db: Kysely<DB>): Promise<Record<string, string>> {
  let query = fingerprintQueries.get(db);
  if (!query) {
    query = await fingerprintQuery(db);
    fingerprintQueries.set(db, query);
  }
  // Read as the owner: the app role would see no continuum rows at all (row-level security).
  const result = await asOwner(db, (o) => sql<Record<string, string>>`select ${sql.raw(query)}`.execute(o));
  return result.rows[0];
}

/** The same, for a connection that is the owner already (no role to leave). */
export async function ownerFingerprint(owner: Kysely<DB>): Promise<Record<string, string>> {
  const query = await fingerprintQuery(owner);
  return (await sql<Record<string, string>>`select ${sql.raw(query)}`.execute(owner)).rows[0];
}

async function fingerprintQuery(db: Kysely<DB>) {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
    order by table_name
  `.execute(db);
  const parts = tables.rows
    .map((r) => r.table_name)
    .filter((name) => !/^(session|rate_limit)$|^kysely_/.test(name))
    .map((name) => {
      const table = `"${name.replaceAll('"', '""')}"`;
      return `(select count(*)::text || ':' || coalesce(md5(string_agg(md5(r::text), ',' order by md5(r::text))), '') from ${table} r) as ${table}`;
    });
  return parts.join(", ");
}
