import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { portfolioPage, type PortfolioPageData } from "~/domain/portfolio.server";
import { parsePortfolioQuery, SORT_KEYS, unknownSort, type SortKey } from "~/utils/portfolio-query";
import { badRequest } from "~/utils/http.server";
import { requireFoundationCaller } from "~/utils/auth.server";
import { formatMoney } from "~/utils/format";
import { bpsToPercentString } from "~/utils/percent";
import { Pagination } from "~/components/pagination";
import { SpreadChart } from "~/components/grants";
import { keptDocument } from "~/utils/kept-document";

export const handle = keptDocument;

export const meta: MetaFunction = () => [{ title: `${t("grants.portfolio.title")} · ${t("app.name")}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer, caller } = await requireFoundationCaller(request, context, "read:portfolio");
  const url = new URL(request.url);
  const unknown = unknownSort(url.searchParams);
  if (unknown) badRequest(`unknown-sort: ${unknown}`);
  const filters = parsePortfolioQuery(url.searchParams);
  const page = await portfolioPage(context.db, caller, filters);
  return { filters, query: url.searchParams.toString(), ...pageView(page, viewer.user.locale) };
}

/**
 * What the page shows of a portfolio page, formatted for a locale. A kept portfolio page is the same object
 * until its version moves, so its view is formatted once per locale, not on every request.
 */
type View = ReturnType<typeof formatView>;
const views = new WeakMap<PortfolioPageData, Map<string, View>>();

function pageView(page: PortfolioPageData, locale: string) {
  let byLocale = views.get(page);
  if (!byLocale) views.set(page, (byLocale = new Map<string, View>()));
  let view = byLocale.get(locale);
  if (!view) byLocale.set(locale, (view = formatView(page, locale)));
  return view;
}

function formatView(d: PortfolioPageData, locale: string) {
  const m = (cents: number) => formatMoney(cents, locale);
  return {
    locale,
    count: d.count,
    page: d.page,
    pages: d.pages,
    totals: {
      grants: d.totals.grants,
      proposed: m(d.totals.proposedCents),
      awarded: m(d.totals.awardedCents),
      allowance: m(d.totals.allowanceCents),
      planned: m(d.totals.plannedCents),
      unplanned: m(d.totals.unplannedCents),
    },
    spread: d.spread,
    anyPlanned: d.totals.plannedCents > 0,
    lines: d.lines.map((l) => ({
      id: l.id,
      name: l.name,
      fiscalYear: l.fiscal_year,
      kind: l.kind,
      allowance: l.allowance_bps === null ? null : `${bpsToPercentString(l.allowance_bps)}%`,
      grants: l.grants,
      proposed: m(l.proposed_cents),
      awarded: m(l.awarded_cents),
      allowanceCents: m(l.allowance_cents),
      planned: m(l.planned_cents),
    })),
    rows: d.rows.map((r) => ({
      id: r.id,
      title: r.title,
      organisation: r.organisation_name,
      line: r.line_name,
      year: r.fiscal_year,
      status: r.status,
      officer: r.officer_name,
      proposed: m(r.proposed_budget_cents),
      awarded: r.awarded_cents === null ? "—" : m(r.awarded_cents),
      allowance: m(r.allowance_cents),
      planned: m(r.planned_cents),
      unplanned: m(r.allowance_cents - r.planned_cents),
    })),
    options: d.options,
  };
}

/** Filter controls side by side where there is room. */
const GRID = { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(14rem, 1fr))", columnGap: "1rem" } as const;

const COLUMNS: { key: SortKey; num?: boolean }[] = [
  { key: "title" },
  { key: "organisation" },
  { key: "line" },
  { key: "year" },
  { key: "status" },
  { key: "officer" },
  { key: "proposed", num: true },
  { key: "awarded", num: true },
  { key: "allowance", num: true },
  { key: "planned", num: true },
  { key: "unplanned", num: true },
];

export default function Portfolio() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const sortHref = (key: SortKey) => {
    const next = new URLSearchParams(params);
    next.set("sort", key);
    next.set("dir", d.filters.sort === key && d.filters.dir === "asc" ? "desc" : "asc");
    next.delete("page");
    return `?${next.toString()}`;
  };
  const csvQuery = d.query ? `?${d.query}` : "";
  return (
    <section>
      <h1>{t("grants.portfolio.title")}</h1>
      <p className="muted">{t("grants.portfolio.intro")}</p>

      <Form method="get" className="card" aria-labelledby="filters-title">
        <h2 id="filters-title">{t("grants.portfolio.filters")}</h2>
        <div style={GRID}>
          <div className="field">
            <label htmlFor="filter-line">{t("grants.grant.line")}</label>
            <select id="filter-line" name="line" defaultValue={d.filters.line ?? ""}>
              <option value="">{t("grants.portfolio.allLines")}</option>
              {d.options.lines.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name} ({l.fiscal_year})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-year">{t("grants.lines.fiscalYear")}</label>
            <select id="filter-year" name="year" defaultValue={d.filters.year ? String(d.filters.year) : ""}>
              <option value="">{t("grants.portfolio.allYears")}</option>
              {d.options.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-status">{t("grants.grant.status")}</label>
            <select id="filter-status" name="status" defaultValue={d.filters.status ?? ""}>
              <option value="">{t("grants.portfolio.allStatuses")}</option>
              <option value="proposed">{t("grants.status.proposed")}</option>
              <option value="active">{t("grants.status.active")}</option>
              <option value="closed">{t("grants.status.closed")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-officer">{t("grants.grant.officer")}</label>
            <select id="filter-officer" name="officer" defaultValue={d.filters.officer ?? ""}>
              <option value="">{t("grants.portfolio.allOfficers")}</option>
              {d.options.officers.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-organisation">{t("grants.portfolio.organisationName")}</label>
            <input id="filter-organisation" name="organisation" type="search" defaultValue={d.filters.organisation ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="filter-sort">{t("grants.portfolio.sort")}</label>
            <select id="filter-sort" name="sort" defaultValue={d.filters.sort}>
              {SORT_KEYS.map((k) => (
                <option key={k} value={k}>
                  {t(`grants.portfolio.sortKey.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-dir">{t("grants.portfolio.direction")}</label>
            <select id="filter-dir" name="dir" defaultValue={d.filters.dir}>
              <option value="asc">{t("grants.portfolio.ascending")}</option>
              <option value="desc">{t("grants.portfolio.descending")}</option>
            </select>
          </div>
        </div>
        <button type="submit">{t("grants.portfolio.apply")}</button> <Link to="/portfolio">{t("grants.portfolio.clear")}</Link>
      </Form>

      <h2>{t("grants.portfolio.totals")}</h2>
      <dl className="card" data-testid="portfolio-totals">
        <dt>{t("grants.portfolio.grants")}</dt>
        <dd>{d.totals.grants}</dd>
        <dt>{t("grants.portfolio.proposed")}</dt>
        <dd>{d.totals.proposed}</dd>
        <dt>{t("grants.portfolio.awarded")}</dt>
        <dd>{d.totals.awarded}</dd>
        <dt>{t("grants.portfolio.allowance")}</dt>
        <dd>{d.totals.allowance}</dd>
        <dt>{t("grants.portfolio.planned")}</dt>
        <dd>{d.totals.planned}</dd>
        <dt>{t("grants.portfolio.unplanned")}</dt>
        <dd>{d.totals.unplanned}</dd>
      </dl>
      <p>
        <a href={`/portfolio.csv${csvQuery}`} download>
          {t("grants.portfolio.downloadGrants")}
        </a>{" "}
        ·{" "}
        <a href={`/portfolio/plan-lines.csv${csvQuery}`} download>
          {t("grants.portfolio.downloadPlanLines")}
        </a>
      </p>

      <h2>{t("grants.portfolio.spreadTitle")}</h2>
      {d.anyPlanned ? (
        <div className="stack">
          <SpreadChart
            id="spread-pillar"
            title={t("grants.portfolio.byPillar")}
            labelHeader={t("grants.plan.pillar")}
            rows={d.spread.byPillar.map((p) => ({ label: t(`vocabulary.pillar.${p.pillar}`), cents: p.cents }))}
            locale={d.locale}
          />
          <SpreadChart
            id="spread-purpose"
            title={t("grants.portfolio.byPurpose")}
            labelHeader={t("grants.plan.purpose")}
            rows={d.spread.byPurpose.map((p) => ({
              label: p.purpose ? t(`vocabulary.purpose.${p.purpose}`) : t("grants.plan.noPurpose"),
              cents: p.cents,
            }))}
            locale={d.locale}
          />
        </div>
      ) : (
        <p>{t("grants.portfolio.noPlans")}</p>
      )}

      <h2>{t("grants.portfolio.grantsTitle")}</h2>
      {d.count === 0 ? (
        <p>{d.options.lines.length === 0 ? t("grants.portfolio.noGrantsYet") : t("grants.portfolio.empty")}</p>
      ) : (
        <>
          <p className="muted">{t("grants.portfolio.count", { count: d.count })}</p>
          {/* Wide: scrolls sideways on small screens, reachable by keyboard. */}
          <div className="table-wrap" role="region" aria-label={t("grants.portfolio.grantsTitle")} tabIndex={0}>
            <table>
              <caption>{t("grants.portfolio.grantsTitle")}</caption>
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th
                      key={c.key}
                      scope="col"
                      className={c.num ? "num" : undefined}
                      aria-sort={d.filters.sort === c.key ? (d.filters.dir === "asc" ? "ascending" : "descending") : undefined}
                    >
                      <Link to={sortHref(c.key)}>{t(`grants.portfolio.sortKey.${c.key}`)}</Link>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/grants/${r.id}`}>{r.title}</Link>
                    </td>
                    <td>{r.organisation}</td>
                    <td>{r.line}</td>
                    <td>{r.year}</td>
                    <td>{t(`grants.status.${r.status}`)}</td>
                    <td>{r.officer ?? "—"}</td>
                    <td className="num">{r.proposed}</td>
                    <td className="num">{r.awarded}</td>
                    <td className="num">{r.allowance}</td>
                    <td className="num">{r.planned}</td>
                    <td className="num">{r.unplanned}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={d.page} pages={d.pages} />
        </>
      )}

      <h2>{t("grants.portfolio.linesTitle")}</h2>
      {d.lines.length === 0 ? (
        <p>{t("grants.lines.empty")}</p>
      ) : (
        <div className="table-wrap" role="region" aria-label={t("grants.portfolio.linesTitle")} tabIndex={0}>
          <table>
            <caption>{t("grants.portfolio.linesTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("grants.lines.name")}</th>
                <th scope="col">{t("grants.lines.fiscalYear")}</th>
                <th scope="col">{t("grants.lines.kind")}</th>
                <th scope="col" className="num">
                  {t("grants.portfolio.grants")}
                </th>
                <th scope="col" className="num">
                  {t("grants.portfolio.proposed")}
                </th>
                <th scope="col" className="num">
                  {t("grants.portfolio.awarded")}
                </th>
                <th scope="col" className="num">
                  {t("grants.portfolio.allowance")}
                </th>
                <th scope="col" className="num">
                  {t("grants.portfolio.planned")}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.lines.map((l) => (
                <tr key={l.id}>
                  <td>
                    <Link to={`/grant-lines/${l.id}`}>{l.name}</Link>
                  </td>
                  <td>{l.fiscalYear}</td>
                  <td>
                    {t(`grants.kind.${l.kind}`)}
                    {l.allowance ? ` (${l.allowance})` : ""}
                  </td>
                  <td className="num">{l.grants}</td>
                  <td className="num">{l.proposed}</td>
                  <td className="num">{l.awarded}</td>
                  <td className="num">{l.allowanceCents}</td>
                  <td className="num">{l.planned}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
