import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pageParam } from "~/utils/outbox-listing.server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { listPractices, listVisibleResources } from "~/domain/practices.server";
import { EVIDENCE_TIERS, PILLARS, PRACTICE_LEVELS, type EvidenceTier, type Pillar, type PracticeLevel } from "~/domain/vocabulary";
import { actingCaller, requireViewer } from "~/utils/auth.server";
import { Pagination } from "~/components/pagination";
import { PracticeTags, TierBadge } from "~/components/practices";
import { keptDocument } from "~/utils/kept-document";

export const handle = keptDocument;

export const meta: MetaFunction = () => [{ title: `${t("learning.library.title")} · ${t("app.name")}` }];

const PAGE_SIZE = 20;
const pick = <T extends string>(values: readonly T[], v: string | null): T | undefined => (values.includes(v as T) ? (v as T) : undefined);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const caller = actingCaller(viewer);
  const url = new URL(request.url);
  const filter = {
    tier: pick<EvidenceTier>(EVIDENCE_TIERS, url.searchParams.get("tier")),
    pillar: pick<Pillar>(PILLARS, url.searchParams.get("pillar")),
    level: pick<PracticeLevel>(PRACTICE_LEVELS, url.searchParams.get("level")),
    q: (url.searchParams.get("q") ?? "").slice(0, 100),
  };
  const page = pageParam(url);
  const [practices, resources] = await Promise.all([
    listPractices(context.db, filter, page, PAGE_SIZE),
    filter.tier || !caller ? Promise.resolve([]) : listVisibleResources(context.db, caller, filter),
  ]);
  return {
    filter,
    practices: practices.rows,
    total: practices.total,
    page,
    pages: Math.max(1, Math.ceil(practices.total / PAGE_SIZE)),
    resources,
  };
}

export default function PracticesLibrary() {
  const { t } = useTranslation();
  const { filter, practices, total, page, pages, resources } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("learning.library.title")}</h1>
      <p className="muted">{t("learning.library.intro")}</p>
      <p>
        <Link to="/practices/about">{t("learning.library.aboutLink")}</Link>
      </p>
      <Form method="get" className="card filters" aria-label={t("learning.library.filters")}>
        <div className="field">
          <label htmlFor="q">{t("learning.library.search")}</label>
          <p className="hint" id="q-hint">
            {t("learning.library.searchHint")}
          </p>
          <input id="q" name="q" type="search" defaultValue={filter.q} aria-describedby="q-hint" />
        </div>
        <div className="field">
          <label htmlFor="tier">{t("learning.library.tier")}</label>
          <select id="tier" name="tier" defaultValue={filter.tier ?? ""}>
            <option value="">{t("learning.library.any")}</option>
            {EVIDENCE_TIERS.map((v) => (
              <option key={v} value={v}>
                {t(`learning.library.tierLabel.${v}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pillar">{t("learning.library.pillar")}</label>
          <select id="pillar" name="pillar" defaultValue={filter.pillar ?? ""}>
            <option value="">{t("learning.library.any")}</option>
            {PILLARS.map((v) => (
              <option key={v} value={v}>
                {t(`vocabulary.pillar.${v}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="level">{t("learning.library.level")}</label>
          <select id="level" name="level" defaultValue={filter.level ?? ""}>
            <option value="">{t("learning.library.any")}</option>
            {PRACTICE_LEVELS.map((v) => (
              <option key={v} value={v}>
                {t(`learning.library.levelLabel.${v}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("learning.library.apply")}</button> <Link to="/practices">{t("learning.library.clear")}</Link>
      </Form>
      <p role="status">{t("learning.library.results", { count: total })}</p>
      {practices.length === 0 ? (
        <p>{t("learning.library.empty")}</p>
      ) : (
        <ul className="cards">
          {practices.map((p) => (
            <li key={p.id} className={`card practice tier-${p.tier}`}>
              <h2>
                <Link to={`/practices/${p.id}`}>{p.name}</Link>
              </h2>
              <TierBadge tier={p.tier} />
              <p>{p.summary}</p>
              {p.tier === "contraindicated" ? (
                <p className="notice notice-warning">
                  <strong>{t("learning.library.contraindicatedWarning")}</strong>
                </p>
              ) : null}
              <PracticeTags level={p.level} pillars={p.pillars} reading={{ level: p.level_is_reading, pillars: p.pillars_are_reading }} />
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} />

      <h2>{t("learning.library.foundationResources")}</h2>
      <p className="muted">{t("learning.library.foundationResourcesIntro")}</p>
      {resources.length === 0 ? (
        <p>{t("learning.library.noResources")}</p>
      ) : (
        <ul className="cards">
          {resources.map((r) => (
            <li key={r.id} className="card">
              <h3>
                {r.url ? (
                  <a href={r.url} rel="noopener noreferrer">
                    {r.title}
                  </a>
                ) : (
                  r.title
                )}
              </h3>
              <p className="muted">{t("learning.library.sharedBy", { foundation: r.foundation_name })}</p>
              {r.note ? <p className="prewrap">{r.note}</p> : null}
              <PracticeTags level={r.level} pillars={r.pillars} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
