import { sql, type Kysely } from "kysely";
import type { DB, GrantLineKind, GrantStatus } from "#db/schema";
import { formatMoney } from "~/utils/format";
import { allowanceCents, minimumBudgetFor } from "./allowance";
import { recordAudit } from "./audit.server";
import { DomainError } from "./errors";
import { invite } from "./invitations.server";
import { can, foundationOf, organisationOf, rolesWith, tenantOf, type Caller } from "./permissions.server";
import { asCaller } from "./tenant-scope.server";
import { foundationPeopleWith } from "./memberships.server";
import type { Pillar, Purpose } from "./vocabulary";

export const GRANT_LINE_KINDS = ["dedicated", "enhancement"] as const satisfies readonly GrantLineKind[];
export const GRANT_STATUSES = ["proposed", "active", "closed"] as const satisfies readonly GrantStatus[];
/** A plan is a short list; this bound also keeps every sum of amounts exact. */
export const MAX_PLAN_LINES = 100;

/**
 * The allowance in SQL, over `"grant" as g` joined to `grant_line as gl`: the twin of
 * allowanceCents (integer division of non-negative bigints rounds down, as floor does).
 */
export const allowanceSql = sql<number>`(case when gl.kind = 'dedicated' then coalesce(g.awarded_cents, 0) else (g.proposed_budget_cents * gl.allowance_bps) / 10000 end)`;
/** What the grantee has planned on `"grant" as g`: the sum of its plan lines, kept by triggers (migration 0050). */
export const plannedSql = sql<number>`g.planned_cents`;

const money = (cents: number) => formatMoney(cents);

// ——— Grant lines ———

export interface GrantLineInput {
  name: string;
  fiscalYear: number;
  description: string;
  kind: GrantLineKind;
  /** Enhancement lines only; undefined takes the foundation's default. */
  allowanceBps?: number;
}

export async function listGrantLines(db: Kysely<DB>, caller: Caller) {
  const foundationId = foundationOf(caller, "manage:grant-line");
  return asCaller(db, caller, (trx) =>
    trx
      .selectFrom("grant_line as gl")
      .leftJoin("grant as g", "g.grant_line_id", "gl.id")
      .select([
        "gl.id",
        "gl.name",
        "gl.fiscal_year",
        "gl.kind",
        "gl.allowance_bps",
        sql<number>`count(g.id)::int`.as("grants"),
        sql<number>`coalesce(sum(g.proposed_budget_cents), 0)::bigint`.as("proposed_cents"),
      ])
      .where("gl.foundation_id", "=", foundationId)
      .groupBy("gl.id")
      .orderBy("gl.fiscal_year", "desc")
      .orderBy("gl.name")
      .execute(),
  );
}

export async function getGrantLine(db: Kysely<DB>, caller: Caller, lineId: string) {
  const foundationId = foundationOf(caller, "manage:grant-line");
  return asCaller(db, caller, (trx) => lineOf(trx, foundationId, lineId));
}

/** A line of the foundation, for functions that have checked their caller already. */
function lineOf(db: Kysely<DB>, foundationId: string, lineId: string) {
  return db.selectFrom("grant_line").selectAll().where("foundation_id", "=", foundationId).where("id", "=", lineId).executeTakeFirst();
}

export async function createGrantLine(db: Kysely<DB>, caller: Caller, input: GrantLineInput) {
  const foundationId = foundationOf(caller, "manage:grant-line");
  const actorId = caller.userId;
  return asCaller(db, caller, async (trx) => {
    let allowanceBps: number | null = null;
    if (input.kind === "enhancement") {
      allowanceBps =
        input.allowanceBps ??
        (await trx.selectFrom("foundation").select("default_allowance_bps").where("id", "=", foundationId).executeTakeFirstOrThrow()).default_allowance_bps;
    }
    const line = await trx
      .insertInto("grant_line")
      .values({
        foundation_id: foundationId,
        name: input.name,
        fiscal_year: input.fiscalYear,
        description: input.description,
        kind: input.kind,
        allowance_bps: allowanceBps,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: actorId,
      foundationId,
      action: "grant_line.created",
      objectType: "grant_line",
      objectId: line.id,
      after: lineSnapshot(line),
    });
    return line;
  });
}

function lineSnapshot(l: { name: string; fiscal_year: number; description: string; kind: string; allowance_bps: number | null }) {
  return { name: l.name, fiscal_year: l.fiscal_year, description: l.description, kind: l.kind, allowance_bps: l.allowance_bps };
}

