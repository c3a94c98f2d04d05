import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { readSharedJourney } from "~/domain/continuum.server";
import { connectedOrganisation } from "~/domain/organisations.server";
import { requireFoundationCaller } from "~/utils/auth.server";
import { notFound, paramId } from "~/utils/http.server";
import { formatDate } from "~/utils/format";
import { JourneyCharts, JourneyTable } from "~/components/journey";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${t("continuum.foundationViewTitle", { organisation: data?.organisation.name ?? "" })} · ${t("app.name")}` },
];

// Shared or not, the response carries the same headers: nothing outside the body hints at a stage.
const NO_STORE = { "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = () => NO_STORE;

/**
 * An organisation's journey as its foundation sees it: only while the organisation shares
 * it with this foundation (checked on this very request), and every read is audited.
 * Otherwise "not shared", and nothing else: no date, no count, no stage.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, caller } = await requireFoundationCaller(request, context, "read:shared-continuum");
  const organisationId = paramId(params, "organisationId");
  const organisation = await connectedOrganisation(context.db, caller, organisationId);
  if (!organisation) notFound();
  const result = await readSharedJourney(context.db, caller, organisationId, context.now());
  const locale = viewer.user.locale;
  return data(
    {
      organisation: { id: organisation.id, name: organisation.name },
      journey: result.shared ? result.journey.map((p) => ({ id: p.id, date: formatDate(p.finishedAt, locale), stages: p.stages })) : null,
    },
    { headers: NO_STORE },
  );
}

export default function FoundationOrganisationContinuum() {
  const { t } = useTranslation();
  const { organisation, journey } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("continuum.foundationViewTitle", { organisation: organisation.name })}</h1>
      {journey === null ? (
        <>
          <p data-testid="continuum-not-shared">
            <strong>{t("continuum.notShared")}</strong>
          </p>
          <p className="muted">{t("continuum.notSharedBody")}</p>
        </>
      ) : (
        <>
          <p className="muted">{t("continuum.sharedBody")}</p>
          {journey.length === 0 ? (
            <p>{t("continuum.sharedEmpty")}</p>
          ) : (
            <>
              <JourneyCharts points={journey} idPrefix="shared-journey" />
              <JourneyTable points={journey} caption={t("continuum.tableCaption")} />
            </>
          )}
        </>
      )}
      <p>
        <Link to="/foundation/organisations">{t("foundation.organisationsTitle")}</Link>
      </p>
    </section>
  );
}
