import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { listOrganisationGrants } from "~/domain/grants.server";
import { can } from "~/domain/permissions.server";
import { requireOrganisationCaller } from "~/utils/auth.server";
import { formatMoney } from "~/utils/format";
import { BriefDownload } from "~/components/brief-download";

export const meta: MetaFunction = () => [{ title: `${t("grants.organisation.title")} · ${t("app.name")}` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, caller, organisationId } = await requireOrganisationCaller(request, context, params.organisationId, "read:organisation-grants");
  const grants = await listOrganisationGrants(context.db, caller);
  const locale = viewer.user.locale;
  return {
    organisationId,
    canDownloadBrief: can(caller.membership, "read:organisation-brief"),
    grants: grants.map((g) => ({
      id: g.id,
      title: g.title,
      foundation: g.foundation_name,
      line: `${g.line_name} (${g.fiscal_year})`,
      kind: g.kind,
      status: g.status,
      allowance: formatMoney(g.allowance_cents, locale),
      planned: formatMoney(g.planned_cents, locale),
      remaining: formatMoney(g.allowance_cents - g.planned_cents, locale),
    })),
  };
}

export default function OrganisationGrants() {
  const { t } = useTranslation();
  const { organisationId, grants, canDownloadBrief } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("grants.organisation.title")}</h1>
      <p className="muted">{t("grants.organisation.intro")}</p>
      {canDownloadBrief ? (
        <BriefDownload action={`/organisations/${organisationId}/brief.pdf`} label={t("briefs.organisation.download")}>
          <label className="checkbox-field">
            <input type="checkbox" name="journey" value="1" /> {t("briefs.organisation.includeJourney")}
          </label>
        </BriefDownload>
      ) : null}
      {grants.length === 0 ? (
        <p>{t("grants.organisation.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("grants.organisation.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("grants.grant.title")}</th>
                <th scope="col">{t("grants.grant.foundation")}</th>
                <th scope="col">{t("grants.grant.line")}</th>
                <th scope="col">{t("grants.grant.status")}</th>
                <th scope="col" className="num">
                  {t("grants.grant.allowance")}
                </th>
                <th scope="col" className="num">
                  {t("grants.grant.planned")}
                </th>
                <th scope="col" className="num">
                  {t("grants.grant.remaining")}
                </th>
              </tr>
            </thead>
            <tbody>
              {grants.map((g) => (
                <tr key={g.id}>
                  <td>
                    <Link to={`/organisations/${organisationId}/grants/${g.id}`}>{g.title}</Link>
                  </td>
                  <td>{g.foundation}</td>
                  <td>
                    {g.line}
                    <br />
                    <span className="muted">{t(`grants.kind.${g.kind}`)}</span>
                  </td>
                  <td>{t(`grants.status.${g.status}`)}</td>
                  <td className="num">{g.allowance}</td>
                  <td className="num">{g.planned}</td>
                  <td className="num">{g.remaining}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