/**
 * Changes a line. A new allowance (or kind) that would leave any grant's plan above
 * its allowance is refused, naming the grant and how much must come out of its plan.
 * Lock order everywhere: the line, then its grants.
 */
export async function updateGrantLine(db: Kysely<DB>, caller: Caller, lineId: string, input: GrantLineInput & { version: number }) {
  const foundationId = foundationOf(caller, "manage:grant-line");
  const actorId = caller.userId;
  return asCaller(db, caller, async (trx) => {
    const current = await trx
      .selectFrom("grant_line")
      .selectAll()
      .where("foundation_id", "=", foundationId)
      .where("id", "=", lineId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    if (current.version !== input.version) throw new DomainError("errors.stale", undefined, undefined, 409);
    let allowanceBps: number | null = null;
    if (input.kind === "enhancement") {
      allowanceBps =
        input.allowanceBps ??
        current.allowance_bps ??
        (await trx.selectFrom("foundation").select("default_allowance_bps").where("id", "=", foundationId).executeTakeFirstOrThrow()).default_allowance_bps;
    }
    const grants = await trx
      .selectFrom("grant as g")
      .select(["g.id", "g.title", "g.proposed_budget_cents", "g.awarded_cents", plannedSql.as("planned_cents")])
      .where("g.grant_line_id", "=", lineId)
      .where("g.foundation_id", "=", foundationId)
      .orderBy("g.id")
      .forUpdate()
      .execute();
    for (const g of grants) {
      const allowance = allowanceCents({
        kind: input.kind,
        allowanceBps,
        proposedBudgetCents: g.proposed_budget_cents,
        awardedCents: g.awarded_cents,
      });
      if (g.planned_cents > allowance) {
        throw new DomainError("grants.errors.lineBelowPlanned", "allowance", {
          title: g.title,
          amount: money(g.planned_cents - allowance),
        });
      }
    }
    const updated = await trx
      .updateTable("grant_line")
      .set({
        name: input.name,
        fiscal_year: input.fiscalYear,
        description: input.description,
        kind: input.kind,
        allowance_bps: allowanceBps,
        version: current.version + 1,
        updated_at: new Date(),
      })
      .where("id", "=", lineId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: actorId,
      foundationId,
      action: "grant_line.updated",
      objectType: "grant_line",
      objectId: lineId,
      before: lineSnapshot(current),
      after: lineSnapshot(updated),
    });
    return updated;
  });
}

// ——— Grants ———

export interface GrantFields {
  title: string;
  proposedBudgetCents: number;
  awardedCents: number | null;
  startsOn: string | null;
  endsOn: string | null;
  status: GrantStatus;
  officerUserId: string | null;
}

export type GranteeChoice = { organisationId: string } | { newOrganisation: { name: string; directorEmail: string } };

/** The people of the caller's foundation who may be a grant's officer. */
export async function listOfficers(db: Kysely<DB>, caller: Caller) {
  const foundationId = foundationOf(caller, "manage:grant");
  return asCaller(db, caller, (trx) => foundationPeopleWith(trx, foundationId, "hold:grant"));
}

async function assertOfficer(db: Kysely<DB>, foundationId: string, userId: string | null) {
  if (!userId) return;
  const row = await db
    .selectFrom("membership")
    .select("id")
    .where("foundation_id", "=", foundationId)
    .where("user_id", "=", userId)
    .where("role", "in", rolesWith("foundation", "hold:grant"))
    .executeTakeFirst();
  if (!row) throw new DomainError("grants.errors.officer", "officerUserId");
}

function grantSnapshot(
  g: {
    title: string;
    proposed_budget_cents: number;
    awarded_cents: number | null;
    starts_on: string | null;
    ends_on: string | null;
    status: string;
    officer_user_id: string | null;
  },
  allowance: number,
) {
  return {
    title: g.title,
    proposed_budget_cents: g.proposed_budget_cents,
    awarded_cents: g.awarded_cents,
    starts_on: g.starts_on,
    ends_on: g.ends_on,
    status: g.status,
    officer_user_id: g.officer_user_id,
    allowance_cents: allowance,
  };
}

