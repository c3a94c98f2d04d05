import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { editPost, getThread, hidePost, replyToThread } from "~/domain/cohorts.server";
import { idSchema } from "~/utils/ids";
import { requireCohort, refusalResponse } from "~/utils/cohort-access.server";
import { errorReply, readForm } from "~/utils/forms.server";
import { formText } from "~/utils/form-data";
import { notFound, paramId } from "~/utils/http.server";
import { formatDateTime } from "~/utils/format";
import { renderMarkdown } from "~/utils/markdown.server";
import { CsrfInput, FieldErrors, FormErrors, useForm } from "~/components/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.thread.title ?? ""} · ${t("app.name")}` }];

const body = z
  .string({ required_error: t("errors.required") })
  .trim()
  .min(1, t("errors.required"))
  .max(20_000, t("errors.tooLong", { max: 20_000 }));
const ReplySchema = z.object({ intent: z.literal("reply"), body });
const EditSchema = z.object({ intent: z.literal("edit"), postId: idSchema, version: z.coerce.number().int().min(1), body });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, access } = await requireCohort(request, context, params.cohortId);
  const thread = await getThread(context.db, access, paramId(params, "threadId"));
  if (!thread) notFound();
  const locale = viewer.user.locale;
  const editing = new URL(request.url).searchParams.get("edit");
  return {
    cohort: { id: access.cohort.id, name: access.cohort.name },
    canFacilitate: access.canFacilitate,
    thread: { id: thread.id, title: thread.title },
    posts: thread.posts.map((p) => {
      const hidden = Boolean(p.hidden_at);
      // The domain leaves out what a hidden post said for anyone but facilitators.
      const mine = p.author_id === viewer.user.id;
      return {
        id: p.id,
        author: p.author_name ?? "",
        when: formatDateTime(p.created_at, locale),
        edited: Boolean(p.edited_at),
        html: p.body === null ? null : renderMarkdown(p.body),
        hidden: hidden ? t("learning.thread.hiddenNotice", { name: p.hidden_by_name ?? "", when: formatDateTime(p.hidden_at!, locale) }) : null,
        mine,
        version: p.version,
        source: mine && editing === p.id && !hidden ? p.body : null,
      };
    }),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { access } = await requireCohort(request, context, params.cohortId);
  const form = await readForm(request, context);
  const intent = formText(form, "intent");
  const threadId = paramId(params, "threadId");
  const back = `/cohorts/${access.cohort.id}/discussion/${threadId}`;
  const thread = await getThread(context.db, access, threadId);
  if (!thread) notFound();
  if (intent === "reply" || intent === "edit") {
    const submission = parseWithZod(form, { schema: intent === "reply" ? ReplySchema : EditSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      if (submission.value.intent === "reply") await replyToThread(context.db, access, threadId, submission.value.body, context.now());
      else {
        if (!thread.posts.some((p) => p.id === (submission.value as { postId: string }).postId)) notFound();
        await editPost(context.db, access, submission.value.postId, submission.value.body, submission.value.version, context.now());
      }
    } catch (e) {
      const { result, status } = errorReply(submission, e);
      if (status === 404) notFound();
      return data({ intent, result }, { status });
    }
    return redirect(`${back}?notice=saved`);
  }
  if (intent === "hide") {
    const postId = idSchema.safeParse(form.get("postId"));
    if (!postId.success || !thread.posts.some((p) => p.id === postId.data)) notFound();
    try {
      await hidePost(context.db, access, postId.data, context.now());
    } catch (e) {
      return refusalResponse(e, intent);
    }
    return redirect(`${back}?notice=saved`);
  }
  notFound();
}

export default function Thread() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { intent?: string; result?: never } | undefined;
  const [replyForm, reply] = useForm({
    id: "reply",
    lastResult: actionData?.intent === "reply" ? actionData.result : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplySchema }),
  });
  const editingPost = d.posts.find((p) => p.source !== null);
  const [editForm, edit] = useForm({
    id: "edit",
    lastResult: actionData?.intent === "edit" ? actionData.result : undefined,
    defaultValue: editingPost ? { body: editingPost.source, postId: editingPost.id, version: String(editingPost.version) } : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditSchema }),
  });
  const base = `/cohorts/${d.cohort.id}/discussion/${d.thread.id}`;
  return (
    <section className="narrow">
      <p>
        <Link to={`/cohorts/${d.cohort.id}`}>{t("learning.thread.back")}</Link> · {d.cohort.name}
      </p>
      <h1>{d.thread.title}</h1>
      <ol className="posts">
        {d.posts.map((p) => (
          <li key={p.id} className="card post" id={`post-${p.id}`}>
            <p className="muted">
              {t("learning.thread.postedBy", { name: p.author, when: p.when })}
              {p.edited ? ` · ${t("learning.thread.edited")}` : null}
            </p>
            {p.hidden ? <p className="notice notice-info">{d.canFacilitate ? p.hidden : t("learning.thread.hiddenForMembers")}</p> : null}
            {p.html !== null ? (
              // Rendered by micromark on the server: raw HTML escaped, dangerous link protocols dropped.
              <div className="post-body" dangerouslySetInnerHTML={{ __html: p.html }} />
            ) : null}
            {p.source !== null ? (
              // While editing, the current text stays above, so a conflict can be reviewed before saving again.
              <Form method="post" {...getFormProps(editForm)} action={`${base}?edit=${p.id}`}>
                <CsrfInput />
                <input type="hidden" name="intent" value="edit" />
                <input type="hidden" name={edit.postId.name} value={p.id} />
                <input type="hidden" name={edit.version.name} value={String(p.version)} />
                <FormErrors errors={editForm.errors} id={editForm.errorId} />
                <div className="field">
                  <label htmlFor={edit.body.id}>{t("learning.cohort.body")}</label>
                  <textarea {...getTextareaProps(edit.body)} key={edit.body.key} rows={6} />
                  <FieldErrors id={edit.body.errorId} errors={edit.body.errors} />
                </div>
                <button type="submit">{t("learning.thread.editSave")}</button> <Link to={base}>{t("app.cancel")}</Link>
              </Form>
            ) : null}
            <div className="post-actions">
              {p.mine && !p.hidden && p.source === null ? <Link to={`${base}?edit=${p.id}#post-${p.id}`}>{t("learning.thread.edit")}</Link> : null}
              {d.canFacilitate && !p.hidden ? (
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="postId" value={p.id} />
                  <button type="submit" name="intent" value="hide" className="button-secondary">
                    {t("learning.thread.hide")}
                  </button>
                </Form>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      <h2>{t("learning.thread.reply")}</h2>
      <Form method="post" {...getFormProps(replyForm)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="reply" />
        <FormErrors errors={replyForm.errors} id={replyForm.errorId} />
        <div className="field">
          <label htmlFor={reply.body.id}>{t("learning.cohort.body")}</label>
          <p className="hint" id={`${reply.body.id}-hint`}>
            {t("learning.cohort.bodyHint")}
          </p>
          <textarea {...getTextareaProps(reply.body, { ariaDescribedBy: `${reply.body.id}-hint` })} key={reply.body.key} rows={5} />
          <FieldErrors id={reply.body.errorId} errors={reply.body.errors} />
        </div>
        <button type="submit">{t("learning.thread.replySave")}</button>
      </Form>
    </section>
  );
}
