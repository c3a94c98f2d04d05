import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { t, translateKey } from "~/i18n";
import { listFoundationMembers } from "~/domain/memberships.server";
import { listOpenInvitations, roleLabel } from "~/domain/invitations.server";
import { removeFoundationMember } from "~/domain/foundations.server";
import { DomainError } from "~/domain/errors";
import { requireFoundationCaller } from "~/utils/auth.server";
import { FOUNDATION_ROLES } from "~/domain/permissions.server";
import { readForm } from "~/utils/forms.server";
import { formText } from "~/utils/form-data";
import { handleInvitationIntent } from "~/utils/invitation-intents.server";
import { notFound } from "~/utils/http.server";
import { isId } from "~/utils/ids";
import { withNotice } from "~/utils/notices";
import { formatDate } from "~/utils/format";
import { CsrfInput, Notice } from "~/components/forms";
import { InviteForm, OpenInvitations } from "~/components/invitations";

export const meta: MetaFunction = () => [{ title: `${t("foundation.membersTitle")} · ${t("app.name")}` }];

const ROLES = FOUNDATION_ROLES;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { caller, viewer } = await requireFoundationCaller(request, context, "manage:foundation-members");
  const locale = viewer.user.locale;
  const [members, invitations] = await Promise.all([listFoundationMembers(context.db, caller), listOpenInvitations(context.db, caller, context.now())]);
  return {
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      email: m.email,
      roleLabel: roleLabel(m.role, "foundation"),
      since: formatDate(m.created_at, locale),
    })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      roleLabel: roleLabel(i.role, "foundation"),
      expiresOn: formatDate(i.expires_at, locale),
    })),
    roles: ROLES.map((r) => ({ value: r, label: roleLabel(r, "foundation") })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { caller } = await requireFoundationCaller(request, context, "manage:foundation-members");
  const form = await readForm(request, context);
  const handled = await handleInvitationIntent(form, context, caller, ROLES, "/foundation/members");
  if (handled) return handled;
  if (form.get("intent") === "remove") {
    const membershipId = formText(form, "membershipId");
    if (!isId(membershipId)) notFound();
    try {
      await removeFoundationMember(context.db, caller, membershipId);
    } catch (e) {
      if (e instanceof DomainError && e.status === 404) notFound();
      if (e instanceof DomainError) return data({ message: translateKey(t, e.message) }, { status: e.status });
      throw e;
    }
    return redirect(withNotice("/foundation/members", "member-removed"));
  }
  notFound();
}

export default function FoundationMembers() {
  const { t } = useTranslation();
  const { members, invitations, roles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <h1>{t("foundation.membersTitle")}</h1>
      {actionData && "message" in actionData ? <Notice tone="error">{actionData.message}</Notice> : null}
      <div className="table-wrap">
        <table>
          <caption>{t("foundation.membersTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("foundation.member")}</th>
              <th scope="col">{t("foundation.email")}</th>
              <th scope="col">{t("foundation.role")}</th>
              <th scope="col">{t("foundation.since")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("foundation.remove")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>{m.name || "—"}</td>
                <td>{m.email}</td>
                <td>{m.roleLabel}</td>
                <td>{m.since}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="membershipId" value={m.id} />
                    <button type="submit" name="intent" value="remove" className="button-secondary" aria-label={`${t("foundation.remove")} ${m.email}`}>
                      {t("foundation.remove")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("foundation.inviteTitle")}</h2>
      <div className="narrow">
        <InviteForm roles={roles} lastResult={actionData && "invite" in actionData ? actionData.invite : undefined} />
      </div>
      <h2>{t("foundation.openInvitations")}</h2>
      <OpenInvitations invitations={invitations} />
    </section>
  );
}
