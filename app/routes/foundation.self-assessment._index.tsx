import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { pageParam } from "~/utils/outbox-listing.server";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { listOwnResponses, submitSelfAssessment } from "~/domain/foundation-self-assessment.server";
import { COMMENT_MAX } from "~/domain/continuum-limits";
import { SELF_ASSESSMENT_QUESTIONS } from "~/domain/self-assessment-aggregate";
import { CONTINUUM_STAGES } from "~/domain/vocabulary";
import { requireFoundationCaller } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { withNotice } from "~/utils/notices";
import { formatDate } from "~/utils/format";
import { CsrfInput, FieldErrors, FormErrors, useForm } from "~/components/forms";
import { Pagination } from "~/components/pagination";

export const meta: MetaFunction = () => [{ title: `${t("continuum.selfTitle")} · ${t("app.name")}` }];

const stage = z.enum(CONTINUUM_STAGES, { required_error: t("continuum.answerRequired"), invalid_type_error: t("continuum.answerRequired") });

const SelfAssessmentSchema = z.object({
  foundation_understanding: stage,
  learning_together: stage,
  funding_support: stage,
  needs_differ: stage,
  own_understanding: stage,
  comment: z
    .string()
    .max(COMMENT_MAX, t("errors.tooLong", { max: COMMENT_MAX }))
    .optional()
    .default(""),
  shareComment: z.literal("on").optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer, caller } = await requireFoundationCaller(request, context, "take:foundation-self-assessment");
  const page = pageParam(new URL(request.url));
  const own = await listOwnResponses(context.db, caller, page);
  return {
    history: own.rows.map((r) => ({
      id: r.id,
      date: formatDate(r.created_at, viewer.user.locale),
      answers: Object.fromEntries(SELF_ASSESSMENT_QUESTIONS.map((q) => [q, r[q]])),
      comment: r.comment,
      shared: r.share_comment,
    })),
    page,
    pages: Math.max(1, Math.ceil(own.total / own.pageSize)),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { caller } = await requireFoundationCaller(request, context, "take:foundation-self-assessment");
  const form = await readForm(request, context);
  const submission = parseWithZod(form, { schema: SelfAssessmentSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { comment, shareComment, ...answers } = submission.value;
  await submitSelfAssessment(context.db, caller, {
    answers,
    comment: comment.trim(),
    shareComment: shareComment === "on",
    now: context.now(),
  });
  return redirect(withNotice("/foundation/self-assessment", "self-assessment-saved"));
}

function QuestionChoice({ meta, legend }: { meta: FieldMetadata<string | undefined>; legend: string }) {
  const { t } = useTranslation();
  return (
    <fieldset
      className="stage-options pillar-fieldset"
      aria-describedby={meta.errors?.length ? meta.errorId : undefined}
      aria-invalid={meta.errors?.length ? true : undefined}
    >
      <legend>{legend}</legend>
      {CONTINUUM_STAGES.map((s) => {
        const id = `${meta.id}-${s}`;
        return (
          <div className="stage-option" key={s}>
            <input type="radio" id={id} name={meta.name} value={s} defaultChecked={meta.initialValue === s} key={`${meta.key}-${s}`} />
            <label htmlFor={id}>
              <strong>{t(`vocabulary.stage.${s}`)}</strong>: {t(`vocabulary.stageHint.${s}`)}
            </label>
          </div>
        );
      })}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

export default function FoundationSelfAssessment() {
  const { t } = useTranslation();
  const { history, page, pages } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SelfAssessmentSchema }),
  });
  const f = fields as unknown as Record<string, FieldMetadata<string | undefined>>;
  const comment = getTextareaProps(fields.comment);
  const share = getInputProps(fields.shareComment, { type: "checkbox", ariaDescribedBy: "share-comment-hint" });
  return (
    <section className="narrow">
      <h1>{t("continuum.selfTitle")}</h1>
      <p>{t("continuum.selfIntro")}</p>
      <FormErrors errors={form.errors} id={form.errorId} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        {SELF_ASSESSMENT_QUESTIONS.map((q) => (
          <QuestionChoice key={q} meta={f[q]} legend={t(`continuum.question.${q}`)} />
        ))}
        <div className="field">
          <label htmlFor={fields.comment.id}>{t("continuum.comment")}</label>
          <textarea {...comment} key={comment.key} rows={3} />
          <FieldErrors id={fields.comment.errorId} errors={fields.comment.errors} />
        </div>
        <div className="field checkbox-field">
          <input {...share} key={share.key} />
          <div>
            <label htmlFor={fields.shareComment.id}>{t("continuum.shareComment")}</label>
            <p className="hint" id="share-comment-hint">
              {t("continuum.shareCommentHint")}
            </p>
          </div>
        </div>
        <button type="submit">{t("continuum.submit")}</button>
      </Form>
      <h2>{t("continuum.historyTitle")}</h2>
      {history.length === 0 ? (
        <p>{t("continuum.historyEmpty")}</p>
      ) : (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t("continuum.historyCaption")}>
            <table data-testid="own-history">
              <caption>{t("continuum.historyCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("continuum.answeredOn")}</th>
                  {SELF_ASSESSMENT_QUESTIONS.map((q) => (
                    <th scope="col" key={q}>
                      {t(`continuum.question.${q}`)}
                    </th>
                  ))}
                  <th scope="col">{t("continuum.comment")}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.id}>
                    <th scope="row">{h.date}</th>
                    {SELF_ASSESSMENT_QUESTIONS.map((q) => (
                      <td key={q}>{t(`vocabulary.stage.${h.answers[q]}`)}</td>
                    ))}
                    <td>{h.comment ? `${h.comment} (${h.shared ? t("continuum.commentShared") : t("continuum.commentPrivate")})` : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pages={pages} />
        </>
      )}
    </section>
  );
}
