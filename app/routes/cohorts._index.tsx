import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { createCohort, listCohortsForUser, listFoundationCohorts, listPossibleFacilitators } from "~/domain/cohorts.server";
import { actingCaller, requireFoundationCaller, requireViewer } from "~/utils/auth.server";
import { can } from "~/domain/permissions.server";
import { idSchema } from "~/utils/ids";
import { errorReply, readForm } from "~/utils/forms.server";
import { formatDate } from "~/utils/format";
import { CsrfInput, Field, FieldErrors, FormErrors, useForm } from "~/components/forms";
import { nameField } from "~/utils/schemas";

export const meta: MetaFunction = () => [{ title: `${t("learning.cohorts.title")} · ${t("app.name")}` }];

const dateField = z.string({ required_error: t("errors.required") }).regex(/^\d{4}-\d{2}-\d{2}$/, t("learning.errors.dateTime"));
const CohortSchema = z
  .object({
    name: nameField(200),
    purpose: z
      .string({ required_error: t("errors.required") })
      .trim()
      .min(1, t("errors.required"))
      .max(2000, t("errors.tooLong", { max: 2000 })),
    startsOn: dateField,
    endsOn: dateField,
    facilitatorIds: z.array(idSchema).default([]),
  })
  .refine((v) => v.endsOn >= v.startsOn, { message: t("learning.errors.endBeforeStart"), path: ["endsOn"] });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const caller = actingCaller(viewer);
  const manages = can(caller?.membership, "create:cohort");
  const locale = viewer.user.locale;
  const dates = (c: { starts_on: string; ends_on: string }) =>
    t("learning.cohorts.dates", { start: formatDate(c.starts_on, locale), end: formatDate(c.ends_on, locale) });
  const [mine, foundationCohorts, facilitators] = await Promise.all([
    caller ? listCohortsForUser(context.db, caller) : Promise.resolve([]),
    caller && can(caller.membership, "facilitate:foundation-cohorts") ? listFoundationCohorts(context.db, caller) : Promise.resolve([]),
    caller && manages ? listPossibleFacilitators(context.db, caller) : Promise.resolve([]),
  ]);
  const mineIds = new Set(mine.map((c) => c.id));
  return {
    manages,
    viewerId: viewer.user.id,
    cohorts: [
      ...mine.map((c) => ({ id: c.id, name: c.name, purpose: c.purpose, dates: dates(c), foundation: c.foundation_name })),
      ...foundationCohorts
        .filter((c) => !mineIds.has(c.id))
        .map((c) => ({ id: c.id, name: c.name, purpose: c.purpose, dates: dates(c), foundation: caller?.membership.tenantName ?? "" })),
    ],
    facilitators: facilitators.filter((f) => f.id !== viewer.user.id),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { caller } = await requireFoundationCaller(request, context, "create:cohort");
  const form = await readForm(request, context);
  const submission = parseWithZod(form, { schema: CohortSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  let id: string;
  try {
    id = await createCohort(context.db, caller, submission.value);
  } catch (e) {
    const { result, status } = errorReply(submission, e);
    return data(result, { status });
  }
  return redirect(`/cohorts/${id}?notice=saved`);
}

export default function Cohorts() {
  const { t } = useTranslation();
  const { manages, cohorts, facilitators } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CohortSchema }),
  });
  const chosen = new Set(([] as string[]).concat((fields.facilitatorIds.value as string[] | string | undefined) ?? []));
  return (
    <section>
      <h1>{t("learning.cohorts.title")}</h1>
      <p className="muted">{manages ? t("learning.cohorts.intro") : t("learning.cohorts.orgIntro")}</p>
      {cohorts.length === 0 ? (
        <p>{t("learning.cohorts.empty")}</p>
      ) : (
        <ul className="cards">
          {cohorts.map((c) => (
            <li key={c.id} className="card">
              <h2>
                <Link to={`/cohorts/${c.id}`}>{c.name}</Link>
              </h2>
              <p className="muted">
                {c.dates} · {t("learning.cohorts.runBy", { foundation: c.foundation })}
              </p>
              <p>{c.purpose}</p>
            </li>
          ))}
        </ul>
      )}
      {manages ? (
        <>
          <h2>{t("learning.cohorts.create")}</h2>
          <Form method="post" {...getFormProps(form)} className="card narrow">
            <CsrfInput />
            <FormErrors errors={form.errors} id={form.errorId} />
            <Field label={t("learning.cohorts.name")} meta={fields.name} autoComplete="off" />
            <div className="field">
              <label htmlFor={fields.purpose.id}>{t("learning.cohorts.purpose")}</label>
              <p className="hint" id={`${fields.purpose.id}-hint`}>
                {t("learning.cohorts.purposeHint")}
              </p>
              <textarea {...getTextareaProps(fields.purpose, { ariaDescribedBy: `${fields.purpose.id}-hint` })} key={fields.purpose.key} rows={3} />
              <FieldErrors id={fields.purpose.errorId} errors={fields.purpose.errors} />
            </div>
            <Field label={t("learning.cohorts.startsOn")} meta={fields.startsOn} type="date" />
            <Field label={t("learning.cohorts.endsOn")} meta={fields.endsOn} type="date" />
            {facilitators.length ? (
              <fieldset className="field">
                <legend>{t("learning.cohorts.facilitators")}</legend>
                <p className="hint">{t("learning.cohorts.facilitatorsHint")}</p>
                {facilitators.map((f) => (
                  <label key={f.id} className="checkbox">
                    <input type="checkbox" name={fields.facilitatorIds.name} value={f.id} defaultChecked={chosen.has(f.id)} /> {f.name || f.email}
                  </label>
                ))}
                <FieldErrors id={fields.facilitatorIds.errorId} errors={fields.facilitatorIds.errors} />
              </fieldset>
            ) : null}
            <button type="submit">{t("learning.cohorts.save")}</button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
