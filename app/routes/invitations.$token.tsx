import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { acceptInvitation, findOpenInvitation, roleLabel } from "~/domain/invitations.server";
import { getViewer, requireViewer, sessionPolicy } from "~/utils/auth.server";
import { readForm, replyWithError } from "~/utils/forms.server";
import { createSession, invalidateSession, sessionCookie, setSessionMembership } from "~/utils/session.server";
import { withNotice } from "~/utils/notices";
import { noticeValuesCookie } from "~/utils/notices.server";
import { formatDate } from "~/utils/format";
import { CsrfInput, Field, FormErrors, useSecretFieldKey, useForm } from "~/components/forms";
import { nameField, newPasswordField } from "~/utils/schemas";

export const meta: MetaFunction = () => [{ title: `${t("invitation.accept")} · ${t("app.name")}` }, { name: "referrer", content: "no-referrer" }];

const NewAccountSchema = z.object({ intent: z.literal("new-account"), name: nameField(), password: newPasswordField });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(context.db, params.token ?? "", context.now());
  if (!invitation) return data({ invitation: null, viewerEmail: null, loginPath: "/login" }, { status: 404 });
  const viewer = await getViewer(request, context);
  return {
    invitation: {
      email: invitation.email,
      tenantName: invitation.tenantName,
      inviterName: invitation.inviterName,
      roleLabel: roleLabel(invitation.role, invitation.kind),
      hasAccount: invitation.hasAccount,
      expiresOn: formatDate(invitation.expiresAt),
    },
    viewerEmail: viewer?.user.email ?? null,
    loginPath: `/login?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`,
  };
}

function homeFor(invitation: { kind: "foundation" | "organisation"; tenantId: string }) {
  return invitation.kind === "organisation" ? `/organisations/${invitation.tenantId}` : "/";
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const form = await readForm(request, context);
  const invitation = await findOpenInvitation(context.db, token, context.now());
  const policy = sessionPolicy(context);
  if (form.get("intent") === "accept-existing") {
    const viewer = await requireViewer(request, context);
    const submission = parseWithZod(form, { schema: z.object({ intent: z.literal("accept-existing") }) });
    try {
      const { membershipId } = await acceptInvitation(context.db, token, { existingUserId: viewer.user.id }, context.now());
      await setSessionMembership(context.db, viewer.session.id, membershipId);
    } catch (e) {
      return replyWithError(submission, e);
    }
    return redirect(withNotice(homeFor(invitation!), "welcome"), {
      headers: { "Set-Cookie": noticeValuesCookie(context, "welcome", { tenant: invitation!.tenantName }) },
    });
  }
  const submission = parseWithZod(form, { schema: NewAccountSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  try {
    const { userId, membershipId } = await acceptInvitation(context.db, token, { newAccount: submission.value }, context.now());
    const existing = await getViewer(request, context);
    if (existing) await invalidateSession(context.db, existing.session.id);
    const { token: sessionToken, session } = await createSession(context.db, policy, userId, membershipId, context.now());
    const headers = new Headers();
    headers.append("Set-Cookie", sessionCookie(policy, sessionToken, session.expiresAt));
    headers.append("Set-Cookie", noticeValuesCookie(context, "welcome", { tenant: invitation!.tenantName }));
    return redirect(withNotice(homeFor(invitation!), "welcome"), { headers });
  } catch (e) {
    return replyWithError(submission, e, ["password"]);
  }
}

export default function AcceptInvitation() {
  const { t } = useTranslation();
  const { invitation, viewerEmail, loginPath } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const secretKey = useSecretFieldKey(lastResult);
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewAccountSchema }),
  });
  if (!invitation) {
    return (
      <section className="narrow">
        <h1>{t("invitation.invalidTitle")}</h1>
        <p>{t("errors.invitationInvalid")}</p>
      </section>
    );
  }
  const signedInAsInvitee = viewerEmail === invitation.email;
  return (
    <section className="narrow">
      <h1>{t("invitation.title", { tenant: invitation.tenantName })}</h1>
      <p>
        {t("invitation.intro", {
          inviter: invitation.inviterName,
          email: invitation.email,
          tenant: invitation.tenantName,
          role: invitation.roleLabel,
        })}
      </p>
      <FormErrors errors={form.errors} id={form.errorId} />
      {signedInAsInvitee ? (
        <Form method="post">
          <CsrfInput />
          <p>{t("invitation.acceptAsYou", { email: invitation.email })}</p>
          <button type="submit" name="intent" value="accept-existing">
            {t("invitation.accept")}
          </button>
        </Form>
      ) : invitation.hasAccount || viewerEmail ? (
        <>
          <p>{viewerEmail ? t("errors.invitationWrongAccount", { email: invitation.email }) : t("invitation.existingAccount", { email: invitation.email })}</p>
          {viewerEmail ? null : (
            <p>
              <Link className="button" to={loginPath}>
                {t("invitation.loginToAccept")}
              </Link>
            </p>
          )}
        </>
      ) : (
        <Form method="post" {...getFormProps(form)}>
          <CsrfInput />
          <input type="hidden" name="intent" value="new-account" />
          <p>{t("invitation.newAccount")}</p>
          <Field label={t("invitation.name")} meta={fields.name} autoComplete="name" />
          <Field key={secretKey} label={t("invitation.password")} meta={fields.password} type="password" autoComplete="new-password" />
          <button type="submit">{t("invitation.accept")}</button>
        </Form>
      )}
    </section>
  );
}
