import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { getConnectedOrganisation, getOwnOrganisation, listConnectedFoundations } from "~/domain/organisations.server";
import { actingCaller, requireOrganisationCaller, requireViewer } from "~/utils/auth.server";
import { forbidden, notFound, paramId } from "~/utils/http.server";
import { DomainError } from "~/domain/errors";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.name ?? ""} · ${t("app.name")}` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const organisationId = paramId(params, "organisationId");
  const viewer = await requireViewer(request, context);
  const isMember = viewer.memberships.some((m) => m.kind === "organisation" && m.tenantId === organisationId);
  if (isMember) {
    const { caller } = await requireOrganisationCaller(request, context, organisationId, "read:organisation");
    const [organisation, foundations] = await Promise.all([getOwnOrganisation(context.db, caller), listConnectedFoundations(context.db, caller)]);
    return {
      view: "organisation" as const,
      organisation: { id: organisation.id, name: organisation.name },
      foundations: foundations.map((f) => ({ id: f.id, name: f.name, since: formatDate(f.created_at, viewer.user.locale) })),
    };
  }
  // A foundation sees an organisation only through a relationship, and only what it shares.
  const caller = actingCaller(viewer);
  if (caller?.membership.kind !== "foundation") notFound();
  try {
    const organisation = await getConnectedOrganisation(context.db, caller, organisationId);
    return { view: "foundation" as const, organisation, foundations: [] };
  } catch (e) {
    if (e instanceof DomainError && e.status === 404) notFound();
    if (e instanceof DomainError && e.status === 403) forbidden();
    throw e;
  }
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
