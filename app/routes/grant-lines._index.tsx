import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { getFoundation } from "~/domain/foundations.server";
import { createGrantLine, listGrantLines } from "~/domain/grants.server";
import { requireFoundationCaller } from "~/utils/auth.server";
import { errorReply, readForm } from "~/utils/forms.server";
import { bpsToPercentString, parsePercentToBps } from "~/utils/percent";
import { formatMoney } from "~/utils/format";
import { GrantLineSchema } from "~/utils/grant-schemas";
import { CsrfInput, FormErrors, useForm } from "~/components/forms";
import { GrantLineFields } from "~/components/grant-forms";

export const meta: MetaFunction = () => [{ title: `${t("grants.lines.title")} · ${t("app.name")}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { caller, viewer } = await requireFoundationCaller(request, context, "manage:grant-line");
  const [lines, foundation] = await Promise.all([listGrantLines(context.db, caller), getFoundation(context.db, caller)]);
  const locale = viewer.user.locale;
  return {
    defaultPercent: bpsToPercentString(foundation.default_allowance_bps),
    lines: lines.map((l) => ({
      id: l.id,
      name: l.name,
      fiscalYear: l.fiscal_year,
      kind: l.kind,
      allowance: l.allowance_bps === null ? null : `${bpsToPercentString(l.allowance_bps)}%`,
      grants: l.grants,
      proposed: formatMoney(l.proposed_cents, locale),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { caller } = await requireFoundationCaller(request, context, "manage:grant-line");
  const form = await readForm(request, context);
  const submission = parseWithZod(form, { schema: GrantLineSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  let id: string;
  try {
    const line = await createGrantLine(context.db, caller, {
      name: v.name,
      fiscalYear: Number(v.fiscalYear),
      description: v.description?.trim() ?? "",
      kind: v.kind,
      allowanceBps: v.kind === "enhancement" && v.allowance ? parsePercentToBps(v.allowance)! : undefined,
    });
    id = line.id;
  } catch (e) {
    const { result, status } = errorReply(submission, e);
    return data(result, { status });
  }
  return redirect(`/grant-lines/${id}?notice=saved`);
}

export default function GrantLines() {
  const { t } = useTranslation();
  const { lines, defaultPercent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { kind: "enhancement", fiscalYear: String(new Date().getUTCFullYear()) },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GrantLineSchema }),
  });
  return (
    <section>
      <h1>{t("grants.lines.title")}</h1>
      <p className="muted">{t("grants.lines.intro")}</p>
      {lines.length === 0 ? (
        <p>{t("grants.lines.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("grants.lines.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("grants.lines.name")}</th>
                <th scope="col">{t("grants.lines.fiscalYear")}</th>
                <th scope="col">{t("grants.lines.kind")}</th>
                <th scope="col" className="num">
                  {t("grants.grant.allowance")}
                </th>
                <th scope="col" className="num">
                  {t("grants.lines.grants")}
                </th>
                <th scope="col" className="num">
                  {t("grants.lines.proposed")}
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id}>
                  <td>
                    <Link to={`/grant-lines/${l.id}`}>{l.name}</Link>
                  </td>
                  <td>{l.fiscalYear}</td>
                  <td>{t(`grants.kind.${l.kind}`)}</td>
                  <td className="num">{l.allowance ?? t("grants.lines.allowanceNone")}</td>
                  <td className="num">{l.grants}</td>
                  <td className="num">{l.proposed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="new-line">{t("grants.lines.newTitle")}</h2>
      <Form method="post" {...getFormProps(form)} className="card narrow" aria-labelledby="new-line">
        <CsrfInput />
        <FormErrors errors={form.errors} id={form.errorId} />
        <GrantLineFields fields={fields} allowanceHint={t("grants.lines.allowanceHint", { percent: defaultPercent })} />
        <button type="submit">{t("grants.lines.create")}</button>
      </Form>
    </section>
  );
}
