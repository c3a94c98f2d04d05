import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { getPractice } from "~/domain/practices.server";
import { requireViewer } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { PracticeTags, TierBadge } from "~/components/practices";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.practice.name ?? ""} · ${t("app.name")}` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireViewer(request, context);
  const practice = /^[a-z0-9-]{1,60}$/.test(params.practiceId ?? "") ? await getPractice(context.db, params.practiceId!) : undefined;
  if (!practice) notFound();
  return { practice };
}

export default function Practice() {
  const { t } = useTranslation();
  const { practice } = useLoaderData<typeof loader>();
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
    </section>
  );
}
