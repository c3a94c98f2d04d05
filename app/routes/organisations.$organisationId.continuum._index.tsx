import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { getDraft, listJourney, startAssessment, stagesOf } from "~/domain/continuum.server";
import { can } from "~/domain/permissions.server";
import { requireOrganisationCaller } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";
import { formatDate } from "~/utils/format";
import { CsrfInput } from "~/components/forms";
import { JourneyCharts, JourneyTable } from "~/components/journey";

export const meta: MetaFunction = () => [{ title: `${t("continuum.title")} · ${t("app.name")}` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organisationId, viewer, caller } = await requireOrganisationCaller(request, context, params.organisationId, "contribute:continuum");
  const locale = viewer.user.locale;
  // Staff get only a draft the director invited them to (the domain decides); the journey stays with the director.
  const draft = await getDraft(context.db, caller);
  if (!can(caller.membership, "read:continuum")) {
    return {
      organisationId,
      isDirector: false,
      draft: draft ? { id: draft.id, date: formatDate(draft.updated_at, locale) } : null,
      points: [],
    };
  }
  const journey = await listJourney(context.db, caller);
  return {
    organisationId,
    isDirector: true,
    draft: draft ? { id: draft.id, date: formatDate(draft.updated_at, locale) } : null,
    points: journey.map((p) => ({ id: p.id, date: formatDate(p.finishedAt, locale), stages: stagesOf(p) })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organisationId, caller } = await requireOrganisationCaller(request, context, params.organisationId, "manage:continuum");
  const form = await readForm(request, context);
  if (form.get("intent") !== "start") notFound();
  const id = await startAssessment(context.db, caller, context.now());
  return redirect(`/organisations/${organisationId}/continuum/${id}`);
}

export default function ContinuumJourney() {
  const { t } = useTranslation();
  const { organisationId, draft, points, isDirector } = useLoaderData<typeof loader>();
  if (!isDirector) {
    return (
      <section>
        <h1>{t("continuum.title")}</h1>
        <p>{t("continuum.intro")}</p>
        {draft ? (
          <>
            <p>{t("continuum.staffInvitedBody")}</p>
            <p>
              <Link className="button" to={`/organisations/${organisationId}/continuum/${draft.id}`}>
                {t("continuum.contribute")}
              </Link>
            </p>
          </>
        ) : (
          <p>{t("continuum.staffNotInvited")}</p>
        )}
      </section>
    );
  }
  return (
    <section>
      <h1>{t("continuum.title")}</h1>
      <p>{t("continuum.intro")}</p>
      <p className="muted">{t("continuum.privateNote")}</p>
      {draft ? (
        <p>
          <Link className="button" to={`/organisations/${organisationId}/continuum/${draft.id}`}>
            {t("continuum.continueDraft")}
          </Link>{" "}
          <span className="muted">{t("continuum.draftStarted", { date: draft.date })}</span>
        </p>
      ) : (
        <Form method="post">
          <CsrfInput />
          <button type="submit" name="intent" value="start">
            {t("continuum.startNew")}
          </button>
        </Form>
      )}
      <h2>{t("continuum.journeyTitle")}</h2>
      {points.length === 0 ? (
        <p>{t("continuum.journeyEmpty")}</p>
      ) : (
        <>
          <p className="muted">{t("continuum.journeyIntro")}</p>
          <JourneyCharts points={points} idPrefix="journey" />
          <JourneyTable points={points} caption={t("continuum.tableCaption")} />
          <h3>{t("continuum.reflections")}</h3>
          <ul>
            {[...points].reverse().map((p) => (
              <li key={p.id}>
                <Link to={`/organisations/${organisationId}/continuum/${p.id}`}>{t("continuum.finishedOn", { date: p.date })}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Link to={`/organisations/${organisationId}/continuum/sharing`}>{t("continuum.sharingLink")}</Link>
      </p>
    </section>
  );
}
