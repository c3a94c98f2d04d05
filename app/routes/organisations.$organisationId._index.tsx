import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { foundationReachesOrganisation, getOrganisation, listConnectedFoundations } from "~/domain/organisations.server";
import { getViewer, requireOrganisationRole, requireViewer, ALL_ORGANISATION_ROLES } from "~/utils/auth.server";
import { forbidden, notFound } from "~/utils/http.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.name ?? ""} · ${t("app.name")}` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const organisationId = params.organisationId ?? "";
  if (!/^[0-9a-f-]{36}$/.test(organisationId)) notFound();
  const viewer = (await getViewer(request, context)) ?? (await requireViewer(request, context));
  const isMember = viewer.memberships.some((m) => m.kind === "organisation" && m.tenantId === organisationId);
  if (isMember) {
    await requireOrganisationRole(request, context, organisationId, ALL_ORGANISATION_ROLES);
    const [organisation, foundations] = await Promise.all([getOrganisation(context.db, organisationId), listConnectedFoundations(context.db, organisationId)]);
    if (!organisation) notFound();
    return {
      view: "organisation" as const,
      organisation: { id: organisation.id, name: organisation.name },
      foundations: foundations.map((f) => ({ id: f.id, name: f.name, since: formatDate(f.created_at, viewer.user.locale) })),
    };
  }
  // A foundation sees an organisation only through a relationship, and only what it shares.
  const acting = viewer.acting;
  if (acting?.kind !== "foundation" || !(await foundationReachesOrganisation(context.db, acting.tenantId, organisationId))) notFound();
  if (acting.role !== "admin" && acting.role !== "program_officer") forbidden();
  const organisation = await getOrganisation(context.db, organisationId);
  if (!organisation) notFound();
  return { view: "foundation" as const, organisation: { id: organisation.id, name: organisation.name }, foundations: [] };
}

export default function OrganisationOverview() {
  const { t } = useTranslation();
  const { view, organisation, foundations } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{organisation.name}</h1>
      {view === "organisation" ? (
        <>
          <p className="muted">{t("organisation.sharing")}</p>
          <h2>{t("organisation.fundedBy")}</h2>
          {foundations.length === 0 ? (
            <p>{t("organisation.notFunded")}</p>
          ) : (
            <ul>
              {foundations.map((f) => (
                <li key={f.id}>{f.name}</li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p className="muted">{t("foundation.organisationsIntro")}</p>
      )}
    </section>
  );
}
