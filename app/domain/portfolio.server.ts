import { sql, type Kysely } from "kysely";
import { LRUCache } from "lru-cache";
import type { DB } from "#db/schema";
import type { PortfolioFilters, SortKey } from "~/utils/portfolio-query";
import { centsToDecimalString } from "~/utils/format";
import { toCsv } from "~/utils/csv.server";
import { t, translateKey } from "~/i18n";
import { allowanceSql, plannedSql } from "./grants.server";
import { PORTFOLIO_PAGE_SIZE } from "~/utils/portfolio-query";
import { PILLARS, PURPOSES, type Pillar, type Purpose } from "./vocabulary";
import { containsPattern } from "./text-search";
import { can, foundationOf, rolesWith, type Caller } from "./permissions.server";
import { asCaller } from "./tenant-scope.server";

/**
 * The portfolio: grants and grant lines with money totals. It reads grant lines, grants,
 * plan lines, organisations, foundations and users, and nothing else: continuum
 * (self-assessment) data never reaches it (tests/integration/portfolio-tables.test.ts).
 * Totals and spreads are computed in SQL; see docs/decisions/0012-portfolio-queries.md.
 * Every function serves the caller's own foundation, to those who may read its portfolio.
 */

export { PORTFOLIO_PAGE_SIZE, SORT_KEYS, parsePortfolioQuery, type PortfolioFilters, type SortKey } from "~/utils/portfolio-query";

/** Grants of one foundation that match the filters, joined to their line and organisation. */
function filteredGrants(db: Kysely<DB>, foundationId: string, f: PortfolioFilters) {
  let q = db
    .selectFrom("grant as g")
    .innerJoin("grant_line as gl", "gl.id", "g.grant_line_id")
    .innerJoin("organisation as o", "o.id", "g.organisation_id")
    .where("g.foundation_id", "=", foundationId)
    .where("gl.foundation_id", "=", foundationId);
  if (f.line) q = q.where("g.grant_line_id", "=", f.line);
  if (f.year) q = q.where("gl.fiscal_year", "=", f.year);
  if (f.status) q = q.where("g.status", "=", f.status);
  if (f.officer) q = q.where("g.officer_user_id", "=", f.officer);
  if (f.organisation) q = q.where(sql<boolean>`o.name ilike ${containsPattern(f.organisation)}`);
  return q;
}

type Filtered = ReturnType<typeof filteredGrants>;

function withRowColumns(q: Filtered) {
  return q
    .leftJoin("app_user as u", "u.id", "g.officer_user_id")
    .select([
      "g.id",
      "g.title",
      "g.status",
      "g.organisation_id",
      "g.proposed_budget_cents",
      "g.awarded_cents",
      sql<string | null>`g.starts_on::text`.as("starts_on"),
      sql<string | null>`g.ends_on::text`.as("ends_on"),
      "gl.id as line_id",
      "gl.name as line_name",
      "gl.fiscal_year",
      "gl.kind",
      "gl.allowance_bps",
      "o.name as organisation_name",
      "u.name as officer_name",
      allowanceSql.as("allowance_cents"),
      plannedSql.as("planned_cents"),
    ]);
}

// Output aliases cannot appear inside ORDER BY expressions, so computed columns repeat their SQL.
const SORT_SQL: Record<SortKey, ReturnType<typeof sql>> = {
  title: sql.raw("g.title"),
  organisation: sql.raw("o.name"),
  line: sql.raw("gl.name"),
  year: sql.raw("gl.fiscal_year"),
  status: sql.raw("g.status"),
  officer: sql.raw("u.name"),
  proposed: sql.raw("g.proposed_budget_cents"),
  awarded: sql.raw("coalesce(g.awarded_cents, -1)"),
  allowance: allowanceSql,
  planned: plannedSql,
  unplanned: sql`(${allowanceSql} - ${plannedSql})`,
};

function sorted(q: ReturnType<typeof withRowColumns>, f: PortfolioFilters) {
  const dir = sql.raw(f.dir === "desc" ? "desc" : "asc");
  return q.orderBy(sql`${SORT_SQL[f.sort]} ${dir} nulls last`).orderBy("g.id");
}

/**
 * One page of rows. With `count` (the page view passes its totals' grant count, same filters) no count
 * query runs: the requested page is read side by side with it, and read again only when past the end.
 */
