import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { listGrantees } from "~/domain/foundations.server";
import { DomainError } from "~/domain/errors";
import { createGrant, getGrantLine, listGrantsOfLine, listOfficers, updateGrantLine } from "~/domain/grants.server";
import { requireFoundationCaller } from "~/utils/auth.server";
import { errorReply, readForm } from "~/utils/forms.server";
import { notFound, paramId } from "~/utils/http.server";
import { bpsToPercentString, parsePercentToBps } from "~/utils/percent";
import { formatMoney } from "~/utils/format";
import { GrantCreateSchema, GrantLineSchema, grantFieldsFrom } from "~/utils/grant-schemas";
import { CsrfInput, Field, FieldErrors, FormErrors, useForm } from "~/components/forms";
import { GrantFields, GrantLineFields } from "~/components/grant-forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.line.name ?? ""} · ${t("app.name")}` }];

function lineValues(line: NonNullable<Awaited<ReturnType<typeof getGrantLine>>>) {
  return {
    name: line.name,
    fiscalYear: String(line.fiscal_year),
    description: line.description,
    kind: line.kind,
    allowance: line.allowance_bps === null ? "" : bpsToPercentString(line.allowance_bps),
    version: String(line.version),
  };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, caller } = await requireFoundationCaller(request, context, "manage:grant-line");
  const lineId = paramId(params, "lineId");
  const line = await getGrantLine(context.db, caller, lineId);
  if (!line) notFound();
  const [grants, grantees, officers] = await Promise.all([
    listGrantsOfLine(context.db, caller, lineId),
    listGrantees(context.db, caller),
    listOfficers(context.db, caller),
  ]);
  const locale = viewer.user.locale;
  return {
    line: { id: line.id, ...lineValues(line) },
    grantCount: grants.count,
    grants: grants.rows.map((g) => ({
      id: g.id,
      title: g.title,
      organisation: g.organisation_name,
      status: g.status,
      proposed: formatMoney(g.proposed_budget_cents, locale),
      allowance: formatMoney(g.allowance_cents, locale),
      planned: formatMoney(g.planned_cents, locale),
    })),
    grantees: grantees.map((g) => ({ id: g.id, name: g.name })),
    officers,
    viewerId: viewer.user.id,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, caller } = await requireFoundationCaller(request, context, "manage:grant-line");
  const lineId = paramId(params, "lineId");
  const form = await readForm(request, context);
  if (form.get("intent") === "line") {
    const submission = parseWithZod(form, { schema: GrantLineSchema });
    if (submission.status !== "success") return data({ intent: "line" as const, result: submission.reply(), current: null }, { status: 400 });
    const v = submission.value;
    try {
      await updateGrantLine(context.db, caller, lineId, {
        name: v.name,
        fiscalYear: Number(v.fiscalYear),
        description: v.description?.trim() ?? "",
        kind: v.kind,
        allowanceBps: v.kind === "enhancement" && v.allowance ? parsePercentToBps(v.allowance)! : undefined,
        version: Number(v.version),
      });
    } catch (e) {
      const { result, status } = errorReply(submission, e);
      if (status === 404) notFound();
      const line = status === 409 ? await getGrantLine(context.db, caller, lineId) : undefined;
      return data({ intent: "line" as const, result, current: line ? lineValues(line) : null }, { status });
    }
    return redirect(`/grant-lines/${lineId}?notice=saved`);
  }
  const submission = parseWithZod(form, { schema: GrantCreateSchema });
  if (submission.status !== "success") return data({ intent: "grant" as const, result: submission.reply(), current: null }, { status: 400 });
  const v = submission.value;
  let grantId: string;
  try {
    if (!v.organisationId) {
      const wait = await context.invitationLimiter.consume([`invite-user:${viewer.user.id}`]);
      if (wait > 0) throw new DomainError("errors.rateLimited", undefined, { minutes: Math.ceil(wait / 60) }, 429);
    }
    const created = await createGrant(context.db, caller, {
      lineId,
      grantee: v.organisationId ? { organisationId: v.organisationId } : { newOrganisation: { name: v.newOrganisationName!, directorEmail: v.directorEmail! } },
      publicUrl: context.config.publicUrl,
      now: context.now(),
      ...grantFieldsFrom(v),
    });
    grantId = created.id;
  } catch (e) {
    const { result, status } = errorReply(submission, e);
    if (status === 404) notFound();
    return data({ intent: "grant" as const, result, current: null }, { status });
  }
  return redirect(`/grants/${grantId}?notice=saved`);
}

