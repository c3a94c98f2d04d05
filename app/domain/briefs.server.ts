import { sql, type Kysely } from "kysely";
import type { DB } from "#db/schema";
import { t } from "~/i18n";
import type { CohortBriefData, FoundationBriefData, OrganisationPlanBriefData, PlannedSpread } from "~/pdf/briefs/types";
import { recordAudits } from "./audit.server";
import { listFacilitators, type CohortAccess } from "./cohorts.server";
import { JOURNEY_VIEWED, latestStagesOf, listJourney, stagesOf } from "./continuum.server";
import { asCaller, inTenantScope } from "./tenant-scope.server";
import { foundationOf, organisationOf, type Caller } from "./permissions.server";
import { DomainError } from "./errors";
import { aggregateForPeriod } from "./foundation-self-assessment.server";
import { allowanceSql, plannedSql } from "./grants.server";
import { portfolioLines, portfolioSpread, portfolioTotals, parsePortfolioQuery } from "./portfolio.server";
import { SELF_ASSESSMENT_QUESTIONS } from "./self-assessment-aggregate";
import { CONTINUUM_STAGES, PILLARS, PURPOSES, type ContinuumStage, type Pillar, type Purpose } from "./vocabulary";

/**
 * The data each PDF brief is made from, gathered with the reader's tenancy and the
 * organisations' consent checked here, before anything reaches a render worker.
 */

function emptySpread(): PlannedSpread {
  return {
    total: 0,
    byPillar: Object.fromEntries(PILLARS.map((p) => [p, 0])) as Record<Pillar, number>,
    byPurpose: Object.fromEntries(PURPOSES.map((p) => [p, 0])) as Record<Purpose, number>,
  };
}

/** Planned money of one foundation's grants to the given organisations, by pillar and purpose. */
async function plannedSpreadFor(db: Kysely<DB>, foundationId: string, organisationIds: string[]): Promise<PlannedSpread> {
  const spread = emptySpread();
  if (organisationIds.length === 0) return spread;
  const rows = await db
    .selectFrom("plan_line as pl")
    .innerJoin("grant as g", "g.id", "pl.grant_id")
    .select(["pl.pillar", "pl.purpose", sql<number>`sum(pl.amount_cents)::bigint`.as("cents")])
    .where("g.foundation_id", "=", foundationId)
    .where("g.organisation_id", "in", organisationIds)
    .groupBy(["pl.pillar", "pl.purpose"])
    .execute();
  for (const r of rows) {
    spread.total += r.cents;
    spread.byPillar[r.pillar as Pillar] += r.cents;
    if (r.purpose) spread.byPurpose[r.purpose as Purpose] += r.cents;
  }
  return spread;
}

function minimumGroup(size: number) {
  return Math.max(5, size);
}

/**
 * Facilitators only. The continuum distribution counts, per pillar, the latest finished
 * self-assessment of each accepted member organisation that shares its journey with this
 * foundation now; below the minimum group size it is left out entirely. No organisation is
 * named or identified in it, and each included organisation's log records the read.
 */