export async function portfolioRows(db: Kysely<DB>, caller: Caller, f: PortfolioFilters, count?: Promise<number>) {
  const foundationId = foundationOf(caller, "read:portfolio");
  const fetchPage = (page: number) =>
    asCaller(db, caller, (trx) =>
      sorted(withRowColumns(filteredGrants(trx, foundationId, f)), f)
        .limit(PORTFOLIO_PAGE_SIZE)
        .offset((page - 1) * PORTFOLIO_PAGE_SIZE)
        .execute(),
    );
  if (count) {
    const [n, rows] = await Promise.all([count, fetchPage(f.page)]);
    const pages = Math.max(1, Math.ceil(n / PORTFOLIO_PAGE_SIZE));
    const page = Math.min(f.page, pages);
    return { rows: page === f.page ? rows : await fetchPage(page), count: n, page, pages };
  }
  const total = await asCaller(db, caller, (trx) =>
    filteredGrants(trx, foundationId, f)
      .select(sql<number>`count(*)::int`.as("count"))
      .executeTakeFirstOrThrow(),
  );
  const pages = Math.max(1, Math.ceil(total.count / PORTFOLIO_PAGE_SIZE));
  const page = Math.min(f.page, pages);
  return { rows: await fetchPage(page), count: total.count, page, pages };
}

export type PortfolioRow = Awaited<ReturnType<typeof portfolioRows>>["rows"][number];

export interface PortfolioTotals {
  grants: number;
  proposedCents: number;
  awardedCents: number;
  allowanceCents: number;
  plannedCents: number;
  unplannedCents: number;
}

export async function portfolioTotals(db: Kysely<DB>, caller: Caller, f: PortfolioFilters): Promise<PortfolioTotals> {
  const foundationId = foundationOf(caller, "read:portfolio");
  const row = await asCaller(db, caller, (trx) =>
    filteredGrants(trx, foundationId, f)
      .select([
        sql<number>`count(*)::int`.as("grants"),
        sql<number>`coalesce(sum(g.proposed_budget_cents), 0)::bigint`.as("proposed"),
        sql<number>`coalesce(sum(g.awarded_cents), 0)::bigint`.as("awarded"),
        sql<number>`coalesce(sum(${allowanceSql}), 0)::bigint`.as("allowance"),
        sql<number>`coalesce(sum(${plannedSql}), 0)::bigint`.as("planned"),
      ])
      .executeTakeFirstOrThrow(),
  );
  return {
    grants: row.grants,
    proposedCents: row.proposed,
    awardedCents: row.awarded,
    allowanceCents: row.allowance,
    plannedCents: row.planned,
    unplannedCents: row.allowance - row.planned,
  };
}

export interface Spread {
  byPillar: { pillar: Pillar; cents: number }[];
  byPurpose: { purpose: Purpose | null; cents: number }[];
}

/** Planned money by pillar and by purpose over the filtered grants; every pillar and purpose appears, zero or not. */
export async function portfolioSpread(db: Kysely<DB>, caller: Caller, f: PortfolioFilters): Promise<Spread> {
  const foundationId = foundationOf(caller, "read:portfolio");
  // One pass over the plan lines of the filtered grants, by pillar and purpose together; folded here.
  const cells = await asCaller(db, caller, (trx) =>
    filteredGrants(trx, foundationId, f)
      .innerJoin("plan_line as pl", "pl.grant_id", "g.id")
      .select(["pl.pillar", "pl.purpose", sql<number>`sum(pl.amount_cents)::bigint`.as("cents")])
      .groupBy(["pl.pillar", "pl.purpose"])
      .execute(),
  );
  const sum = (keep: (c: (typeof cells)[number]) => boolean) => cells.filter(keep).reduce((n, c) => n + c.cents, 0);
  const byPillar = PILLARS.map((pillar) => ({ pillar, cents: sum((c) => c.pillar === pillar) }));
  const byPurpose: Spread["byPurpose"] = PURPOSES.map((purpose) => ({ purpose, cents: sum((c) => c.purpose === purpose) }));
  const unstated = sum((c) => c.purpose === null);
  if (unstated > 0) byPurpose.push({ purpose: null, cents: unstated });
  return { byPillar, byPurpose };
}

/** Every grant line (within the year and line filters) with its totals, lines without grants included. */
export async function portfolioLines(db: Kysely<DB>, caller: Caller, f: PortfolioFilters) {
  const foundationId = foundationOf(caller, "read:portfolio");
  return asCaller(db, caller, (trx) => linesOf(trx, foundationId, f));
}

