import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { pageParam } from "~/utils/outbox-listing.server";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { createFoundationResource, pageFoundationResources } from "~/domain/practices.server";
import { Pagination } from "~/components/pagination";
import { PILLARS, PRACTICE_LEVELS } from "~/domain/vocabulary";
import { requireFoundationCaller } from "~/utils/auth.server";
import { errorReply, readForm } from "~/utils/forms.server";
import { withNotice } from "~/utils/notices";
import { CsrfInput, Field, FieldErrors, FormErrors, useForm } from "~/components/forms";
import { PracticeTags } from "~/components/practices";
import { nameField } from "~/utils/schemas";

export const meta: MetaFunction = () => [{ title: `${t("learning.resources.title")} · ${t("app.name")}` }];

const ResourceSchema = z.object({
  title: nameField(200),
  url: z
    .string()
    .trim()
    .max(2000, t("errors.tooLong", { max: 2000 }))
    .optional(),
  note: z
    .string()
    .trim()
    .max(10_000, t("errors.tooLong", { max: 10_000 }))
    .optional(),
  level: z.enum(PRACTICE_LEVELS).optional(),
  pillars: z.array(z.enum(PILLARS)).default([]),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { caller } = await requireFoundationCaller(request, context, "manage:resource");
  const page = pageParam(new URL(request.url));
  const listing = await pageFoundationResources(context.db, caller, page);
  return { resources: listing.rows, page, pages: Math.max(1, Math.ceil(listing.total / listing.pageSize)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { caller } = await requireFoundationCaller(request, context, "manage:resource");
  const form = await readForm(request, context);
  const submission = parseWithZod(form, { schema: ResourceSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await createFoundationResource(context.db, caller, submission.value);
  } catch (e) {
    const { result, status } = errorReply(submission, e);
    return data(result, { status });
  }
  return redirect(withNotice("/foundation/resources", "saved"));
}

export default function FoundationResources() {
  const { t } = useTranslation();
  const { resources, page, pages } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResourceSchema }),
  });
  const chosen = new Set((fields.pillars.value as string[] | string | undefined) ?? []);
  return (
    <section>
      <h1>{t("learning.resources.title")}</h1>
      <p className="muted">{t("learning.resources.intro")}</p>
      {resources.length === 0 ? (
        <p>{t("learning.resources.empty")}</p>
      ) : (
        <ul className="cards">
          {resources.map((r) => (
            <li key={r.id} className="card">
              <h2>
                {r.url ? (
                  <a href={r.url} rel="noopener noreferrer">
                    {r.title}
                  </a>
                ) : (
                  r.title
                )}
              </h2>
              {r.note ? <p className="prewrap">{r.note}</p> : null}
              <PracticeTags level={r.level} pillars={r.pillars} />
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} />
      <h2>{t("learning.resources.add")}</h2>
      <Form method="post" {...getFormProps(form)} className="card narrow">
        <CsrfInput />
        <FormErrors errors={form.errors} id={form.errorId} />
        <Field label={t("learning.resources.resourceTitle")} meta={fields.title} autoComplete="off" />
        <Field label={t("learning.resources.url")} meta={fields.url} type="url" hint={t("learning.resources.urlHint")} autoComplete="off" />
        <div className="field">
          <label htmlFor={fields.note.id}>{t("learning.resources.note")}</label>
          <p className="hint" id={`${fields.note.id}-hint`}>
            {t("learning.resources.noteHint")}
          </p>
          <textarea {...getTextareaProps(fields.note, { ariaDescribedBy: `${fields.note.id}-hint` })} key={fields.note.key} rows={5} />
          <FieldErrors id={fields.note.errorId} errors={fields.note.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.level.id}>{t("learning.resources.level")}</label>
          <select id={fields.level.id} name={fields.level.name} defaultValue={fields.level.value ?? ""}>
            <option value="">{t("learning.library.any")}</option>
            {PRACTICE_LEVELS.map((v) => (
              <option key={v} value={v}>
                {t(`learning.library.levelLabel.${v}`)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field">
          <legend>{t("learning.resources.pillars")}</legend>
          {PILLARS.map((p) => (
            <label key={p} className="checkbox">
              <input type="checkbox" name={fields.pillars.name} value={p} defaultChecked={chosen.has(p)} /> {t(`vocabulary.pillar.${p}`)}
            </label>
          ))}
          <FieldErrors id={fields.pillars.errorId} errors={fields.pillars.errors} />
        </fieldset>
        <button type="submit">{t("learning.resources.save")}</button>
      </Form>
    </section>
  );
}
