import { sql, type Kysely } from "kysely";

/** The practice that was a duplicate, and the one that holds it (docs/decisions/0066-practice-evidence.md). */
export const MERGED_PRACTICE = { from: "advocacy-work", into: "caseload-diversity" } as const;

/**
 * Policy advocacy was listed twice: inside "More diverse caseloads and balanced tasks", where the study
 * puts it, and as a promising practice of its own. The separate entry goes; whatever pointed at it now
 * points at the practice that contains it, so no plan line loses its practice and no cohort its pin.
 * A no-op where the duplicate was never created (new databases: the seed no longer has it).
 */
export async function up(db: Kysely<any>) {
  const { from, into } = MERGED_PRACTICE;
  await sql`update plan_line set practice_id = ${into} where practice_id = ${from}`.execute(db);
  // A cohort that pinned both keeps its pin of the kept practice, with the other pin's note added to it.
  await sql`
    update cohort_pin kept set note = trim(both from concat_ws(E'\n\n', nullif(kept.note, ''), nullif(dup.note, '')))
    from cohort_pin dup
    where kept.practice_id = ${into} and dup.practice_id = ${from} and dup.cohort_id = kept.cohort_id`.execute(db);
  await sql`
    delete from cohort_pin dup using cohort_pin kept
    where dup.practice_id = ${from} and kept.practice_id = ${into} and kept.cohort_id = dup.cohort_id`.execute(db);
  await sql`update cohort_pin set practice_id = ${into} where practice_id = ${from}`.execute(db);
  await sql`delete from practice where id = ${from}`.execute(db);
}