function linesOf(db: Kysely<DB>, foundationId: string, f: PortfolioFilters) {
  let q = db
    .selectFrom("grant_line as gl")
    .leftJoin("grant as g", (join) => join.onRef("g.grant_line_id", "=", "gl.id").on("g.foundation_id", "=", foundationId))
    .select([
      "gl.id",
      "gl.name",
      "gl.fiscal_year",
      "gl.kind",
      "gl.allowance_bps",
      sql<number>`count(g.id)::int`.as("grants"),
      sql<number>`coalesce(sum(g.proposed_budget_cents), 0)::bigint`.as("proposed_cents"),
      sql<number>`coalesce(sum(g.awarded_cents), 0)::bigint`.as("awarded_cents"),
      sql<number>`coalesce(sum(case when g.id is null then 0 else ${allowanceSql} end), 0)::bigint`.as("allowance_cents"),
      sql<number>`coalesce(sum(case when g.id is null then 0 else ${plannedSql} end), 0)::bigint`.as("planned_cents"),
    ])
    .where("gl.foundation_id", "=", foundationId)
    .groupBy("gl.id")
    .orderBy("gl.fiscal_year", "desc")
    .orderBy("gl.name")
    .orderBy("gl.id");
  if (f.line) q = q.where("gl.id", "=", f.line);
  if (f.year) q = q.where("gl.fiscal_year", "=", f.year);
  return q.execute();
}

/** What the filter controls offer: the foundation's lines, years and officers. */
export async function portfolioFilterOptions(db: Kysely<DB>, caller: Caller) {
  const foundationId = foundationOf(caller, "read:portfolio");
  const [lines, officers] = await asCaller(db, caller, (trx) =>
    Promise.all([
      trx
        .selectFrom("grant_line")
        .select(["id", "name", "fiscal_year"])
        .where("foundation_id", "=", foundationId)
        .orderBy("fiscal_year", "desc")
        .orderBy("name")
        .execute(),
      trx
        .selectFrom("membership")
        .innerJoin("app_user", "app_user.id", "membership.user_id")
        .select(["app_user.id", "app_user.name"])
        .where("membership.foundation_id", "=", foundationId)
        .where("membership.role", "in", rolesWith("foundation", "hold:grant"))
        .orderBy("app_user.name")
        .execute(),
    ]),
  );
  const years = [...new Set(lines.map((l) => l.fiscal_year))].sort((a, b) => b - a);
  return { lines, officers, years };
}

/**
 * Everything the portfolio page shows, for the caller's foundation and one query string, computed afresh.
 * Each part runs in a transaction of its own, so on PostgreSQL they run side by side on the pool.
 */
export async function portfolioPageData(db: Kysely<DB>, caller: Caller, f: PortfolioFilters) {
  foundationOf(caller, "read:portfolio");
  const totalsQuery = portfolioTotals(db, caller, f);
  const [page, totals, spread, lines, options] = await Promise.all([
    portfolioRows(
      db,
      caller,
      f,
      totalsQuery.then((t) => t.grants),
    ),
    totalsQuery,
    portfolioSpread(db, caller, f),
    portfolioLines(db, caller, f),
    portfolioFilterOptions(db, caller),
  ]);
  return { ...page, totals, spread, lines, options };
}

export type PortfolioPageData = Awaited<ReturnType<typeof portfolioPageData>>;

/** The foundation's portfolio version (migration 0062): it moves on the commit of anything the page shows. */
export async function portfolioVersion(db: Kysely<DB>, caller: Caller): Promise<number> {
  const foundationId = foundationOf(caller, "read:portfolio");
  const row = await asCaller(db, caller, (trx) =>
    trx.selectFrom("portfolio_version").select("version").where("foundation_id", "=", foundationId).executeTakeFirst(),
  );
  return row?.version ?? 0;
}

/** Pages kept per database handle: different databases (tests run several in one process) never share one. */
export const PORTFOLIO_PAGES_KEPT = 500;
const pageCaches = new WeakMap<Kysely<DB>, LRUCache<string, Promise<PortfolioPageData>>>();

/** How often the portfolio page was served from the cache, per database handle (tests and benchmarks read it). */
export const portfolioCacheStats = new WeakMap<Kysely<DB>, { hits: number; misses: number }>();

/**
 * The portfolio page, computed once per portfolio version and query (docs/decisions/0062-portfolio-version.md).
 * The version is read first and the page after it, so a kept page is never older than its version; requests
 * for the same page at once share one computation.
 */
export async function portfolioPage(db: Kysely<DB>, caller: Caller, f: PortfolioFilters): Promise<PortfolioPageData> {
  const foundationId = foundationOf(caller, "read:portfolio");
  const version = await portfolioVersion(db, caller);
  let cache = pageCaches.get(db);
  if (!cache) {
    cache = new LRUCache({ max: PORTFOLIO_PAGES_KEPT });
    pageCaches.set(db, cache);
  }
  let stats = portfolioCacheStats.get(db);
  if (!stats) portfolioCacheStats.set(db, (stats = { hits: 0, misses: 0 }));
  const key = `${foundationId} ${version} ${JSON.stringify(f)}`;
  const kept = cache.get(key);
  if (kept) {
    stats.hits++;
    return kept;
  }
  stats.misses++;
  const computing = portfolioPageData(db, caller, f);
  cache.set(key, computing);
  // A failed computation is not kept: the next request tries again.
  computing.catch(() => cache.delete(key));
  return computing;
}

