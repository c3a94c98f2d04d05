import type { Kysely } from "kysely";
import { run } from "./sql";

// Practices are keyed by a readable slug (text); a plan line may point at one.
export async function up(db: Kysely<any>) {
  await run(db, [
    `alter table plan_line alter column practice_id type text using practice_id::text`,
    `alter table plan_line add constraint plan_line_practice foreign key (practice_id) references practice(id) on delete set null`,
    `create index plan_line_practice on plan_line (practice_id) where practice_id is not null`,
  ]);
}
