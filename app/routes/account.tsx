import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { t, translateKey } from "~/i18n";
import { roleLabelKey } from "~/utils/roles";
import { changePassword, updateProfile } from "~/domain/accounts.server";
import { getEmailPreferences, setEmailPreferences } from "~/domain/learning-email.server";
import { EMAIL_SWITCHES } from "~/domain/email-switches";
import { requireViewer } from "~/utils/auth.server";
import { errorReply, readForm } from "~/utils/forms.server";
import { withNotice } from "~/utils/notices";
import { CsrfInput, Field, FieldErrors, FormErrors, useSecretFieldKey, useForm } from "~/components/forms";
import { nameField, newPasswordField } from "~/utils/schemas";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/utils/password-rules";

export const meta: MetaFunction = () => [{ title: `${t("account.title")} · ${t("app.name")}` }];

const ProfileSchema = z.object({ intent: z.literal("profile"), name: nameField(), locale: z.enum(["en", "es"]) });
const PasswordSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: z.string({ required_error: t("errors.required") }).max(1000),
    newPassword: newPasswordField,
    confirmPassword: z.string({ required_error: t("errors.required") }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: t("errors.passwordsDiffer"), path: ["confirmPassword"] });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  return {
    user: { name: viewer.user.name, email: viewer.user.email, locale: viewer.user.locale },
    memberships: viewer.memberships,
    emailPreferences: await getEmailPreferences(context.db, viewer.user.id),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const form = await readForm(request, context);
  if (form.get("intent") === "email") {
    // Unchecked boxes are not sent: each switch is on exactly when its box came back.
    const values = Object.fromEntries(EMAIL_SWITCHES.map((k) => [k, form.get(k) === "on"]));
    await setEmailPreferences(context.db, viewer.user.id, values, context.now());
    return redirect(withNotice("/account", "saved"));
  }
  if (form.get("intent") === "password") {
    const submission = parseWithZod(form, { schema: PasswordSchema });
    const hide = ["currentPassword", "newPassword", "confirmPassword"];
    if (submission.status !== "success") return data({ intent: "password" as const, result: submission.reply({ hideFields: hide }) }, { status: 400 });
    try {
      await changePassword(context.db, viewer.user.id, viewer.session.id, submission.value);
    } catch (e) {
      const { result, status } = errorReply(submission, e, hide);
      return data({ intent: "password" as const, result }, { status });
    }
    return redirect(withNotice("/account", "password-changed"));
  }
  const submission = parseWithZod(form, { schema: ProfileSchema });
  if (submission.status !== "success") return data({ intent: "profile" as const, result: submission.reply() }, { status: 400 });
  await updateProfile(context.db, viewer.user.id, submission.value);
  return redirect(withNotice("/account", "saved"));
}

export default function Account() {
  const { t } = useTranslation();
  const { user, memberships, emailPreferences } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [profileForm, profile] = useForm({
    id: "profile",
    lastResult: actionData?.intent === "profile" ? actionData.result : undefined,
    defaultValue: { name: user.name, locale: user.locale },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
  });
  const secretKey = useSecretFieldKey(actionData?.intent === "password" ? actionData : undefined);
  const [passwordForm, password] = useForm({
    id: "password",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSchema }),
  });
  return (
    <section className="narrow">
      <h1>{t("account.title")}</h1>
      <h2>{t("account.profile")}</h2>
      <p>
        {t("account.email")}: <strong>{user.email}</strong>
      </p>
      <Form method="post" {...getFormProps(profileForm)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="profile" />
        <FormErrors errors={profileForm.errors} />
        <Field label={t("account.name")} meta={profile.name} autoComplete="name" />
        <div className="field">
          <label htmlFor={profile.locale.id}>{t("account.language")}</label>
          <p className="hint" id={`${profile.locale.id}-hint`}>
            {t("account.languageHint")}
          </p>
          <select {...getSelectProps(profile.locale)} aria-describedby={`${profile.locale.id}-hint`} key={profile.locale.key}>
            <option value="en">{t("account.english")}</option>
            <option value="es">{t("account.spanish")}</option>
          </select>
          <FieldErrors id={profile.locale.errorId} errors={profile.locale.errors} />
        </div>
        <button type="submit">{t("account.saveProfile")}</button>
      </Form>

      <h2>{t("account.passwordTitle")}</h2>
      <Form method="post" {...getFormProps(passwordForm)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="password" />
        <FormErrors errors={passwordForm.errors} />
        <Field
          key={`${secretKey}-current`}
          label={t("account.currentPassword")}
          meta={password.currentPassword}
          type="password"
          autoComplete="current-password"
        />
        <Field
          key={`${secretKey}-new`}
          label={t("account.newPassword")}
          meta={password.newPassword}
          type="password"
          autoComplete="new-password"
          hint={t("account.passwordHint", { min: PASSWORD_MIN, max: PASSWORD_MAX })}
        />
        <Field key={`${secretKey}-confirm`} label={t("account.confirmPassword")} meta={password.confirmPassword} type="password" autoComplete="new-password" />
        <button type="submit">{t("account.changePassword")}</button>
      </Form>

      <h2>{t("learning.account.emailTitle")}</h2>
      <p className="muted">{t("learning.account.emailIntro")}</p>
      <Form method="post" id="email-preferences">
        <CsrfInput />
        <input type="hidden" name="intent" value="email" />
        <fieldset>
          <legend className="visually-hidden">{t("learning.account.emailTitle")}</legend>
          {EMAIL_SWITCHES.map((k) => (
            <label key={k} className="checkbox">
              <input type="checkbox" name={k} defaultChecked={emailPreferences[k]} /> {t(`learning.account.${k}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t("learning.account.save")}</button>
      </Form>

      <h2>{t("account.memberships")}</h2>
      <ul>
        {memberships.map((m) => (
          <li key={m.id}>
            {m.tenantName} · {translateKey(t, roleLabelKey(m.kind, m.role))}
          </li>
        ))}
      </ul>
    </section>
  );
}