const amount = (cents: number | null) => (cents === null ? "" : centsToDecimalString(cents));

/** /portfolio.csv: the same rows as the page (every page of them), same filters and order. */
export async function portfolioCsv(db: Kysely<DB>, caller: Caller, f: PortfolioFilters): Promise<string> {
  const foundationId = foundationOf(caller, "read:portfolio");
  const rows = await asCaller(db, caller, (trx) => sorted(withRowColumns(filteredGrants(trx, foundationId, f)), f).execute());
  const c = (key: string) => translateKey(t, `grants.csv.${key}`);
  return toCsv(
    [
      "grant_id",
      "title",
      "organisation",
      "grant_line",
      "fiscal_year",
      "kind",
      "allowance_percent",
      "status",
      "officer",
      "starts_on",
      "ends_on",
      "proposed",
      "awarded",
      "sts_allowance",
      "planned",
      "unplanned",
    ].map(c),
    rows.map((r) => [
      r.id,
      r.title,
      r.organisation_name,
      r.line_name,
      r.fiscal_year,
      String(t(`grants.kind.${r.kind}`)),
      r.allowance_bps === null ? "" : (r.allowance_bps / 100).toFixed(2),
      String(t(`grants.status.${r.status}`)),
      r.officer_name ?? "",
      r.starts_on ?? "",
      r.ends_on ?? "",
      amount(r.proposed_budget_cents),
      amount(r.awarded_cents),
      amount(r.allowance_cents),
      amount(r.planned_cents),
      amount(r.allowance_cents - r.planned_cents),
    ]),
  );
}

/** /portfolio/plan-lines.csv: the plan lines of the same grants, in the same order. */
export async function planLinesCsv(db: Kysely<DB>, caller: Caller, f: PortfolioFilters): Promise<string> {
  const foundationId = foundationOf(caller, "read:portfolio");
  const { grants, lines } = await asCaller(db, caller, async (trx) => {
    const grants = await sorted(withRowColumns(filteredGrants(trx, foundationId, f)), f).execute();
    const lines =
      grants.length === 0
        ? []
        : await trx
            .selectFrom("plan_line as pl")
            .innerJoin("grant as g", "g.id", "pl.grant_id")
            .select(["pl.grant_id", "pl.position", "pl.pillar", "pl.purpose", "pl.description", "pl.amount_cents"])
            .where("g.foundation_id", "=", foundationId)
            .where("pl.grant_id", "in", filteredGrants(trx, foundationId, f).select("g.id"))
            .execute();
    return { grants, lines };
  });
  const order = new Map(grants.map((g, i) => [g.id, i]));
  lines.sort((a, b) => order.get(a.grant_id)! - order.get(b.grant_id)! || a.position - b.position);
  const byId = new Map(grants.map((g) => [g.id, g]));
  const c = (key: string) => translateKey(t, `grants.csv.${key}`);
  return toCsv(
    ["grant_id", "title", "organisation", "grant_line", "fiscal_year", "pillar", "purpose", "description", "amount"].map(c),
    lines.map((l) => {
      const g = byId.get(l.grant_id)!;
      return [
        g.id,
        g.title,
        g.organisation_name,
        g.line_name,
        g.fiscal_year,
        String(t(`vocabulary.pillar.${l.pillar as Pillar}`)),
        l.purpose ? String(t(`vocabulary.purpose.${l.purpose as Purpose}`)) : "",
        l.description,
        amount(l.amount_cents),
      ];
    }),
  );
}

/**
 * What the caller's foundation's portfolio plans to spend on one practice, and across how many grants.
 * The practice page is open to everyone who reads the library; only those who may read the portfolio
 * learn this, and for anyone else (an organisation, foundation staff, no tenant) it is null.
 */
export async function plannedForPractice(db: Kysely<DB>, caller: Caller | null, practiceId: string) {
  if (!caller || caller.membership.kind !== "foundation" || !can(caller.membership, "read:portfolio")) return null;
  const foundationId = foundationOf(caller, "read:portfolio");
  const row = await asCaller(db, caller, (trx) =>
    trx
      .selectFrom("plan_line as pl")
      .innerJoin("grant as g", "g.id", "pl.grant_id")
      .select([sql<number>`coalesce(sum(pl.amount_cents), 0)::bigint`.as("cents"), sql<number>`count(distinct g.id)::int`.as("grants")])
      .where("g.foundation_id", "=", foundationId)
      .where("pl.practice_id", "=", practiceId)
      .executeTakeFirstOrThrow(),
  );
  return { cents: row.cents, grants: row.grants };
}
