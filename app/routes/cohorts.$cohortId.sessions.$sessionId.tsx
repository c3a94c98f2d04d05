import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { getSession, recordAttendance, rsvp, sessionRoster } from "~/domain/cohorts.server";
import { idSchema } from "~/utils/ids";
import { requireCohort, refusalResponse } from "~/utils/cohort-access.server";
import { readForm } from "~/utils/forms.server";
import { formText } from "~/utils/form-data";
import { forbidden, notFound, paramId } from "~/utils/http.server";
import { formatInZone, zoneLabel } from "~/utils/time-zone";
import { CsrfInput, FormErrors } from "~/components/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.session.title ?? ""} · ${t("app.name")}` }];

const RESPONSES = ["yes", "no", "maybe"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, access } = await requireCohort(request, context, params.cohortId);
  const session = await getSession(context.db, access, paramId(params, "sessionId"));
  if (!session) notFound();
  const roster = await sessionRoster(context.db, access, session.id);
  const mine = roster.find((r) => r.id === viewer.user.id);
  const locale = viewer.user.locale;
  return {
    cohort: { id: access.cohort.id, name: access.cohort.name },
    session: {
      id: session.id,
      title: session.title,
      when: formatInZone(session.starts_at, session.time_zone, locale),
      zone: zoneLabel(session.starts_at, session.time_zone, locale),
      duration: session.duration_minutes,
      place: session.place,
      videoUrl: session.video_url,
      agenda: session.agenda,
    },
    canRsvp: access.isMember,
    myResponse: mine?.response ?? null,
    canFacilitate: access.canFacilitate,
    roster: access.canFacilitate
      ? roster.map((r) => ({ id: r.id, name: r.name || r.email, organisation: r.organisation_name, response: r.response, attended: r.attended }))
      : [],
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { access } = await requireCohort(request, context, params.cohortId);
  const form = await readForm(request, context);
  const intent = formText(form, "intent");
  const sessionId = paramId(params, "sessionId");
  try {
    if (intent === "rsvp") {
      // Only the people taking part answer, as the page offers it (facilitators run the session).
      if (!(await getSession(context.db, access, sessionId))) notFound();
      if (!access.isMember) forbidden();
      const response = z.enum(RESPONSES).safeParse(form.get("response"));
      if (!response.success) return data({ intent, message: t("errors.required") }, { status: 400 });
      await rsvp(context.db, access, sessionId, response.data, context.now());
    } else if (intent === "attendance") {
      const ids = z.array(idSchema).safeParse(form.getAll("attended"));
      if (!ids.success) return data({ intent, message: t("learning.errors.notInCohort") }, { status: 400 });
      await recordAttendance(context.db, access, sessionId, ids.data, context.now());
    } else notFound();
  } catch (e) {
    return refusalResponse(e, intent);
  }
  return redirect(`/cohorts/${access.cohort.id}/sessions/${sessionId}?notice=saved`);
}

export default function CohortSession() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { intent?: string; message?: string } | undefined;
  const errorsFor = (intent: string) => (actionData?.intent === intent && actionData.message ? [actionData.message] : undefined);
  const base = `/cohorts/${d.cohort.id}`;
  return (
    <section className="narrow">
      <p>
        <Link to={base}>{t("learning.session.back")}</Link> · {d.cohort.name}
      </p>
      <h1>{d.session.title}</h1>
      <dl>
        <dt>{t("learning.session.when")}</dt>
        <dd>
          {d.session.when} · {d.session.zone} · {t("learning.session.minutes", { count: d.session.duration })}
        </dd>
        {d.session.place ? (
          <>
            <dt>{t("learning.session.where")}</dt>
            <dd>{d.session.place}</dd>
          </>
        ) : null}
        {d.session.videoUrl ? (
          <>
            <dt>{t("learning.session.video")}</dt>
            <dd>
              <a href={d.session.videoUrl} rel="noopener noreferrer">
                {d.session.videoUrl}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {d.session.agenda ? (
        <>
          <h2>{t("learning.session.agenda")}</h2>
          <p className="prewrap">{d.session.agenda}</p>
        </>
      ) : null}
      <p>
        <a href={`${base}/sessions/${d.session.id}.ics`} download>
          {t("learning.session.download")}
        </a>
      </p>

      {d.canRsvp ? (
        <Form method="post" className="card">
          <CsrfInput />
          <input type="hidden" name="intent" value="rsvp" />
          <FormErrors errors={errorsFor("rsvp")} />
          <fieldset>
            <legend>{t("learning.session.rsvp")}</legend>
            {RESPONSES.map((r) => (
              <label key={r} className="checkbox">
                <input type="radio" name="response" value={r} defaultChecked={d.myResponse === r} /> {t(`learning.session.response.${r}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit">{t("learning.session.rsvpSave")}</button>
        </Form>
      ) : null}

      {d.canFacilitate ? (
        <>
          <h2>{t("learning.session.attendance")}</h2>
          {d.roster.length === 0 ? (
            <p>{t("learning.session.noMembers")}</p>
          ) : (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="attendance" />
              <FormErrors errors={errorsFor("attendance")} />
              <p className="hint">{t("learning.session.attendanceHint")}</p>
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">{t("learning.session.attendance")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("learning.session.person")}</th>
                      <th scope="col">{t("learning.session.organisation")}</th>
                      <th scope="col">{t("learning.session.answer")}</th>
                      <th scope="col">{t("learning.session.attended")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.roster.map((r) => (
                      <tr key={r.id}>
                        <td>{r.name}</td>
                        <td>{r.organisation}</td>
                        <td>{t(`learning.session.response.${r.response ?? "none"}`)}</td>
                        <td>
                          <label>
                            <input type="checkbox" name="attended" value={r.id} defaultChecked={r.attended === true} />{" "}
                            <span className="visually-hidden">{r.name}: </span>
                            {r.attended === null
                              ? t("learning.session.notRecorded")
                              : r.attended
                                ? t("learning.session.attended")
                                : t("learning.session.absent")}
                          </label>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <button type="submit">{t("learning.session.attendanceSave")}</button>
            </Form>
          )}
        </>
      ) : null}
    </section>
  );
}
