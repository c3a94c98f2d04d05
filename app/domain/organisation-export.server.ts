import { sql, type Kysely } from "kysely";
import type { DB } from "#db/schema";
import type { CsvCell } from "~/utils/csv.server";
import { recordAudit } from "./audit.server";
import { allowanceSql, plannedSql } from "./grants.server";
import { JOURNEY_VIEWED } from "./continuum.server";
import { organisationOf, type Caller } from "./permissions.server";
import { asCaller } from "./tenant-scope.server";

/**
 * Everything an organisation holds in the product, for its own download: its people, its grants
 * with their plans and conversations, its self-assessments and whom it shares them with, who viewed
 * them, and its cohorts. Only rows of this organisation; amounts in cents, times in ISO 8601 (UTC).
 */
export const DATASETS = [
  "organisation",
  "members",
  "grants",
  "plan_lines",
  "conversation",
  "self_assessments",
  "self_assessment_answers",
  "sharing",
  "journey_views",
  "cohorts",
] as const;
export type Dataset = (typeof DATASETS)[number];

export interface Table {
  header: string[];
  rows: CsvCell[][];
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

async function table(db: Kysely<DB>, organisationId: string, dataset: Dataset): Promise<Table> {
  switch (dataset) {
    case "organisation": {
      const o = await db.selectFrom("organisation").select(["id", "name", "created_at"]).where("id", "=", organisationId).executeTakeFirstOrThrow();
      return { header: ["id", "name", "created_at"], rows: [[o.id, o.name, iso(o.created_at)]] };
    }
    case "members": {
      const rows = await db
        .selectFrom("membership")
        .innerJoin("app_user", "app_user.id", "membership.user_id")
        .select(["app_user.name", "app_user.email", "membership.role", "membership.created_at"])
        .where("membership.organisation_id", "=", organisationId)
        .orderBy("app_user.name")
        .execute();
      return { header: ["name", "email", "role", "member_since"], rows: rows.map((r) => [r.name, r.email, r.role, iso(r.created_at)]) };
    }
    case "grants": {
      const rows = await db
        .selectFrom("grant as g")
        .innerJoin("grant_line as gl", "gl.id", "g.grant_line_id")
        .innerJoin("foundation as f", "f.id", "g.foundation_id")
        .select([
          "g.id",
          "f.name as foundation",
          "gl.name as grant_line",
          "gl.fiscal_year",
          "g.title",
          "g.status",
          "g.proposed_budget_cents",
          "g.awarded_cents",
          allowanceSql.as("allowance_cents"),
          plannedSql.as("planned_cents"),
          sql<string | null>`g.starts_on::text`.as("starts_on"),
          sql<string | null>`g.ends_on::text`.as("ends_on"),
        ])
        .where("g.organisation_id", "=", organisationId)
        .orderBy("f.name")
        .orderBy("g.title")
        .execute();
      return {
        header: [
          "grant_id",
          "foundation",
          "grant_line",
          "fiscal_year",
          "title",
          "status",
          "proposed_budget_cents",
          "awarded_cents",
          "sts_allowance_cents",
          "planned_cents",
          "starts_on",
          "ends_on",
        ],
        rows: rows.map((r) => [
          r.id,
          r.foundation,
          r.grant_line,
          r.fiscal_year,
          r.title,
          r.status,
          r.proposed_budget_cents,
          r.awarded_cents,
          r.allowance_cents,
          r.planned_cents,
          r.starts_on,
          r.ends_on,
        ]),
      };
    }
    case "plan_lines": {
      const rows = await db
        .selectFrom("plan_line as pl")
        .innerJoin("grant as g", "g.id", "pl.grant_id")
        .leftJoin("practice", "practice.id", "pl.practice_id")
        .select(["g.id as grant_id", "g.title", "pl.position", "pl.pillar", "pl.purpose", "pl.description", "pl.amount_cents", "practice.name as practice"])
        .where("g.organisation_id", "=", organisationId)
        .orderBy("g.title")
        .orderBy("pl.position")
        .execute();
      return {
        header: ["grant_id", "grant", "line", "pillar", "purpose", "description", "amount_cents", "practice"],
        rows: rows.map((r) => [r.grant_id, r.title, r.position + 1, r.pillar, r.purpose, r.description, r.amount_cents, r.practice]),
      };
    }
    case "conversation": {
      const rows = await db
        .selectFrom("grant_comment as c")
        .innerJoin("grant as g", "g.id", "c.grant_id")
        .leftJoin("app_user as u", "u.id", "c.author_user_id")
        .select(["g.id as grant_id", "g.title", "c.side", "u.name as author", "c.created_at", "c.body"])
        .where("g.organisation_id", "=", organisationId)
        .orderBy("c.created_at")
        .execute();
      return {
        header: ["grant_id", "grant", "side", "author", "written_at", "text"],
        rows: rows.map((r) => [r.grant_id, r.title, r.side, r.author, iso(r.created_at), r.body]),
      };
    }
    case "self_assessments": {
      const rows = await db
        .selectFrom("continuum_assessment")
        .select(["id", "status", "created_at", "finished_at", "reflection", "next_steps"])
        .where("organisation_id", "=", organisationId)
        .orderBy("created_at")
        .execute();
      return {
        header: ["assessment_id", "status", "started_at", "finished_at", "reflection", "what_we_want_to_try_next"],
        rows: rows.map((r) => [r.id, r.status, iso(r.created_at), iso(r.finished_at), r.reflection, r.next_steps]),
      };
    }
    case "self_assessment_answers": {
      const rows = await db
        .selectFrom("continuum_pillar_answer as a")
        .innerJoin("continuum_assessment as s", "s.id", "a.assessment_id")
        .select(["a.assessment_id", "a.pillar", "a.stage", "a.note"])
        .where("s.organisation_id", "=", organisationId)
        .orderBy("s.created_at")
        .orderBy("a.pillar")
        .execute();
      return { header: ["assessment_id", "pillar", "stage", "note"], rows: rows.map((r) => [r.assessment_id, r.pillar, r.stage, r.note]) };
    }
    case "sharing": {
      const rows = await db
        .selectFrom("continuum_share as s")
        .innerJoin("foundation as f", "f.id", "s.foundation_id")
        .select(["f.name", "s.granted_at"])
        .where("s.organisation_id", "=", organisationId)
        .orderBy("f.name")
        .execute();
      return { header: ["foundation", "shared_since"], rows: rows.map((r) => [r.name, iso(r.granted_at)]) };
    }
    case "journey_views": {
      const rows = await db
        .selectFrom("audit_event as e")
        .leftJoin("foundation as f", "f.id", "e.foundation_id")
        .leftJoin("app_user as u", "u.id", "e.actor_user_id")
        .select(["e.at", "f.name as foundation", "u.name as person", "e.object_type"])
        .where("e.organisation_id", "=", organisationId)
        .where("e.action", "=", JOURNEY_VIEWED)
        .orderBy("e.at")
        .execute();
      return {
        header: ["viewed_at", "foundation", "person", "where"],
        rows: rows.map((r) => [iso(r.at), r.foundation, r.person, r.object_type === "cohort_brief" ? "cohort brief (counts only)" : "journey page"]),
      };
    }
    case "cohorts": {
      const rows = await db
        .selectFrom("cohort_organisation as co")
        .innerJoin("cohort as c", "c.id", "co.cohort_id")
        .innerJoin("foundation as f", "f.id", "c.foundation_id")
        .select([
          "c.name",
          "f.name as foundation",
          "co.invited_at",
          "co.accepted_at",
          (eb) =>
            eb
              .selectFrom("cohort_member as m")
              .innerJoin("app_user as u", "u.id", "m.user_id")
              .select(sql<string>`string_agg(u.name, '; ' order by u.name)`.as("people"))
              .whereRef("m.cohort_id", "=", "co.cohort_id")
              .where("m.organisation_id", "=", organisationId)
              .as("people"),
        ])
        .where("co.organisation_id", "=", organisationId)
        .orderBy("c.name")
        .execute();
      return {
        header: ["cohort", "foundation", "invited_at", "accepted_at", "taking_part"],
        rows: rows.map((r) => [r.name, r.foundation, iso(r.invited_at), iso(r.accepted_at), r.people ?? ""]),
      };
    }
  }
}

/** One dataset, or all of them, of the caller's organisation; the download is recorded in its audit trail. */
export async function exportOrganisationData(db: Kysely<DB>, caller: Caller, input: { datasets: readonly Dataset[]; format: "json" | "csv" }) {
  const organisationId = organisationOf(caller, "export:organisation-data");
  return asCaller(db, caller, async (trx) => {
    const tables = {} as Record<Dataset, Table>;
    for (const d of input.datasets) tables[d] = await table(trx, organisationId, d);
    await recordAudit(trx, {
      actorUserId: caller.userId,
      organisationId,
      action: "organisation.data_exported",
      objectType: "organisation",
      objectId: organisationId,
      after: { format: input.format, datasets: input.datasets },
    });
    return tables;
  });
}

/** Rows as objects keyed by the header, for JSON. */
export function asObjects(t: Table) {
  return t.rows.map((row) => Object.fromEntries(t.header.map((h, i) => [h, row[i] ?? null])));
}
