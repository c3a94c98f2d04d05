import { Form } from "@remix-run/react";
import { getFormProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { CsrfInput, Field, FieldErrors, FormErrors, useForm } from "./forms";
import { InviteSchema } from "~/utils/schemas";

export interface RoleOption {
  value: string;
  label: string;
}

export function InviteForm({ roles, lastResult }: { roles: RoleOption[]; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const schema = InviteSchema(roles.map((r) => r.value) as [string, ...string[]]);
  const [form, fields] = useForm({
    id: "invite",
    lastResult,
    defaultValue: { role: roles[roles.length - 1]?.value },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <CsrfInput />
      <input type="hidden" name="intent" value="invite" />
      <FormErrors errors={form.errors} id={form.errorId} />
      <Field label={t("foundation.email")} meta={fields.email} type="email" autoComplete="off" />
      <div className="field">
        <label htmlFor={fields.role.id}>{t("foundation.role")}</label>
        <select {...getSelectProps(fields.role)} key={fields.role.key}>
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        <FieldErrors id={fields.role.errorId} errors={fields.role.errors} />
      </div>
      <button type="submit">{t("foundation.invite")}</button>
    </Form>
  );
}

export interface OpenInvitationRow {
  id: string;
  email: string;
  roleLabel: string;
  expiresOn: string;
}

export function OpenInvitations({ invitations }: { invitations: OpenInvitationRow[] }) {
  const { t } = useTranslation();
  if (invitations.length === 0) return <p className="muted">{t("app.none")}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t("foundation.openInvitations")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("foundation.email")}</th>
            <th scope="col">{t("foundation.role")}</th>
            <th scope="col">{t("outbox.status")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("outbox.view")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((i) => (
            <tr key={i.id}>
              <td>{i.email}</td>
              <td>{i.roleLabel}</td>
              <td>{t("foundation.expires", { date: i.expiresOn })}</td>
              <td>
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="invitationId" value={i.id} />
                  <button type="submit" name="intent" value="resend" className="button-secondary">
                    {t("foundation.reinvite")}
                  </button>
                  <button type="submit" name="intent" value="withdraw" className="button-secondary">
                    {t("foundation.revoke")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