/** A grant under a line, for an existing grantee or a new organisation whose director is invited in the same step. */
export async function createGrant(
  db: Kysely<DB>,
  caller: Caller,
  input: GrantFields & {
    lineId: string;
    grantee: GranteeChoice;
    publicUrl: string;
    now?: Date;
  },
) {
  const foundationId = foundationOf(caller, "manage:grant");
  const actorId = caller.userId;
  return asCaller(db, caller, async (trx) => {
    const line = await lineOf(trx, foundationId, input.lineId);
    if (!line) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    await assertOfficer(trx, foundationId, input.officerUserId);
    let organisationId: string;
    if ("organisationId" in input.grantee) {
      const reaches = await trx
        .selectFrom("grantee")
        .select("organisation_id")
        .where("foundation_id", "=", foundationId)
        .where("organisation_id", "=", input.grantee.organisationId)
        .executeTakeFirst();
      if (!reaches) throw new DomainError("grants.errors.organisation", "organisationId");
      organisationId = input.grantee.organisationId;
    } else {
      const { name, directorEmail } = input.grantee.newOrganisation;
      const organisation = await trx.insertInto("organisation").values({ name }).returning("id").executeTakeFirstOrThrow();
      organisationId = organisation.id;
      await trx.insertInto("grantee").values({ foundation_id: foundationId, organisation_id: organisationId }).execute();
      await recordAudit(trx, {
        actorUserId: actorId,
        foundationId,
        organisationId,
        action: "organisation.created",
        objectType: "organisation",
        objectId: organisationId,
        after: { name },
      });
      await invite(trx, {
        inviterId: actorId,
        email: directorEmail,
        role: "director",
        target: { organisationId },
        publicUrl: input.publicUrl,
        now: input.now,
      });
    }
    const grant = await trx
      .insertInto("grant")
      .values({
        foundation_id: foundationId,
        grant_line_id: line.id,
        organisation_id: organisationId,
        title: input.title,
        proposed_budget_cents: input.proposedBudgetCents,
        awarded_cents: input.awardedCents,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        status: input.status,
        officer_user_id: input.officerUserId,
      })
      .returning(["id", "title", "proposed_budget_cents", "awarded_cents", "status", "officer_user_id"])
      .executeTakeFirstOrThrow();
    const allowance = allowanceCents({
      kind: line.kind,
      allowanceBps: line.allowance_bps,
      proposedBudgetCents: grant.proposed_budget_cents,
      awardedCents: grant.awarded_cents,
    });
    await recordAudit(trx, {
      actorUserId: actorId,
      foundationId,
      organisationId,
      action: "grant.created",
      objectType: "grant",
      objectId: grant.id,
      after: grantSnapshot({ ...grant, starts_on: input.startsOn, ends_on: input.endsOn }, allowance),
    });
    return { id: grant.id, organisationId };
  });
}

const grantColumns = [
  "g.id",
  "g.foundation_id",
  "g.organisation_id",
  "g.grant_line_id",
  "g.title",
  "g.proposed_budget_cents",
  "g.awarded_cents",
  "g.status",
  "g.officer_user_id",
  "g.version",
  "g.plan_version",
  "gl.name as line_name",
  "gl.fiscal_year",
  "gl.kind",
  "gl.allowance_bps",
] as const;

/**
 * Changes a grant of the caller's foundation. The allowance it leads to must still cover what is
 * planned; otherwise the message says how much must come out of the plan first.
 */
