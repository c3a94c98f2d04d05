import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { DATASETS } from "~/domain/organisation-export.server";
import { requireOrganisationCaller } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: `${t("dataExport.title")} · ${t("app.name")}` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organisationId } = await requireOrganisationCaller(request, context, params.organisationId, "export:organisation-data");
  return { organisationId, datasets: DATASETS };
}

export default function OrganisationData() {
  const { t } = useTranslation();
  const { organisationId, datasets } = useLoaderData<typeof loader>();
  const base = `/organisations/${organisationId}`;
  return (
    <section className="narrow">
      <h1>{t("dataExport.title")}</h1>
      <p>{t("dataExport.intro")}</p>
      <p>
        <a className="button" href={`${base}/data.json`} download>
          {t("dataExport.everythingJson")}
        </a>
      </p>
      <h2>{t("dataExport.csvTitle")}</h2>
      <p className="muted">{t("dataExport.csvIntro")}</p>
      <ul>
        {datasets.map((d) => (
          <li key={d}>
            <a href={`${base}/data.csv?dataset=${d}`} download>
              {t(`dataExport.dataset.${d}`)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