export async function cohortBriefData(db: Kysely<DB>, access: CohortAccess, input: { viewerId: string; locale: string; now: Date }): Promise<CohortBriefData> {
  if (!access.canFacilitate) throw new DomainError("app.forbiddenBody", undefined, undefined, 403);
  const { cohort } = access;
  const [foundation, facilitators, members, sessions, pins] = await Promise.all([
    db.selectFrom("foundation").select(["name", "min_group_size"]).where("id", "=", cohort.foundation_id).executeTakeFirstOrThrow(),
    listFacilitators(db, access),
    db.selectFrom("cohort_organisation").select("organisation_id").where("cohort_id", "=", cohort.id).where("accepted_at", "is not", null).execute(),
    db
      .selectFrom("cohort_session as s")
      .select([
        "s.title",
        "s.starts_at",
        "s.time_zone",
        (eb) =>
          eb
            .selectFrom("session_rsvp as r")
            .select(sql<number>`count(*)::int`.as("n"))
            .whereRef("r.session_id", "=", "s.id")
            .where("r.attended", "=", true)
            .as("attended"),
      ])
      .where("s.cohort_id", "=", cohort.id)
      .orderBy("s.starts_at")
      .execute(),
    db
      .selectFrom("cohort_pin as p")
      .leftJoin("practice", "practice.id", "p.practice_id")
      .leftJoin("foundation_resource as r", "r.id", "p.resource_id")
      .select(["practice.name as practice_name", "practice.tier", "r.title as resource_title", "p.note"])
      .where("p.cohort_id", "=", cohort.id)
      .orderBy("p.created_at")
      .execute(),
  ]);
  const organisationIds = members.map((m) => m.organisation_id);
  const min = minimumGroup(foundation.min_group_size);

  return inTenantScope(db, { foundationId: cohort.foundation_id }, async (trx) => {
    // Consent is read inside the transaction that records the reads, so a revocation either
    // happened before (and the organisation is left out) or after this brief. Membership is read
    // again here: an accepted member of this foundation's cohort is connected to it (the
    // connection rule of organisations.server.ts), and one that left is not counted.
    const sharing =
      organisationIds.length === 0
        ? []
        : (
            await trx
              .selectFrom("continuum_share")
              .select("organisation_id")
              .where("foundation_id", "=", cohort.foundation_id)
              .where("organisation_id", "in", organisationIds)
              .where("organisation_id", "in", (eb) =>
                eb
                  .selectFrom("cohort_organisation")
                  .select("cohort_organisation.organisation_id")
                  .where("cohort_organisation.cohort_id", "=", cohort.id)
                  .where("cohort_organisation.accepted_at", "is not", null),
              )
              .forShare()
              .execute()
          ).map((r) => r.organisation_id);
    let continuum: CohortBriefData["continuum"] = null;
    if (sharing.length >= min) {
      const byPillar = Object.fromEntries(
        PILLARS.map((p) => [p, Object.fromEntries(CONTINUUM_STAGES.map((s) => [s, 0])) as Record<ContinuumStage, number>]),
      ) as Record<Pillar, Record<ContinuumStage, number>>;
      const latest = await latestStagesOf(trx, sharing);
      for (const stages of latest.values()) {
        for (const p of PILLARS) if (stages[p]) byPillar[p][stages[p]] += 1;
      }
      await recordAudits(
        trx,
        [...latest.keys()].map((organisationId) => ({
          actorUserId: input.viewerId,
          foundationId: cohort.foundation_id,
          organisationId,
          action: JOURNEY_VIEWED,
          objectType: "cohort_brief",
          objectId: cohort.id,
        })),
      );
      const counted = latest.size;
      // Organisations that share but have not finished an assessment add nothing; the group that
      // is shown must itself reach the minimum.
      if (counted >= min) continuum = { organisations: counted, byPillar };
    }
    return {
      kind: "cohort",
      locale: input.locale,
      generatedAt: input.now.toISOString(),
      foundationName: foundation.name,
      cohort: {
        name: cohort.name,
        purpose: cohort.purpose,
        startsOn: cohort.starts_on,
        endsOn: cohort.ends_on,
        facilitators: facilitators.map((f) => f.name || f.email),
      },
      memberOrganisations: organisationIds.length,
      sessions: sessions.map((s) => ({ title: s.title, startsAt: s.starts_at.toISOString(), timeZone: s.time_zone, attended: s.attended ?? 0 })),
      resources: pins.map((p) => ({ title: p.practice_name ?? p.resource_title ?? "", tier: p.tier ?? null, note: p.note })),
      planned: await plannedSpreadFor(trx, cohort.foundation_id, organisationIds),
      minGroupSize: min,
      continuum,
    };
  });
}

/**
 * The caller's organisation's own brief, for its director: its grants across every foundation, with
 * allowances and plans, and its journey only when the director asked for it.
 */
export async function organisationPlanBriefData(
  db: Kysely<DB>,
  caller: Caller,
  input: { includeJourney: boolean; locale: string; now: Date },
): Promise<OrganisationPlanBriefData> {
  const organisationId = organisationOf(caller, "read:organisation-brief");
  return asCaller(db, caller, (trx) => organisationPlanBrief(trx, caller, organisationId, input));
}