export async function updateGrant(db: Kysely<DB>, caller: Caller, grantId: string, input: GrantFields & { version: number }) {
  const foundationId = foundationOf(caller, "manage:grant");
  const actorId = caller.userId;
  return asCaller(db, caller, async (trx) => {
    const current = await trx
      .selectFrom("grant as g")
      .select([
        "g.id",
        "g.organisation_id",
        "g.grant_line_id",
        "g.title",
        "g.proposed_budget_cents",
        "g.awarded_cents",
        sql<string | null>`g.starts_on::text`.as("starts_on"),
        sql<string | null>`g.ends_on::text`.as("ends_on"),
        "g.status",
        "g.officer_user_id",
        "g.version",
      ])
      .where("g.foundation_id", "=", foundationId)
      .where("g.id", "=", grantId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    if (current.version !== input.version) throw new DomainError("errors.stale", undefined, undefined, 409);
    await assertOfficer(trx, foundationId, input.officerUserId);
    const line = await trx.selectFrom("grant_line").select(["kind", "allowance_bps"]).where("id", "=", current.grant_line_id).executeTakeFirstOrThrow();
    const planned = await plannedFor(trx, grantId);
    const before = allowanceCents({
      kind: line.kind,
      allowanceBps: line.allowance_bps,
      proposedBudgetCents: current.proposed_budget_cents,
      awardedCents: current.awarded_cents,
    });
    const after = allowanceCents({
      kind: line.kind,
      allowanceBps: line.allowance_bps,
      proposedBudgetCents: input.proposedBudgetCents,
      awardedCents: input.awardedCents,
    });
    if (after < planned) {
      const field = line.kind === "dedicated" ? "awarded" : "proposedBudget";
      const minimum = line.kind === "dedicated" ? planned : minimumBudgetFor(planned, line.allowance_bps ?? 0);
      throw new DomainError(minimum === null ? "grants.errors.belowPlannedNoBudget" : "grants.errors.belowPlanned", field, {
        amount: money(planned - after),
        planned: money(planned),
        minimum: minimum === null ? "" : money(minimum),
      });
    }
    const updated = await trx
      .updateTable("grant")
      .set({
        title: input.title,
        proposed_budget_cents: input.proposedBudgetCents,
        awarded_cents: input.awardedCents,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        status: input.status,
        officer_user_id: input.officerUserId,
        version: current.version + 1,
        updated_at: new Date(),
      })
      .where("id", "=", grantId)
      .returning([
        "title",
        "proposed_budget_cents",
        "awarded_cents",
        sql<string | null>`starts_on::text`.as("starts_on"),
        sql<string | null>`ends_on::text`.as("ends_on"),
        "status",
        "officer_user_id",
      ])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: actorId,
      foundationId,
      organisationId: current.organisation_id,
      action: "grant.updated",
      objectType: "grant",
      objectId: grantId,
      before: grantSnapshot(current, before),
      after: grantSnapshot(updated, after),
    });
  });
}

async function plannedFor(db: Kysely<DB>, grantId: string) {
  const row = await db
    .selectFrom("plan_line")
    .select(sql<number>`coalesce(sum(amount_cents), 0)::bigint`.as("planned"))
    .where("grant_id", "=", grantId)
    .executeTakeFirstOrThrow();
  return row.planned;
}

/** The side of a grant a tenant stands on: the funding foundation, or the grantee organisation. */
type GrantSide = { foundationId: string } | { organisationId: string };

/** A grant seen from one side, for functions that have checked their caller already; undefined for anyone else. */
function grantOf(db: Kysely<DB>, side: GrantSide, grantId: string) {
  let query = db
    .selectFrom("grant as g")
    .innerJoin("grant_line as gl", "gl.id", "g.grant_line_id")
    .innerJoin("organisation as o", "o.id", "g.organisation_id")
    .innerJoin("foundation as f", "f.id", "g.foundation_id")
    .leftJoin("app_user as u", "u.id", "g.officer_user_id")
    .select([
      ...grantColumns,
      sql<string | null>`g.starts_on::text`.as("starts_on"),
      sql<string | null>`g.ends_on::text`.as("ends_on"),
      "o.name as organisation_name",
      "f.name as foundation_name",
      "u.name as officer_name",
      "u.email as officer_email",
      allowanceSql.as("allowance_cents"),
      plannedSql.as("planned_cents"),
    ])
    .where("g.id", "=", grantId);
  query = "foundationId" in side ? query.where("g.foundation_id", "=", side.foundationId) : query.where("g.organisation_id", "=", side.organisationId);
  return query.executeTakeFirst();
}

/**
 * One grant as the caller's side sees it: the funding foundation, or the grantee organisation.
 * Anyone else gets undefined (the route answers 404).
 */
export async function getGrant(db: Kysely<DB>, caller: Caller, grantId: string) {
  const side = tenantOf(caller, "read:grant");
  return asCaller(db, caller, (trx) => grantOf(trx, side, grantId));
}

export type Grant = NonNullable<Awaited<ReturnType<typeof getGrant>>>;

/** Every grant of the caller's organisation, across every foundation that funds it. */
export async function listOrganisationGrants(db: Kysely<DB>, caller: Caller) {
  const organisationId = organisationOf(caller, "read:organisation-grants");
  return asCaller(db, caller, (trx) =>
    trx
      .selectFrom("grant as g")
      .innerJoin("grant_line as gl", "gl.id", "g.grant_line_id")
      .innerJoin("foundation as f", "f.id", "g.foundation_id")
      .select([
        "g.id",
        "g.title",
        "g.status",
        "g.proposed_budget_cents",
        "g.awarded_cents",
        "gl.name as line_name",
        "gl.kind",
        "gl.fiscal_year",
        "f.name as foundation_name",
        allowanceSql.as("allowance_cents"),
        plannedSql.as("planned_cents"),
      ])
      .where("g.organisation_id", "=", organisationId)
      .orderBy("f.name")
      .orderBy("gl.fiscal_year", "desc")
      .orderBy("g.title")
      .orderBy("g.id")
      .execute(),
  );
}

