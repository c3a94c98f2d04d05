import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BriefDownload } from "~/components/brief-download";
import { t, translateKey } from "~/i18n";
import { getFoundation } from "~/domain/foundations.server";
import { aggregateForPeriod, invitationSentFor, selectableYears, sendSelfAssessmentInvitation } from "~/domain/foundation-self-assessment.server";
import { SELF_ASSESSMENT_QUESTIONS, type StageCounts } from "~/domain/self-assessment-aggregate";
import { DomainError } from "~/domain/errors";
import { CONTINUUM_STAGES } from "~/domain/vocabulary";
import { requireFoundationCaller } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { withNotice } from "~/utils/notices";
import { formatDate } from "~/utils/format";
import { CsrfInput, Notice } from "~/components/forms";

export const meta: MetaFunction = () => [{ title: `${t("continuum.resultsTitle")} · ${t("app.name")}` }];

/**
 * The foundation's aggregate only. Nothing here names a person, counts who has not answered,
 * or lists who received the invitation.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer, caller } = await requireFoundationCaller(request, context, "read:foundation-self-assessment-summary");
  const now = context.now();
  const years = await selectableYears(context.db, caller, now);
  const asked = Number.parseInt(new URL(request.url).searchParams.get("year") ?? "", 10);
  const year = years.includes(asked) ? asked : years[0];
  const [aggregate, foundation, invitation] = await Promise.all([
    aggregateForPeriod(context.db, caller, year),
    getFoundation(context.db, caller),
    invitationSentFor(context.db, caller, now.getUTCFullYear()),
  ]);
  return {
    year,
    years,
    minGroupSize: foundation.min_group_size,
    aggregate,
    invitationSentOn: invitation ? formatDate(invitation.sent_at, viewer.user.locale) : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { caller } = await requireFoundationCaller(request, context, "send:foundation-self-assessment-invitation");
  await readForm(request, context);
  try {
    await sendSelfAssessmentInvitation(context.db, caller, { publicUrl: context.config.publicUrl, now: context.now() });
  } catch (e) {
    if (e instanceof DomainError) return data({ message: translateKey(t, e.message, e.values) }, { status: e.status });
    throw e;
  }
  return redirect(withNotice("/foundation/self-assessment/summary", "self-assessment-invited"));
}

function CountsTable({ counts, caption }: { counts: StageCounts; caption: string }) {
  const { t } = useTranslation();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("continuum.stage")}</th>
          <th scope="col" className="num">
            {t("continuum.count")}
          </th>
        </tr>
      </thead>
      <tbody>
        {CONTINUUM_STAGES.map((s) => (
          <tr key={s}>
            <th scope="row">{t(`vocabulary.stage.${s}`)}</th>
            <td className="num">{counts[s]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function SelfAssessmentSummary() {
  const { t } = useTranslation();
  const { year, years, minGroupSize, aggregate, invitationSentOn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <h1>{t("continuum.resultsTitle")}</h1>
      <p>{t("continuum.resultsIntro")}</p>
      <Form method="get" className="inline-form">
        <label htmlFor="year">{t("continuum.period")}</label>
        <select id="year" name="year" defaultValue={String(year)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <button type="submit" className="button-secondary">
          {t("continuum.showPeriod")}
        </button>
      </Form>
      <BriefDownload action="/foundation/brief.pdf" label={t("briefs.foundation.download", { year })}>
        <input type="hidden" name="year" value={year} />
      </BriefDownload>
      <div data-testid="aggregate">
        {!aggregate.enough ? (
          <>
            <p>
              <strong>{t("continuum.notEnough")}</strong>
            </p>
            <p className="muted">{t("continuum.notEnoughBody", { min: minGroupSize })}</p>
          </>
        ) : (
          <>
            <p>{t("continuum.respondents", { count: aggregate.respondents, year })}</p>
            <div className="cards">
              {SELF_ASSESSMENT_QUESTIONS.map((q) => (
                <div className="card table-wrap" key={q}>
                  <CountsTable counts={aggregate.questions[q]} caption={t("continuum.countsCaption", { question: t(`continuum.question.${q}`) })} />
                </div>
              ))}
            </div>
            <h2>{t("continuum.byRoleTitle")}</h2>
            {aggregate.byRole === null ? (
              <p className="muted">{t("continuum.byRoleHidden", { min: minGroupSize })}</p>
            ) : (
              aggregate.byRole.map((g) => (
                <div key={g.role}>
                  <h3>{t(`roles.${g.role}`)}</h3>
                  <div className="cards">
                    {SELF_ASSESSMENT_QUESTIONS.map((q) => (
                      <div className="card table-wrap" key={q}>
                        <CountsTable
                          counts={g.questions[q]}
                          caption={t("continuum.byRoleCaption", { role: t(`roles.${g.role}`), count: g.respondents }) + ` — ${t(`continuum.question.${q}`)}`}
                        />
                      </div>
                    ))}
                  </div>
                </div>
              ))
            )}
            <h2>{t("continuum.commentsTitle")}</h2>
            {aggregate.comments === null ? (
              <p className="muted">{t("continuum.commentsHidden")}</p>
            ) : aggregate.comments.length === 0 ? (
              <p>{t("continuum.commentsEmpty")}</p>
            ) : (
              <ul>
                {aggregate.comments.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      <h2>{t("continuum.inviteTitle")}</h2>
      {actionData?.message ? <Notice tone="error">{actionData.message}</Notice> : null}
      {invitationSentOn ? (
        <p>{t("continuum.invitationSentOn", { date: invitationSentOn })}</p>
      ) : (
        <Form method="post" className="card narrow">
          <CsrfInput />
          <p>{t("continuum.inviteBody")}</p>
          <button type="submit">{t("continuum.inviteButton")}</button>
        </Form>
      )}
    </section>
  );
}
