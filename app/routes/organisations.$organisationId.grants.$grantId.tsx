import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, getInputProps, getSelectProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { addComment, grantPageData, savePlan } from "~/domain/grants.server";
import { can } from "~/domain/permissions.server";
import { listSuggestablePractices } from "~/domain/practices.server";
import { PILLARS, PURPOSES } from "~/domain/vocabulary";
import { requireOrganisationCaller } from "~/utils/auth.server";
import { errorReply, readForm } from "~/utils/forms.server";
import { formText } from "~/utils/form-data";
import { forbidden, notFound, paramId } from "~/utils/http.server";
import { formatMoney } from "~/utils/format";
import { centsToInput, parseMoney } from "~/utils/money";
import { CommentSchema, PlanSchema, planLinesFrom } from "~/utils/grant-schemas";
import { grantView } from "~/utils/grant-view.server";
import { CsrfInput, FieldErrors, FormErrors, useForm } from "~/components/forms";
import { AllowanceSummary, GrantFacts, CommentThread, PlanTable, type PlanLineView } from "~/components/grants";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.grant.title ?? ""} · ${t("app.name")}` }];

/** Empty rows offered after the saved lines; saving brings fresh ones, so a plan can grow without JavaScript. */
const BLANK_ROWS = 3;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, caller } = await requireOrganisationCaller(request, context, params.organisationId, "read:grant");
  const grantId = paramId(params, "grantId");
  const [page, practices] = await Promise.all([
    grantPageData(context.db, caller, grantId),
    can(caller.membership, "edit:plan") ? listSuggestablePractices(context.db) : Promise.resolve([]),
  ]);
  if (!page) notFound();
  return {
    grant: grantView(page, viewer.user.locale),
    canEdit: page.may.editPlan,
    locale: viewer.user.locale,
    practices: practices.map((p) => ({ id: p.id, name: p.name })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  // Writing here (a comment or the plan) is for those who may comment; the plan checks its own permission too.
  const { caller, organisationId } = await requireOrganisationCaller(request, context, params.organisationId, "comment:grant");
  const grantId = paramId(params, "grantId");
  const form = await readForm(request, context);
  const base = `/organisations/${organisationId}/grants/${grantId}`;
  if (form.get("intent") === "comment") {
    const submission = parseWithZod(form, { schema: CommentSchema });
    if (submission.status !== "success") return data({ intent: "comment" as const, result: submission.reply(), current: null }, { status: 400 });
    try {
      await addComment(context.db, caller, grantId, { body: submission.value.body, now: context.now() });
    } catch (e) {
      if (errorReply(submission, e).status === 404) notFound();
      throw e;
    }
    return redirect(`${base}?notice=saved#conversation-title`);
  }
  if (!can(caller.membership, "edit:plan")) forbidden();
  const submission = parseWithZod(form, { schema: PlanSchema });
  if (submission.status !== "success") return data({ intent: "plan" as const, result: submission.reply(), current: null }, { status: 400 });
  try {
    await savePlan(context.db, caller, grantId, {
      basedOnVersion: Number(submission.value.version),
      lines: planLinesFrom(submission.value),
    });
  } catch (e) {
    const { result, status } = errorReply(submission, e);
    if (status === 404) notFound();
    // On a conflict the page shows the plan as saved now; the form keeps what the user typed.
    if (status === 409 && (e as Error).message === "grants.errors.planStale") {
      const page = await grantPageData(context.db, caller, grantId);
      if (!page) notFound();
      return data({ intent: "plan" as const, result, current: { version: String(page.grant.plan_version), plan: page.plan } }, { status });
    }
    return data({ intent: "plan" as const, result, current: null }, { status });
  }
  return redirect(`${base}?notice=saved`);
}

