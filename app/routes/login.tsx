import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { authenticate, needsSetup, normaliseEmail } from "~/domain/accounts.server";
import { listMemberships } from "~/domain/memberships.server";
import { getViewer, sessionPolicy } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { deviceCookie, deviceFor } from "~/utils/device-cookie.server";
import { loginKeys } from "~/utils/rate-limit.server";
import { clientAddress, safeRedirectPath } from "~/utils/http.server";
import { createSession, invalidateSession, readSessionToken, sessionCookie } from "~/utils/session.server";
import { hashToken } from "~/utils/tokens.server";
import { CsrfInput, Field, FormErrors, useSecretFieldKey, useForm } from "~/components/forms";
import { emailField } from "~/utils/schemas";

export const meta: MetaFunction = () => [{ title: `${t("login.title")} · ${t("app.name")}` }];

const LoginSchema = z.object({
  email: emailField,
  password: z.string({ required_error: t("errors.required") }).max(1000),
  redirectTo: z.string().optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await needsSetup(context.db)) throw redirect("/setup");
  if (await getViewer(request, context)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const submission = parseWithZod(form, { schema: LoginSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const email = normaliseEmail(submission.value.email);
  // Keys for any typed address, known or not, so limits reveal nothing; a browser that signed in to it before is counted apart.
  const keys = loginKeys(email, clientAddress(request), deviceFor(request, context, email));
  const wait = await context.loginLimiter.blockedFor(keys.limited);
  if (wait > 0) {
    return data(submission.reply({ formErrors: [t("errors.rateLimited", { minutes: Math.ceil(wait / 60) })], hideFields: ["password"] }), { status: 429 });
  }
  const user = await authenticate(context.db, email, submission.value.password);
  if (!user) {
    await context.loginLimiter.consume(keys.limited);
    return data(submission.reply({ formErrors: [t("errors.badLogin")], hideFields: ["password"] }), { status: 400 });
  }
  for (const key of keys.clearedOnSuccess) await context.loginLimiter.reset(key);
  const policy = sessionPolicy(context);
  // A fresh session id at every login; whatever the browser held before is ended.
  const previous = readSessionToken(request, policy);
  if (previous && /^[a-z2-7]{32}$/.test(previous)) await invalidateSession(context.db, hashToken(previous));
  const memberships = await listMemberships(context.db, user.id);
  const { token, session } = await createSession(context.db, policy, user.id, memberships[0]?.id ?? null, context.now());
  return redirect(safeRedirectPath(submission.value.redirectTo), {
    headers: [
      ["Set-Cookie", sessionCookie(policy, token, session.expiresAt)],
      ["Set-Cookie", deviceCookie(request, context, email)],
    ],
  });
}

export default function Login() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const secretKey = useSecretFieldKey(lastResult);
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    // Errors already shown update while typing, not on blur: a message that vanished on
    // blur would move the button out from under a pointer that is pressing it.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <section className="narrow">
      <h1>{t("login.title")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <FormErrors errors={form.errors} id={form.errorId} />
        <Field label={t("login.email")} meta={fields.email} type="email" autoComplete="username" />
        <Field key={secretKey} label={t("login.password")} meta={fields.password} type="password" autoComplete="current-password" />
        <button type="submit">{t("login.submit")}</button>
      </Form>
    </section>
  );
}
