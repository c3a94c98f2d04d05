import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { getPractice } from "~/domain/practices.server";
import { plannedForPractice } from "~/domain/portfolio.server";
import { actingCaller, requireViewer } from "~/utils/auth.server";
import { isPracticeId } from "~/utils/ids";
import { formatMoney } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { PracticeTags, TierBadge } from "~/components/practices";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.practice.name ?? ""} · ${t("app.name")}` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const practice = isPracticeId(params.practiceId) ? await getPractice(context.db, params.practiceId) : undefined;
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
      <PracticeTags level={practice.level} pillars={practice.pillars} />
      <p className="muted">{t("learning.library.citation", { citation: practice.citation })}</p>
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