/** The first grants of a line (by title) and how many it has; the portfolio, filtered to the line, pages through the rest. */
export const LINE_PAGE_GRANTS = 50;

export async function listGrantsOfLine(db: Kysely<DB>, caller: Caller, lineId: string) {
  const foundationId = foundationOf(caller, "manage:grant-line");
  return asCaller(db, caller, async (trx) => {
    const total = await trx
      .selectFrom("grant")
      .select(sql<number>`count(*)::int`.as("count"))
      .where("foundation_id", "=", foundationId)
      .where("grant_line_id", "=", lineId)
      .executeTakeFirstOrThrow();
    const rows = await trx
      .selectFrom("grant as g")
      .innerJoin("grant_line as gl", "gl.id", "g.grant_line_id")
      .innerJoin("organisation as o", "o.id", "g.organisation_id")
      .select([
        "g.id",
        "g.title",
        "g.status",
        "g.proposed_budget_cents",
        "g.awarded_cents",
        "o.name as organisation_name",
        allowanceSql.as("allowance_cents"),
        plannedSql.as("planned_cents"),
      ])
      .where("g.foundation_id", "=", foundationId)
      .where("g.grant_line_id", "=", lineId)
      .orderBy("g.title")
      .orderBy("g.id")
      .limit(LINE_PAGE_GRANTS)
      .execute();
    return { rows, count: total.count };
  });
}

// ——— Plans ———

export interface PlanLineInput {
  pillar: Pillar;
  purpose: Purpose | null;
  description: string;
  amountCents: number;
  practiceId?: string | null;
}

/** The plan lines of a grant, for functions that have found the grant through the caller's side. */
function planOf(db: Kysely<DB>, grantId: string) {
  return db
    .selectFrom("plan_line")
    .leftJoin("practice", "practice.id", "plan_line.practice_id")
    .select([
      "plan_line.id",
      "plan_line.pillar",
      "plan_line.purpose",
      "plan_line.description",
      "plan_line.amount_cents",
      "plan_line.practice_id",
      "practice.name as practice_name",
    ])
    .where("plan_line.grant_id", "=", grantId)
    .orderBy("plan_line.position")
    .execute();
}

/** A grant's STS plan as the caller's side sees it; undefined when the grant is not theirs. */
export async function getPlan(db: Kysely<DB>, caller: Caller, grantId: string) {
  const side = tenantOf(caller, "read:grant");
  return asCaller(db, caller, async (trx) => {
    const grant = await grantOf(trx, side, grantId);
    return grant ? planOf(trx, grant.id) : undefined;
  });
}

export type PlanLine = Awaited<ReturnType<typeof planOf>>[number];

/**
 * Replaces the STS plan of one of the caller's organisation's grants. In one transaction: the grant
 * row is locked, the plan version the form was built on must still be current (otherwise a 409
 * conflict), and the sum must fit the allowance as it stands now.
 */
