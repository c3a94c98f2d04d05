import type { Kysely } from "kysely";
import { EVIDENCE_TIERS, sqlList } from "../../app/domain/vocabulary";
import { syncPracticeEvidence, syncPracticeLibrary } from "../seed/practices";
import { run } from "./sql";

/**
 * The evidence behind each practice, exact: the study's own citations as rows, what it found, where it
 * qualifies the tier, and whether the level and the pillars are the study's or the product's reading
 * (docs/decisions/0066-practice-evidence.md). `practice.citation` stays, derived from the rows, for search.
 */
export async function up(db: Kysely<any>) {
  await run(db, [
    `alter table practice add column finding text not null default ''`,
    `alter table practice add column tier_note text`,
    `alter table practice add column level_is_reading boolean not null default true`,
    `alter table practice add column pillars_are_reading boolean not null default true`,
    `create table practice_citation (
      practice_id text not null references practice(id) on delete cascade,
      position integer not null,
      kind text not null check (kind in ('study', 'source')),
      authors text,
      year text check (year is null or year ~ '^[0-9]{4}$'),
      source_tier text check (source_tier is null or source_tier in (${sqlList(EVIDENCE_TIERS)})),
      note text,
      primary key (practice_id, position),
      constraint practice_citation_source_named check (kind = 'study' or (authors is not null and year is not null))
    )`,
  ]);
  await syncPracticeLibrary(db);
  await syncPracticeEvidence(db);
}
