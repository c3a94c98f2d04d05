import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { needsSetup, setupFirstFoundation } from "~/domain/accounts.server";
import { sessionPolicy } from "~/utils/auth.server";
import { readForm, replyWithError } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";
import { createSession, sessionCookie } from "~/utils/session.server";
import { CsrfInput, Field, FormErrors, useSecretFieldKey, useForm } from "~/components/forms";
import { emailField, nameField, newPasswordField } from "~/utils/schemas";

export const meta: MetaFunction = () => [{ title: `${t("setup.title")} · ${t("app.name")}` }];

const SetupSchema = z.object({
  foundationName: nameField(),
  name: nameField(),
  email: emailField,
  password: newPasswordField,
});

export async function loader({ context }: LoaderFunctionArgs) {
  // Only a database without any account offers setup; afterwards the page does not exist.
  if (!(await needsSetup(context.db))) notFound();
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (!(await needsSetup(context.db))) notFound();
  const form = await readForm(request, context);
  const submission = parseWithZod(form, { schema: SetupSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  try {
    const created = await setupFirstFoundation(context.db, submission.value);
    const policy = sessionPolicy(context);
    const { token, session } = await createSession(context.db, policy, created.userId, created.membershipId, context.now());
    return redirect("/", { headers: { "Set-Cookie": sessionCookie(policy, token, session.expiresAt) } });
  } catch (e) {
    return replyWithError(submission, e, ["password"]);
  }
}

export default function Setup() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const secretKey = useSecretFieldKey(lastResult);
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SetupSchema }),
  });
  return (
    <section className="narrow">
      <h1>{t("setup.title")}</h1>
      <p>{t("setup.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <FormErrors errors={form.errors} id={form.errorId} />
        <Field label={t("setup.foundationName")} meta={fields.foundationName} autoComplete="organization" />
        <Field label={t("setup.name")} meta={fields.name} autoComplete="name" />
        <Field label={t("setup.email")} meta={fields.email} type="email" autoComplete="email" />
        <Field key={secretKey} label={t("setup.password")} meta={fields.password} type="password" autoComplete="new-password" />
        <button type="submit">{t("setup.submit")}</button>
      </Form>
    </section>
  );
}
