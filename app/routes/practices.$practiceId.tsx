import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { t, translateKey } from "~/i18n";
import { getPracticeEvidence } from "~/domain/practices.server";
import { FIELD_STUDY } from "~/domain/evidence";
import { plannedForPractice } from "~/domain/portfolio.server";
import { actingCaller, requireViewer } from "~/utils/auth.server";
import { isPracticeId } from "~/utils/ids";
import { formatMoney } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { PracticeTags, TierBadge } from "~/components/practices";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.practice.name ?? ""} · ${t("app.name")}` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const practice = isPracticeId(params.practiceId) ? await getPracticeEvidence(context.db, params.practiceId) : undefined;
  if (!practice) notFound();
  // Only those who may read their foundation's portfolio see what it plans for the practice; for anyone else the domain answers null.
  const planned = await plannedForPractice(context.db, actingCaller(viewer), practice.id);
  return {
    practice,
    planned: planned ? { amount: formatMoney(planned.cents, viewer.user.locale), grants: planned.grants, foundation: viewer.acting!.tenantName } : null,
  };
}

export default function Practice() {
  const { t } = useTranslation();
  const { practice, planned } = useLoaderData<typeof loader>();
  return (
    <section className="narrow">
      <p>
        <Link to="/practices">{t("learning.library.back")}</Link>
      </p>
      <h1>{practice.name}</h1>
      <TierBadge tier={practice.tier} />
      {practice.tier === "contraindicated" ? (
        <div className="notice notice-warning" role="note">
          <strong>{t("learning.library.contraindicatedWarning")}</strong>
        </div>
      ) : null}
      <p>{practice.summary}</p>
      <PracticeTags level={practice.level} pillars={practice.pillars} reading={{ level: practice.level_is_reading, pillars: practice.pillars_are_reading }} />
      <section aria-labelledby="finding-title">
        <h2 id="finding-title">{t("learning.library.finding")}</h2>
        <p data-testid="practice-finding">{practice.finding}</p>
        {practice.tier_note ? (
          <p data-testid="practice-tier-note">
            <strong>{t("learning.library.tierNote")}:</strong> {practice.tier_note}
          </p>
        ) : null}
        <h3>{t("learning.library.sources")}</h3>
        <ul data-testid="practice-sources">
          {practice.citations.map((c, i) => (
            <li key={i}>
              {c.kind === "study" ? `${t("learning.library.theStudy")}: ${FIELD_STUDY.title} (${FIELD_STUDY.year})` : `${c.authors}, ${c.year}`}
              {c.source_tier
                ? ` (${t("learning.library.sourceTier", { tier: translateKey(t, `learning.library.tierLabel.${c.source_tier}`).toLowerCase() })})`
                : null}
              {c.note ? <span className="muted"> · {c.note}</span> : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="reading-title">
        <h2 id="reading-title">{t("learning.library.readingTitle")}</h2>
        <ul data-testid="practice-reading">
          {practice.pillars_are_reading ? <li>{t("learning.library.pillarsAreReading")}</li> : null}
          <li>{practice.level_is_reading ? t("learning.library.levelIsReading") : t("learning.library.levelIsStudy")}</li>
        </ul>
        <p className="muted">
          {t("learning.library.fromStudy", { title: FIELD_STUDY.title, year: FIELD_STUDY.year })} <Link to="/practices/about">{t("learning.about.title")}</Link>
        </p>
      </section>
      {planned ? (
        <section aria-labelledby="planned-title" className="card">
          <h2 id="planned-title">{t("learning.library.plannedTitle", { foundation: planned.foundation })}</h2>
          <p data-testid="practice-planned">
            {planned.grants ? t("learning.library.planned", { amount: planned.amount, count: planned.grants }) : t("learning.library.plannedNone")}
          </p>
        </section>
      ) : null}
    </section>
  );
}
