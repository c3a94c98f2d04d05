import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { addComment, grantPageData, listOfficers, updateGrant } from "~/domain/grants.server";
import { requireFoundationCaller } from "~/utils/auth.server";
import { errorReply, readForm } from "~/utils/forms.server";
import { notFound, paramId } from "~/utils/http.server";
import { CommentSchema, GrantEditSchema, grantFieldsFrom } from "~/utils/grant-schemas";
import { grantView } from "~/utils/grant-view.server";
import { CsrfInput, FormErrors, useForm } from "~/components/forms";
import { GrantFields } from "~/components/grant-forms";
import { AllowanceSummary, GrantFacts, CommentThread, PlanTable } from "~/components/grants";
import { keptDocument } from "~/utils/kept-document";

export const handle = keptDocument;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.grant.title ?? ""} · ${t("app.name")}` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, caller } = await requireFoundationCaller(request, context, "manage:grant");
  const grantId = paramId(params, "grantId");
  const [page, officers] = await Promise.all([grantPageData(context.db, caller, grantId), listOfficers(context.db, caller)]);
  if (!page) notFound();
  return { grant: grantView(page, viewer.user.locale), officers, locale: viewer.user.locale };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, caller } = await requireFoundationCaller(request, context, "manage:grant");
  const grantId = paramId(params, "grantId");
  const form = await readForm(request, context);
  if (form.get("intent") === "comment") {
    const submission = parseWithZod(form, { schema: CommentSchema });
    if (submission.status !== "success") return data({ intent: "comment" as const, result: submission.reply(), current: null }, { status: 400 });
    try {
      await addComment(context.db, caller, grantId, { body: submission.value.body, now: context.now() });
    } catch (e) {
      const { status } = errorReply(submission, e);
      if (status === 404) notFound();
      throw e;
    }
    return redirect(`/grants/${grantId}?notice=saved#conversation-title`);
  }
  const submission = parseWithZod(form, { schema: GrantEditSchema });
  if (submission.status !== "success") return data({ intent: "grant" as const, result: submission.reply(), current: null }, { status: 400 });
  try {
    await updateGrant(context.db, caller, grantId, {
      version: Number(submission.value.version),
      ...grantFieldsFrom(submission.value),
    });
  } catch (e) {
    const { result, status } = errorReply(submission, e);
    if (status === 404) notFound();
    const page = status === 409 ? await grantPageData(context.db, caller, grantId) : undefined;
    return data({ intent: "grant" as const, result, current: page ? grantView(page, viewer.user.locale).form : null }, { status });
  }
  return redirect(`/grants/${grantId}?notice=saved`);
}

export default function OfficerGrantPage() {
  const { t } = useTranslation();
  const { grant, officers, locale } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const version = actionData?.intent === "grant" && actionData.current ? actionData.current.version : grant.form.version;
  const [form, fields] = useForm({
    id: "grant",
    lastResult: actionData?.intent === "grant" ? actionData.result : undefined,
    defaultValue: grant.form,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GrantEditSchema }),
  });
  return (
    <section>
      <p>
        <Link to={`/grant-lines/${grant.lineId}`}>{grant.lineName}</Link> · <Link to="/portfolio">{t("grants.portfolio.title")}</Link>
      </p>
      <h1>{grant.title}</h1>
      <GrantFacts grant={grant} side="foundation" />
      <AllowanceSummary allowanceCents={grant.allowanceCents} plannedCents={grant.plannedCents} rule={grant.rule} locale={locale} />

      <h2>{t("grants.plan.title")}</h2>
      <p className="muted">{t("grants.plan.introOfficer")}</p>
      <PlanTable lines={grant.plan} locale={locale} />

      <CommentThread comments={grant.comments} lastResult={actionData?.intent === "comment" ? actionData.result : undefined} />

      <h2 id="edit-grant">{t("grants.grant.editTitle")}</h2>
      {actionData?.intent === "grant" && actionData.current ? (
        <div className="card" aria-live="polite">
          <dl>
            <dt>{t("grants.grant.title")}</dt>
            <dd>{actionData.current.title}</dd>
            <dt>{t("grants.grant.proposedBudget")}</dt>
            <dd>{actionData.current.proposedBudget}</dd>
            <dt>{t("grants.grant.awarded")}</dt>
            <dd>{actionData.current.awarded || "—"}</dd>
            <dt>{t("grants.grant.status")}</dt>
            <dd>{t(`grants.status.${actionData.current.status}`)}</dd>
          </dl>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="card narrow" aria-labelledby="edit-grant">
        <CsrfInput />
        <input type="hidden" name="intent" value="grant" />
        <input type="hidden" name="version" value={version} />
        <FormErrors errors={form.errors} id={form.errorId} />
        <GrantFields fields={fields} officers={officers} />
        <button type="submit">{t("app.save")}</button>
      </Form>
    </section>
  );
}
