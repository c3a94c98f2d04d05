import { getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { Field, FieldErrors } from "./forms";

// Each form's own schema types its fields; these components only read a field's id, name, value and errors.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fields<K extends string> = Record<K, FieldMetadata<string | undefined, any, string[]>>;

export function GrantLineFields({
  fields,
  allowanceHint,
}: {
  fields: Fields<"name" | "fiscalYear" | "description" | "kind" | "allowance">;
  allowanceHint: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t("grants.lines.name")} meta={fields.name} autoComplete="off" />
      <Field label={t("grants.lines.fiscalYear")} meta={fields.fiscalYear} inputMode="numeric" />
      <div className="field">
        <label htmlFor={fields.description.id}>{t("grants.lines.description")}</label>
        <textarea {...getTextareaProps(fields.description)} key={fields.description.key} rows={3} />
        <FieldErrors id={fields.description.errorId} errors={fields.description.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.kind.id}>{t("grants.lines.kind")}</label>
        <select {...getSelectProps(fields.kind)} key={fields.kind.key}>
          <option value="enhancement">{t("grants.kind.enhancement")}</option>
          <option value="dedicated">{t("grants.kind.dedicated")}</option>
        </select>
        <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} />
      </div>
      <Field label={t("grants.lines.allowance")} meta={fields.allowance} inputMode="decimal" hint={allowanceHint} />
    </>
  );
}

/** Title, money, dates, status and officer: the fields a grant is created and edited with. */
export function GrantFields({
  fields,
  officers,
}: {
  fields: Fields<"title" | "proposedBudget" | "awarded" | "startsOn" | "endsOn" | "status" | "officerUserId">;
  officers: { id: string; name: string; email: string }[];
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t("grants.grant.title")} meta={fields.title} autoComplete="off" />
      <Field label={t("grants.grant.proposedBudget")} meta={fields.proposedBudget} inputMode="decimal" hint={t("grants.grant.moneyHint")} />
      <Field label={t("grants.grant.awarded")} meta={fields.awarded} inputMode="decimal" hint={t("grants.grant.awardedHint")} />
      <Field label={t("grants.grant.startsOn")} meta={fields.startsOn} type="date" />
      <Field label={t("grants.grant.endsOn")} meta={fields.endsOn} type="date" />
      <div className="field">
        <label htmlFor={fields.status.id}>{t("grants.grant.status")}</label>
        <select {...getSelectProps(fields.status)} key={fields.status.key}>
          <option value="proposed">{t("grants.status.proposed")}</option>
          <option value="active">{t("grants.status.active")}</option>
          <option value="closed">{t("grants.status.closed")}</option>
        </select>
        <FieldErrors id={fields.status.errorId} errors={fields.status.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.officerUserId.id}>{t("grants.grant.officer")}</label>
        <select {...getSelectProps(fields.officerUserId)} key={fields.officerUserId.key}>
          <option value="">{t("grants.grant.noOfficer")}</option>
          {officers.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name || o.email}
            </option>
          ))}
        </select>
        <FieldErrors id={fields.officerUserId.errorId} errors={fields.officerUserId.errors} />
      </div>
    </>
  );
}