export default function OrganisationGrantPage() {
  const { t } = useTranslation();
  const { grant, canEdit, locale, practices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const conflict = actionData?.intent === "plan" && actionData.current ? actionData.current : null;
  return (
    <section>
      <p>
        <Link to={`/organisations/${grant.organisationId}/grants`}>{t("grants.organisation.title")}</Link>
      </p>
      <h1>{grant.title}</h1>
      <GrantFacts grant={grant} side="organisation" />
      <AllowanceSummary allowanceCents={grant.allowanceCents} plannedCents={grant.plannedCents} rule={grant.rule} locale={locale} />

      <h2 id="plan-title">{t("grants.plan.title")}</h2>
      {canEdit ? (
        <>
          <p className="muted">{t("grants.plan.introDirector")}</p>
          {conflict ? (
            <div className="notice notice-error" role="alert">
              <h3>{t("grants.plan.conflictTitle")}</h3>
              <p>{t("grants.plan.conflictCurrent")}</p>
              <PlanTable lines={conflict.plan} locale={locale} />
            </div>
          ) : (
            <PlanTable lines={grant.plan} locale={locale} />
          )}
          <PlanEditor
            key={conflict?.version ?? grant.planVersion}
            plan={grant.plan}
            version={conflict?.version ?? String(grant.planVersion)}
            allowanceCents={grant.allowanceCents}
            lastResult={actionData?.intent === "plan" ? actionData.result : undefined}
            locale={locale}
            practices={practices}
          />
        </>
      ) : (
        <>
          <p className="muted">{t("grants.plan.readOnlyStaff")}</p>
          <PlanTable lines={grant.plan} locale={locale} />
        </>
      )}

      {canEdit ? (
        <CommentThread comments={grant.comments} lastResult={actionData?.intent === "comment" ? actionData.result : undefined} />
      ) : (
        <section aria-labelledby="conversation-title">
          <h2 id="conversation-title">{t("grants.comments.title")}</h2>
          <p className="muted">{t("grants.comments.intro")}</p>
          {grant.comments.length === 0 ? (
            <p>{t("grants.comments.empty")}</p>
          ) : (
            <ol className="stack">
              {grant.comments.map((c) => (
                <li key={c.id} className="card">
                  <p className="muted">
                    {t(c.side === "foundation" ? "grants.comments.foundationSide" : "grants.comments.organisationSide", {
                      name: c.author_name || t("grants.comments.someone"),
                    })}{" "}
                    · {c.at}
                  </p>
                  <p>{c.body}</p>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </section>
  );
}

type Row = { pillar?: string; purpose?: string; description?: string; amount?: string; practice?: string; remove?: string };
type PracticeOption = { id: string; name: string };

/** What the running total counts: every row with an amount that parses, not ticked for removal. */
function totalOf(rows: Row[]) {
  return rows.reduce((sum, r) => (r.remove ? sum : sum + (parseMoney(r.amount ?? "") ?? 0)), 0);
}

function PlanEditor({
  plan,
  version,
  allowanceCents,
  lastResult,
  locale,
  practices,
}: {
  practices: PracticeOption[];
  plan: PlanLineView[];
  version: string;
  allowanceCents: number;
  lastResult?: SubmissionResult<string[]> | null;
  locale: string;
}) {
  const { t } = useTranslation();
  const defaultRows: Row[] = [
    ...plan.map((l) => ({
      pillar: l.pillar,
      purpose: l.purpose ?? "",
      description: l.description,
      amount: centsToInput(l.amount_cents),
      practice: l.practice_id ?? "",
    })),
    ...Array.from({ length: BLANK_ROWS }, () => ({})),
  ];
  const [form, fields] = useForm({
    id: "plan",
    lastResult,
    defaultValue: { version, lines: defaultRows },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PlanSchema }),
  });
  const rows = fields.lines.getFieldList();
  const initialRows = rows.map((r) => (r.initialValue ?? {}) as Row);
  const [total, setTotal] = useState(() => totalOf(initialRows));
  const onInput = (event: FormEvent<HTMLFormElement>) => {
    const data = new FormData(event.currentTarget);
    setTotal(totalOf(rows.map((r) => ({ amount: formText(data, `${r.name}.amount`), remove: data.get(`${r.name}.remove`) ? "on" : undefined }))));
  };
  const remaining = allowanceCents - total;
  return (
    <Form method="post" {...getFormProps(form)} onInput={onInput} onChange={onInput} className="card" aria-labelledby="plan-edit-title">
      <h3 id="plan-edit-title">{t("grants.plan.edit")}</h3>
      <p className="hint">{t("grants.plan.editHint")}</p>
      <CsrfInput />
      <input type="hidden" name="version" value={version} />
      <FormErrors errors={form.errors} id={form.errorId} />
      {rows.map((row, i) => (
        <PlanRow key={row.key} index={i} row={row.getFieldset()} existing={i < plan.length || Boolean(initialRows[i]?.amount)} practices={practices} />
      ))}
      <p className="hint">{t("grants.plan.moreRows")}</p>
      <div className="card" aria-live="polite" data-testid="plan-totals">
        <dl>
          <dt>{t("grants.plan.total")}</dt>
          <dd data-testid="plan-total">{formatMoney(total, locale)}</dd>
          <dt>{remaining >= 0 ? t("grants.plan.remaining") : t("grants.plan.over")}</dt>
          <dd data-testid="plan-remaining">{formatMoney(Math.abs(remaining), locale)}</dd>
        </dl>
      </div>
      <button type="submit">{t("grants.plan.save")}</button>
    </Form>
  );
}

/** A plan line's fields side by side where there is room. */
const ROW_GRID = { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(11rem, 1fr))", columnGap: "1rem", marginBottom: "1rem" } as const;

// Each row's fields; conform types them from the plan schema.
type RowFields = Record<"pillar" | "purpose" | "description" | "amount" | "practice" | "remove", FieldMetadata<string | undefined>>;

function PlanRow({ index, row, existing, practices }: { index: number; row: RowFields; existing: boolean; practices: PracticeOption[] }) {
  const { t } = useTranslation();
  const n = index + 1;
  return (
    <fieldset className="plan-row" style={ROW_GRID}>
      <legend>{t("grants.plan.line", { n })}</legend>
      <div className="field">
        <label htmlFor={row.pillar.id}>{t("grants.plan.pillar")}</label>
        <select {...getSelectProps(row.pillar)} key={row.pillar.key}>
          <option value="">—</option>
          {PILLARS.map((p) => (
            <option key={p} value={p}>
              {t(`vocabulary.pillar.${p}`)}
            </option>
          ))}
        </select>
        <FieldErrors id={row.pillar.errorId} errors={row.pillar.errors} />
      </div>
      <div className="field">
        <label htmlFor={row.purpose.id}>{t("grants.plan.purpose")}</label>
        <select {...getSelectProps(row.purpose)} key={row.purpose.key}>
          <option value="">{t("grants.plan.noPurpose")}</option>
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(`vocabulary.purpose.${p}`)}
            </option>
          ))}
        </select>
        <FieldErrors id={row.purpose.errorId} errors={row.purpose.errors} />
      </div>
      <div className="field">
        <label htmlFor={row.description.id}>{t("grants.plan.description")}</label>
        <input {...getInputProps(row.description, { type: "text" })} key={row.description.key} autoComplete="off" />
        <FieldErrors id={row.description.errorId} errors={row.description.errors} />
      </div>
      <div className="field">
        <label htmlFor={row.practice.id}>{t("grants.plan.practice")}</label>
        <select {...getSelectProps(row.practice)} key={row.practice.key}>
          <option value="">{t("grants.plan.noPractice")}</option>
          {practices.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <FieldErrors id={row.practice.errorId} errors={row.practice.errors} />
      </div>
      <div className="field">
        <label htmlFor={row.amount.id}>{t("grants.plan.amount")}</label>
        <input {...getInputProps(row.amount, { type: "text" })} key={row.amount.key} inputMode="decimal" autoComplete="off" />
        <FieldErrors id={row.amount.errorId} errors={row.amount.errors} />
      </div>
      {existing ? (
        <div className="field">
          <label>
            <input {...getInputProps(row.remove, { type: "checkbox", value: "on" })} key={row.remove.key} /> {t("grants.plan.remove")}
          </label>
        </div>
      ) : null}
    </fieldset>
  );
}