export async function savePlan(db: Kysely<DB>, caller: Caller, grantId: string, input: { basedOnVersion: number; lines: PlanLineInput[] }) {
  const organisationId = organisationOf(caller, "edit:plan");
  const actorId = caller.userId;
  if (input.lines.length > MAX_PLAN_LINES) throw new DomainError("grants.errors.tooManyLines", undefined, { max: MAX_PLAN_LINES });
  return asCaller(db, caller, async (trx) => {
    const grant = await trx
      .selectFrom("grant")
      .select(["id", "foundation_id", "grant_line_id", "proposed_budget_cents", "awarded_cents", "plan_version"])
      .where("organisation_id", "=", organisationId)
      .where("id", "=", grantId)
      .forUpdate()
      .executeTakeFirst();
    if (!grant) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    if (grant.plan_version !== input.basedOnVersion) throw new DomainError("grants.errors.planStale", undefined, undefined, 409);
    const line = await trx.selectFrom("grant_line").select(["kind", "allowance_bps"]).where("id", "=", grant.grant_line_id).executeTakeFirstOrThrow();
    const allowance = allowanceCents({
      kind: line.kind,
      allowanceBps: line.allowance_bps,
      proposedBudgetCents: grant.proposed_budget_cents,
      awardedCents: grant.awarded_cents,
    });
    const practiceIds = [...new Set(input.lines.map((l) => l.practiceId).filter((id): id is string => Boolean(id)))];
    if (practiceIds.length) {
      // Only practices the library suggests; a contraindicated one is never part of a plan.
      const known = await trx.selectFrom("practice").select("id").where("id", "in", practiceIds).where("tier", "<>", "contraindicated").execute();
      if (known.length !== practiceIds.length) throw new DomainError("grants.errors.practice", undefined, undefined, 400);
    }
    const total = input.lines.reduce((sum, l) => sum + l.amountCents, 0);
    if (total > allowance) {
      throw new DomainError("grants.errors.overAllowance", undefined, { amount: money(total - allowance), allowance: money(allowance) }, 409);
    }
    const before = await planOf(trx, grant.id);
    await trx.deleteFrom("plan_line").where("grant_id", "=", grant.id).execute();
    if (input.lines.length > 0) {
      await trx
        .insertInto("plan_line")
        .values(
          input.lines.map((l, position) => ({
            grant_id: grant.id,
            position,
            pillar: l.pillar,
            purpose: l.purpose,
            description: l.description,
            amount_cents: l.amountCents,
            practice_id: l.practiceId ?? null,
          })),
        )
        .execute();
    }
    const version = grant.plan_version + 1;
    await trx.updateTable("grant").set({ plan_version: version }).where("id", "=", grant.id).execute();
    await recordAudit(trx, {
      actorUserId: actorId,
      foundationId: grant.foundation_id,
      organisationId,
      action: "plan.saved",
      objectType: "grant",
      objectId: grant.id,
      before: { plan_version: grant.plan_version, lines: before.map(planSnapshot) },
      after: {
        plan_version: version,
        lines: input.lines.map((l) => planSnapshot({ ...l, amount_cents: l.amountCents, practice_id: l.practiceId ?? null })),
      },
    });
    return { planVersion: version, totalCents: total, allowanceCents: allowance };
  });
}

function planSnapshot(l: { pillar: string; purpose: string | null; description: string; amount_cents: number; practice_id: string | null }) {
  return { pillar: l.pillar, purpose: l.purpose, description: l.description, amount_cents: l.amount_cents, practice_id: l.practice_id };
}

// ——— The learning conversation ———

/** The conversation of a grant, for functions that have found the grant through the caller's side. */
function commentsOf(db: Kysely<DB>, grantId: string) {
  return db
    .selectFrom("grant_comment as c")
    .leftJoin("app_user as u", "u.id", "c.author_user_id")
    .select(["c.id", "c.side", "c.body", "c.created_at", "u.name as author_name"])
    .where("c.grant_id", "=", grantId)
    .orderBy("c.created_at")
    .orderBy("c.id")
    .execute();
}

/** A grant's conversation as the caller's side sees it; undefined when the grant is not theirs. */
export async function listComments(db: Kysely<DB>, caller: Caller, grantId: string) {
  const side = tenantOf(caller, "read:grant");
  return asCaller(db, caller, async (trx) => {
    const grant = await grantOf(trx, side, grantId);
    return grant ? commentsOf(trx, grant.id) : undefined;
  });
}

/** A comment from the caller's side of a grant (404 when the grant is not theirs). */
export async function addComment(db: Kysely<DB>, caller: Caller, grantId: string, input: { body: string; now?: Date }) {
  const side = tenantOf(caller, "comment:grant");
  return asCaller(db, caller, async (trx) => {
    const grant = await grantOf(trx, side, grantId);
    if (!grant) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    await trx
      .insertInto("grant_comment")
      .values({
        grant_id: grant.id,
        author_user_id: caller.userId,
        side: "foundationId" in side ? "foundation" : "organisation",
        body: input.body,
        created_at: input.now ?? new Date(),
      })
      .execute();
  });
}

/**
 * What a grant page shows, from the caller's side: the grant, its plan, the conversation, and what
 * the caller may do there. Undefined for anyone else.
 */
export async function grantPageData(db: Kysely<DB>, caller: Caller, grantId: string) {
  const side = tenantOf(caller, "read:grant");
  return asCaller(db, caller, async (trx) => {
    const grant = await grantOf(trx, side, grantId);
    if (!grant) return undefined;
    const [plan, comments] = await Promise.all([planOf(trx, grant.id), commentsOf(trx, grant.id)]);
    const m = caller.membership;
    const may = {
      editGrant: m.kind === "foundation" && can(m, "manage:grant"),
      editPlan: m.kind === "organisation" && can(m, "edit:plan"),
      comment: can(m, "comment:grant"),
    };
    return { grant, plan, comments, may };
  });
}