export default function GrantLinePage() {
  const { t } = useTranslation();
  const { line, grants, grantCount, grantees, officers, viewerId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const saved = actionData?.intent === "line" && actionData.current ? actionData.current : line;
  const [lineForm, lineFields] = useForm({
    id: "line",
    lastResult: actionData?.intent === "line" ? actionData.result : undefined,
    defaultValue: line,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GrantLineSchema }),
  });
  const [grantForm, grantFields] = useForm({
    id: "grant",
    lastResult: actionData?.intent === "grant" ? actionData.result : undefined,
    defaultValue: { status: "proposed", officerUserId: officers.some((o) => o.id === viewerId) ? viewerId : "" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GrantCreateSchema }),
  });
  return (
    <section>
      <p>
        <Link to="/grant-lines">{t("grants.lines.title")}</Link>
      </p>
      <h1>{line.name}</h1>
      <p className="muted">
        {line.fiscalYear} · {t(`grants.kind.${line.kind}`)}
        {line.kind === "enhancement" ? ` · ${t("grants.grant.allowanceRule", { percent: line.allowance })}` : ""}
      </p>
      {line.description ? <p>{line.description}</p> : null}

      <h2>{t("grants.lines.grantsTitle")}</h2>
      {grants.length === 0 ? (
        <p>{t("grants.lines.noGrants")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("grants.lines.grantsTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("grants.grant.title")}</th>
                <th scope="col">{t("grants.grant.organisation")}</th>
                <th scope="col">{t("grants.grant.status")}</th>
                <th scope="col" className="num">
                  {t("grants.grant.proposedBudget")}
                </th>
                <th scope="col" className="num">
                  {t("grants.grant.allowance")}
                </th>
                <th scope="col" className="num">
                  {t("grants.grant.planned")}
                </th>
              </tr>
            </thead>
            <tbody>
              {grants.map((g) => (
                <tr key={g.id}>
                  <td>
                    <Link to={`/grants/${g.id}`}>{g.title}</Link>
                  </td>
                  <td>{g.organisation}</td>
                  <td>{t(`grants.status.${g.status}`)}</td>
                  <td className="num">{g.proposed}</td>
                  <td className="num">{g.allowance}</td>
                  <td className="num">{g.planned}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {grantCount > grants.length ? (
        <p>
          <Link to={`/portfolio?line=${line.id}`}>{t("grants.lines.allInPortfolio", { count: grantCount })}</Link>
        </p>
      ) : null}

      <h2 id="new-grant">{t("grants.grant.newTitle")}</h2>
      <Form method="post" {...getFormProps(grantForm)} className="card narrow" aria-labelledby="new-grant">
        <CsrfInput />
        <input type="hidden" name="intent" value="grant" />
        <FormErrors errors={grantForm.errors} id={grantForm.errorId} />
        <div className="field">
          <label htmlFor={grantFields.organisationId.id}>{t("grants.grant.organisation")}</label>
          <select {...getSelectProps(grantFields.organisationId)} key={grantFields.organisationId.key}>
            <option value="">{t("grants.grant.chooseOrganisation")}</option>
            {grantees.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <FieldErrors id={grantFields.organisationId.errorId} errors={grantFields.organisationId.errors} />
        </div>
        <fieldset>
          <legend>{t("grants.grant.newOrganisationLegend")}</legend>
          <p className="hint">{t("grants.grant.newOrganisationHint")}</p>
          <Field label={t("grants.grant.newOrganisationName")} meta={grantFields.newOrganisationName} autoComplete="off" />
          <Field label={t("grants.grant.directorEmail")} meta={grantFields.directorEmail} type="email" autoComplete="off" />
        </fieldset>
        <GrantFields fields={grantFields} officers={officers} />
        <button type="submit">{t("grants.grant.create")}</button>
      </Form>

      <h2 id="edit-line">{t("grants.lines.editTitle")}</h2>
      {actionData?.intent === "line" && actionData.current ? (
        <div className="card" aria-live="polite">
          <dl>
            <dt>{t("grants.lines.name")}</dt>
            <dd>{saved.name}</dd>
            <dt>{t("grants.lines.fiscalYear")}</dt>
            <dd>{saved.fiscalYear}</dd>
            <dt>{t("grants.lines.kind")}</dt>
            <dd>{t(`grants.kind.${saved.kind}`)}</dd>
            <dt>{t("grants.lines.allowance")}</dt>
            <dd>{saved.allowance ? `${saved.allowance}%` : t("grants.lines.allowanceNone")}</dd>
          </dl>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(lineForm)} className="card narrow" aria-labelledby="edit-line">
        <CsrfInput />
        <input type="hidden" name="intent" value="line" />
        <input type="hidden" name="version" value={saved.version} />
        <FormErrors errors={lineForm.errors} id={lineForm.errorId} />
        <GrantLineFields fields={lineFields} allowanceHint={t("grants.lines.allowanceEditHint")} />
        <button type="submit">{t("app.save")}</button>
      </Form>
    </section>
  );
}
