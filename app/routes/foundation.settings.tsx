import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { getFoundation, updateFoundationSettings } from "~/domain/foundations.server";
import { requireFoundationCaller } from "~/utils/auth.server";
import { errorReply, readForm } from "~/utils/forms.server";
import { withNotice } from "~/utils/notices";
import { parsePercentToBps, bpsToPercentString } from "~/utils/percent";
import { CsrfInput, Field, FormErrors, useForm } from "~/components/forms";
import { nameField } from "~/utils/schemas";

export const meta: MetaFunction = () => [{ title: `${t("foundation.settingsTitle")} · ${t("app.name")}` }];

const SettingsSchema = z.object({
  name: nameField(),
  defaultAllowance: z.string({ required_error: t("errors.required") }).refine((v) => parsePercentToBps(v) !== null, t("errors.allowanceRange")),
  minGroupSize: z.coerce
    .number({ required_error: t("errors.required"), invalid_type_error: t("errors.groupSizeRange") })
    .int(t("errors.groupSizeRange"))
    .min(5, t("errors.groupSizeRange"))
    .max(1000, t("errors.groupSizeRange")),
  version: z.string(),
});

function current(f: Awaited<ReturnType<typeof getFoundation>>) {
  return {
    name: f.name,
    defaultAllowance: bpsToPercentString(f.default_allowance_bps),
    minGroupSize: String(f.min_group_size),
    version: f.updated_at.toISOString(),
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { caller } = await requireFoundationCaller(request, context, "manage:foundation-settings");
  return { current: current(await getFoundation(context.db, caller)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { caller } = await requireFoundationCaller(request, context, "manage:foundation-settings");
  const form = await readForm(request, context);
  const submission = parseWithZod(form, { schema: SettingsSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), current: null }, { status: 400 });
  try {
    await updateFoundationSettings(context.db, caller, {
      name: submission.value.name,
      defaultAllowanceBps: parsePercentToBps(submission.value.defaultAllowance)!,
      minGroupSize: submission.value.minGroupSize,
      version: submission.value.version,
    });
  } catch (e) {
    // On a conflict the page shows what is saved now, and the form keeps what the user typed.
    const { result, status } = errorReply(submission, e);
    return data({ result, current: current(await getFoundation(context.db, caller)) }, { status });
  }
  return redirect(withNotice("/foundation/settings", "saved"));
}

export default function FoundationSettings() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const saved = actionData?.current ?? loaderData.current;
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: loaderData.current,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SettingsSchema }),
  });
  return (
    <section className="narrow">
      <h1>{t("foundation.settingsTitle")}</h1>
      <FormErrors errors={form.errors} id={form.errorId} />
      {actionData?.current ? (
        <div className="card" aria-live="polite">
          <dl>
            <dt>{t("foundation.name")}</dt>
            <dd>{saved.name}</dd>
            <dt>{t("foundation.defaultAllowance")}</dt>
            <dd>{saved.defaultAllowance}%</dd>
            <dt>{t("foundation.minGroupSize")}</dt>
            <dd>{saved.minGroupSize}</dd>
          </dl>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="version" value={saved.version} />
        <Field label={t("foundation.name")} meta={fields.name} />
        <Field label={t("foundation.defaultAllowance")} meta={fields.defaultAllowance} inputMode="decimal" hint={t("foundation.defaultAllowanceHint")} />
        <Field label={t("foundation.minGroupSize")} meta={fields.minGroupSize} type="number" hint={t("foundation.minGroupSizeHint")} />
        <button type="submit">{t("app.save")}</button>
      </Form>
    </section>
  );
}