async function organisationPlanBrief(
  db: Kysely<DB>,
  caller: Caller,
  organisationId: string,
  input: { includeJourney: boolean; locale: string; now: Date },
): Promise<OrganisationPlanBriefData> {
  const organisation = await db.selectFrom("organisation").select("name").where("id", "=", organisationId).executeTakeFirstOrThrow();
  const grants = await db
    .selectFrom("grant as g")
    .innerJoin("grant_line as gl", "gl.id", "g.grant_line_id")
    .innerJoin("foundation as f", "f.id", "g.foundation_id")
    .select(["g.id", "g.title", "f.name as foundation_name", "gl.name as line_name", "gl.fiscal_year", allowanceSql.as("allowance"), plannedSql.as("planned")])
    .where("g.organisation_id", "=", organisationId)
    .orderBy("f.name")
    .orderBy("gl.fiscal_year", "desc")
    .orderBy("g.title")
    .execute();
  const lines = grants.length
    ? await db
        .selectFrom("plan_line as pl")
        .leftJoin("practice", "practice.id", "pl.practice_id")
        .select(["pl.grant_id", "pl.pillar", "pl.purpose", "pl.description", "pl.amount_cents", "practice.name as practice"])
        .where(
          "pl.grant_id",
          "in",
          grants.map((g) => g.id),
        )
        .orderBy("pl.grant_id")
        .orderBy("pl.position")
        .execute()
    : [];
  const journey = input.includeJourney ? await listJourney(db, caller) : null;
  return {
    kind: "organisation-plan",
    locale: input.locale,
    generatedAt: input.now.toISOString(),
    // The organisation's own document: its name heads every page.
    foundationName: organisation.name,
    organisationName: organisation.name,
    grants: grants.map((g) => ({
      title: g.title,
      foundationName: g.foundation_name,
      grantLineName: g.line_name,
      fiscalYear: g.fiscal_year,
      allowance: g.allowance,
      planned: g.planned,
      lines: lines
        .filter((l) => l.grant_id === g.id)
        .map((l) => ({
          pillar: l.pillar as Pillar,
          purpose: (l.purpose as Purpose | null) ?? null,
          description: l.description,
          amount: l.amount_cents,
          practice: l.practice ?? null,
        })),
    })),
    journey: journey
      ? journey.map((p) => ({ finishedAt: p.finishedAt.toISOString(), stages: Object.fromEntries(Object.entries(stagesOf(p)).filter(([, s]) => s)) }))
      : null,
  };
}

/**
 * The caller's foundation's brief, for admins: the portfolio's STS investment and the staff self-assessment
 * aggregate, under the same rules as the pages (whose own checks run again for each part).
 */
export async function foundationBriefData(db: Kysely<DB>, caller: Caller, input: { year: number; locale: string; now: Date }): Promise<FoundationBriefData> {
  const foundationId = foundationOf(caller, "read:foundation-brief");
  const everything = parsePortfolioQuery(new URLSearchParams());
  const [foundation, totals, spread, lines, aggregate, grantLines] = await asCaller(db, caller, (trx) =>
    Promise.all([
      trx.selectFrom("foundation").select(["name", "min_group_size"]).where("id", "=", foundationId).executeTakeFirstOrThrow(),
      portfolioTotals(trx, caller, everything),
      portfolioSpread(trx, caller, everything),
      portfolioLines(trx, caller, everything),
      aggregateForPeriod(trx, caller, input.year),
      trx
        .selectFrom("grant_line")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("foundation_id", "=", foundationId)
        .executeTakeFirstOrThrow(),
    ]),
  );
  const planned = emptySpread();
  for (const p of spread.byPillar) planned.byPillar[p.pillar] = p.cents;
  for (const p of spread.byPurpose) if (p.purpose) planned.byPurpose[p.purpose] = p.cents;
  planned.total = spread.byPillar.reduce((sum, p) => sum + p.cents, 0);
  return {
    kind: "foundation",
    locale: input.locale,
    generatedAt: input.now.toISOString(),
    foundationName: foundation.name,
    portfolio: {
      grantLines: Number(grantLines.n),
      grants: totals.grants,
      proposed: totals.proposedCents,
      awarded: totals.awardedCents,
      allowance: totals.allowanceCents,
      planned: totals.plannedCents,
      spread: planned,
      byLine: lines.map((l) => ({
        name: l.name,
        fiscalYear: l.fiscal_year,
        grants: l.grants,
        awarded: l.awarded_cents,
        allowance: l.allowance_cents,
        planned: l.planned_cents,
      })),
    },
    staffAssessment: {
      periodLabel: String(input.year),
      minGroupSize: minimumGroup(foundation.min_group_size),
      respondents: aggregate.enough ? aggregate.respondents : null,
      questions: SELF_ASSESSMENT_QUESTIONS.map((q) => ({
        label: t(`continuum.question.${q}`),
        counts: aggregate.enough ? aggregate.questions[q] : null,
      })),
    },
  };
}
