import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { listOrganisationMembers } from "~/domain/memberships.server";
import { listOpenInvitations, roleLabel } from "~/domain/invitations.server";
import { requireOrganisationCaller } from "~/utils/auth.server";
import { ORGANISATION_ROLES } from "~/domain/permissions.server";
import { readForm } from "~/utils/forms.server";
import { handleInvitationIntent } from "~/utils/invitation-intents.server";
import { notFound } from "~/utils/http.server";
import { formatDate } from "~/utils/format";
import { Notice } from "~/components/forms";
import { InviteForm, OpenInvitations } from "~/components/invitations";

export const meta: MetaFunction = () => [{ title: `${t("organisation.membersTitle")} · ${t("app.name")}` }];

const ROLES = ORGANISATION_ROLES;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { caller, viewer } = await requireOrganisationCaller(request, context, params.organisationId, "manage:organisation-members");
  const locale = viewer.user.locale;
  const [members, invitations] = await Promise.all([listOrganisationMembers(context.db, caller), listOpenInvitations(context.db, caller, context.now())]);
  return {
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      email: m.email,
      roleLabel: roleLabel(m.role, "organisation"),
      since: formatDate(m.created_at, locale),
    })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      roleLabel: roleLabel(i.role, "organisation"),
      expiresOn: formatDate(i.expires_at, locale),
    })),
    roles: ROLES.map((r) => ({ value: r, label: roleLabel(r, "organisation") })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organisationId, caller } = await requireOrganisationCaller(request, context, params.organisationId, "manage:organisation-members");
  const form = await readForm(request, context);
  const handled = await handleInvitationIntent(form, context, caller, ROLES, `/organisations/${organisationId}/members`);
  if (handled) return handled;
  notFound();
}

export default function OrganisationMembers() {
  const { t } = useTranslation();
  const { members, invitations, roles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <h1>{t("organisation.membersTitle")}</h1>
      {actionData && "message" in actionData ? <Notice tone="error">{actionData.message}</Notice> : null}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("organisation.membersTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("foundation.member")}</th>
              <th scope="col">{t("foundation.email")}</th>
              <th scope="col">{t("foundation.role")}</th>
              <th scope="col">{t("foundation.since")}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>{m.name || "—"}</td>
                <td>{m.email}</td>
                <td>{m.roleLabel}</td>
                <td>{m.since}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("organisation.inviteStaff")}</h2>
      <div className="narrow">
        <InviteForm roles={roles} lastResult={actionData && "invite" in actionData ? actionData.invite : undefined} />
      </div>
      <h2>{t("foundation.openInvitations")}</h2>
      <OpenInvitations invitations={invitations} />
    </section>
  );
}
