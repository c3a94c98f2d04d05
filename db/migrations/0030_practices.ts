import type { Kysely } from "kysely";
import { EVIDENCE_TIERS, PILLARS, PRACTICE_LEVELS, sqlList } from "../../app/domain/vocabulary";
import { syncPracticeLibrary } from "../seed/practices";
import { run } from "./sql";

/** The practices library is reference data: created and filled here, so every environment has it. */
export async function up(db: Kysely<any>) {
  await run(db, [
    `create table practice (
      id text primary key check (id ~ '^[a-z0-9-]{1,60}$'),
      name text not null,
      tier text not null check (tier in (${sqlList(EVIDENCE_TIERS)})),
      level text not null check (level in (${sqlList(PRACTICE_LEVELS)})),
      pillars text[] not null check (cardinality(pillars) > 0 and pillars <@ array[${sqlList(PILLARS)}]::text[]),
      summary text not null,
      citation text not null,
      position integer not null default 0
    )`,
  ]);
  await syncPracticeLibrary(db);
}
