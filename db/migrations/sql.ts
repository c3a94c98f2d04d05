import { sql, type Kysely } from "kysely";

/** Runs statements one by one: PGlite's extended protocol takes a single statement per call. */
export async function run(db: Kysely<any>, statements: string[]) {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
