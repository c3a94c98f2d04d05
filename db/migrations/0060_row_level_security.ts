import type { Kysely } from "kysely";
import { run } from "./sql";

/**
 * Defence in depth for the continuum: the rows of an organisation's self-assessments, its consent
 * to share them and foundation staff's own self-assessments are visible only to the tenant the
 * transaction says it acts for (app.organisation_id / app.foundation_id, set with
 * set_config(..., true) by app/domain/tenant-scope.server.ts). A query run without that setting
 * sees nothing and writes nothing. The owner of the tables (migrations, seeds, backups) is not
 * subject to the policies; the server acts as the app role, which is (db/app-role.ts).
 * See docs/decisions/0060-row-level-security.md.
 */
export async function up(db: Kysely<any>) {
  await run(db, [
    `create function app_organisation_id() returns uuid language sql stable as
     $$ select nullif(current_setting('app.organisation_id', true), '')::uuid $$`,
    `create function app_foundation_id() returns uuid language sql stable as
     $$ select nullif(current_setting('app.foundation_id', true), '')::uuid $$`,

    `alter table continuum_assessment enable row level security`,
    `create policy organisation_own on continuum_assessment
       using (organisation_id = app_organisation_id()) with check (organisation_id = app_organisation_id())`,
    // A foundation reads finished assessments (never a draft) of organisations that share with it.
    `create policy shared_with_foundation on continuum_assessment for select
       using (status = 'finished' and exists (
         select 1 from continuum_share s
         where s.organisation_id = continuum_assessment.organisation_id and s.foundation_id = app_foundation_id()))`,

    `alter table continuum_pillar_answer enable row level security`,
    // Readable wherever its assessment is (that table's policies apply inside the subquery) ...
    `create policy readable_with_assessment on continuum_pillar_answer for select
       using (exists (select 1 from continuum_assessment a where a.id = assessment_id))`,
    // ... written only by the organisation that owns it.
    `create policy organisation_own on continuum_pillar_answer
       using (exists (select 1 from continuum_assessment a where a.id = assessment_id and a.organisation_id = app_organisation_id()))
       with check (exists (select 1 from continuum_assessment a where a.id = assessment_id and a.organisation_id = app_organisation_id()))`,

    `alter table continuum_share enable row level security`,
    `create policy either_party_reads on continuum_share for select
       using (organisation_id = app_organisation_id() or foundation_id = app_foundation_id())`,
    `create policy organisation_decides on continuum_share
       using (organisation_id = app_organisation_id()) with check (organisation_id = app_organisation_id())`,
    // A foundation reading under consent locks the row (select ... for share needs an update
    // policy), so a revocation waits for the read to finish; it can never change the row.
    `create policy foundation_locks_to_read on continuum_share for update
       using (foundation_id = app_foundation_id()) with check (false)`,

    `alter table foundation_self_assessment enable row level security`,
    `create policy foundation_own on foundation_self_assessment
       using (foundation_id = app_foundation_id()) with check (foundation_id = app_foundation_id())`,
  ]);
}
