import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { t as translate, translateKey } from "~/i18n";
import { FIELD_STUDY, STUDY_LIMITS } from "~/domain/evidence";
import { countPracticesByTier } from "~/domain/practices.server";
import { EVIDENCE_TIERS } from "~/domain/vocabulary";
import { requireViewer } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: `${translate("learning.about.title")} · ${translate("app.name")}` }];

/** Where the library's evidence comes from: the study's figures (app/domain/evidence.ts) and what is the product's reading. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireViewer(request, context);
  const review = FIELD_STUDY.review;
  return {
    study: {
      title: FIELD_STUDY.title,
      year: FIELD_STUDY.year,
      managers: FIELD_STUDY.interviews.managers,
      staff: FIELD_STUDY.focusGroups.staff,
      cities: FIELD_STUDY.focusGroups.cities,
      databases: review.databases,
      since: review.publishedSince,
      found: review.found,
      reviewed: review.reviewed,
    },
    byTier: EVIDENCE_TIERS.map((tier) => ({ tier, studies: review.byTier[tier] })),
    methods: review.methods.map((m) => ({ ...m })),
    practices: await countPracticesByTier(context.db),
  };
}

export default function AboutTheEvidence() {
  const { t } = useTranslation();
  const { study, byTier, methods, practices } = useLoaderData<typeof loader>();
  const list = new Intl.ListFormat("en", { type: "conjunction" }).format(study.databases);
  return (
    <section className="narrow">
      <p>
        <Link to="/practices">{t("learning.library.back")}</Link>
      </p>
      <h1>{t("learning.about.title")}</h1>
      <p>{t("learning.about.intro", { title: study.title, year: study.year, managers: study.managers, staff: study.staff, cities: study.cities })}</p>

      <h2>{t("learning.about.reviewTitle")}</h2>
      <p>{t("learning.about.review", { databases: list, since: study.since, found: study.found, reviewed: study.reviewed })}</p>
      <table data-testid="about-tiers">
        <thead>
          <tr>
            <th scope="col">{t("learning.about.tier")}</th>
            <th scope="col">{t("learning.about.studies")}</th>
          </tr>
        </thead>
        <tbody>
          {byTier.map((row) => (
            <tr key={row.tier}>
              <th scope="row">{t(`learning.library.tierLabel.${row.tier}`)}</th>
              <td>{row.studies}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("learning.about.total")}</th>
            <td>{study.reviewed}</td>
          </tr>
        </tfoot>
      </table>

      <h2>{t("learning.about.tiersTitle")}</h2>
      <p>{t("learning.about.tiers")}</p>
      <dl>
        {byTier.map((row) => (
          <div key={row.tier}>
            <dt>{t(`learning.library.tierLabel.${row.tier}`)}</dt>
            <dd>{t(`learning.about.tierMeaning.${row.tier}`)}</dd>
          </div>
        ))}
      </dl>
      {/* Five columns do not fit a phone: the table scrolls within its own region, the page does not. */}
      <div className="max-w-full overflow-x-auto" role="region" aria-label={t("learning.about.methodsCaption")} tabIndex={0}>
        <table>
          <caption>{t("learning.about.methodsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("learning.about.design")}</th>
              {byTier.map((row) => (
                <th key={row.tier} scope="col">
                  {t(`learning.library.tierLabel.${row.tier}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {methods.map((m) => (
              <tr key={m.method}>
                <th scope="row">{translateKey(t, `learning.about.method.${m.method}`)}</th>
                {byTier.map((row) => (
                  <td key={row.tier} className="text-right tabular-nums">
                    {m[row.tier]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("learning.about.limitsTitle")}</h2>
      <ul>
        {STUDY_LIMITS.map((limit) => (
          <li key={limit}>{t(`learning.about.limit.${limit}`)}</li>
        ))}
      </ul>

      <h2>{t("learning.about.oursTitle")}</h2>
      <p>{t("learning.about.pillars")}</p>
      <p>{t("learning.about.level")}</p>
      <p>{t("learning.about.words")}</p>

      <h2>{t("learning.about.libraryTitle")}</h2>
      <ul data-testid="about-library">
        {byTier.map((row) => (
          <li key={row.tier}>
            {t(`learning.library.tierLabel.${row.tier}`)}: {t("learning.about.library", { count: practices[row.tier] })}
          </li>
        ))}
      </ul>
      <p className="muted">{t("learning.about.libraryNote")}</p>
    </section>
  );
}
