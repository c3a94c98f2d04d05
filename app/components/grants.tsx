import { Form, Link } from "@remix-run/react";
import { getFormProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { translateKey } from "~/i18n";
import { formatMoney, numberFormat } from "~/utils/format";
import { CommentSchema } from "~/utils/grant-schemas";
import { CsrfInput, FieldErrors, FormErrors, useForm } from "./forms";

/** Pieces shared by the two sides of a grant and by the portfolio. */

interface GrantFactsView {
  organisationName: string;
  foundationName: string;
  lineName: string;
  fiscalYear: number;
  kind: string;
  status: string;
  proposed: string;
  awarded: string | null;
  dates: string | null;
  officer: string | null;
}

/** The grant's facts; each side sees the other party named first. */
export function GrantFacts({ grant, side }: { grant: GrantFactsView; side: "foundation" | "organisation" }) {
  const { t } = useTranslation();
  return (
    <dl className="card">
      <dt>{side === "foundation" ? t("grants.grant.organisation") : t("grants.grant.foundation")}</dt>
      <dd>{side === "foundation" ? grant.organisationName : grant.foundationName}</dd>
      <dt>{t("grants.grant.line")}</dt>
      <dd>
        {grant.lineName} ({grant.fiscalYear}, {translateKey(t, `grants.kind.${grant.kind}`)})
      </dd>
      <dt>{t("grants.grant.status")}</dt>
      <dd>{translateKey(t, `grants.status.${grant.status}`)}</dd>
      <dt>{t("grants.grant.proposedBudget")}</dt>
      <dd>{grant.proposed}</dd>
      <dt>{t("grants.grant.awarded")}</dt>
      <dd>{grant.awarded ?? "—"}</dd>
      <dt>{t("grants.grant.dates")}</dt>
      <dd>{grant.dates ?? t("grants.grant.noDates")}</dd>
      <dt>{t("grants.grant.officer")}</dt>
      <dd>{grant.officer ?? t("grants.grant.noOfficer")}</dd>
    </dl>
  );
}

export function AllowanceSummary({
  allowanceCents,
  plannedCents,
  rule,
  locale,
}: {
  allowanceCents: number;
  plannedCents: number;
  rule: string;
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <dl className="card">
      <dt>{t("grants.grant.allowance")}</dt>
      <dd>
        <strong>{formatMoney(allowanceCents, locale)}</strong> <span className="muted">{rule}</span>
      </dd>
      <dt>{t("grants.grant.planned")}</dt>
      <dd>{formatMoney(plannedCents, locale)}</dd>
      <dt>{t("grants.grant.remaining")}</dt>
      <dd>{formatMoney(allowanceCents - plannedCents, locale)}</dd>
    </dl>
  );
}

export interface PlanLineView {
  id: string;
  pillar: string;
  purpose: string | null;
  description: string;
  amount_cents: number;
  practice_id?: string | null;
  practice_name?: string | null;
}

export function PlanTable({ lines, locale }: { lines: PlanLineView[]; locale: string }) {
  const { t } = useTranslation();
  if (lines.length === 0) return <p>{t("grants.plan.empty")}</p>;
  const total = lines.reduce((s, l) => s + l.amount_cents, 0);
  return (
    <div className="table-wrap">
      <table>
        <caption>{t("grants.plan.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("grants.plan.pillar")}</th>
            <th scope="col">{t("grants.plan.purpose")}</th>
            <th scope="col">{t("grants.plan.description")}</th>
            <th scope="col" className="num">
              {t("grants.plan.amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <td>{translateKey(t, `vocabulary.pillar.${l.pillar}`)}</td>
              <td>{l.purpose ? translateKey(t, `vocabulary.purpose.${l.purpose}`) : t("grants.plan.noPurpose")}</td>
              <td>
                {l.description}
                {l.practice_id && l.practice_name ? (
                  <>
                    {l.description ? " · " : null}
                    <Link to={`/practices/${l.practice_id}`}>{l.practice_name}</Link>
                  </>
                ) : null}
              </td>
              <td className="num">{formatMoney(l.amount_cents, locale)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t("grants.plan.total")}
            </th>
            <td className="num">{formatMoney(total, locale)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export interface CommentView {
  id: string;
  side: "foundation" | "organisation";
  body: string;
  author_name: string | null;
  at: string;
}

export function CommentThread({ comments, lastResult }: { comments: CommentView[]; lastResult?: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "comment",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CommentSchema }),
  });
  return (
    <section aria-labelledby="conversation-title">
      <h2 id="conversation-title">{t("grants.comments.title")}</h2>
      <p className="muted">{t("grants.comments.intro")}</p>
      {comments.length === 0 ? (
        <p>{t("grants.comments.empty")}</p>
      ) : (
        <ol className="stack">
          {comments.map((c) => (
            <li key={c.id} className="card">
              <p className="muted">
                {t(c.side === "foundation" ? "grants.comments.foundationSide" : "grants.comments.organisationSide", {
                  name: c.author_name || t("grants.comments.someone"),
                })}{" "}
                · {c.at}
              </p>
              <p>{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      <Form method="post" {...getFormProps(form)} className="card narrow">
        <CsrfInput />
        <input type="hidden" name="intent" value="comment" />
        <FormErrors errors={form.errors} id={form.errorId} />
        <div className="field">
          <label htmlFor={fields.body.id}>{t("grants.comments.body")}</label>
          <textarea {...getTextareaProps(fields.body)} key={fields.body.key} rows={4} />
          <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
        </div>
        <button type="submit">{t("grants.comments.post")}</button>
      </Form>
    </section>
  );
}

/**
 * Planned money as horizontal bars in one neutral colour (no grading), with the same
 * numbers in a table for screen readers and anyone who prefers figures.
 */
export function SpreadChart({
  id,
  title,
  labelHeader,
  rows,
  locale,
}: {
  id: string;
  title: string;
  labelHeader: string;
  rows: { label: string; cents: number }[];
  locale: string;
}) {
  const { t } = useTranslation();
  const total = rows.reduce((s, r) => s + r.cents, 0);
  const max = Math.max(1, ...rows.map((r) => r.cents));
  const rowHeight = 28;
  const labelWidth = 170;
  const barWidth = 330;
  const share = (cents: number) => (total === 0 ? "0%" : numberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(cents / total));
  return (
    <figure className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <svg
        role="img"
        aria-labelledby={`${id}-svg-title`}
        viewBox={`0 0 ${labelWidth + barWidth + 130} ${rows.length * rowHeight}`}
        width="100%"
        style={{ maxWidth: "40rem" }}
      >
        <title id={`${id}-svg-title`}>{title}</title>
        {rows.map((r, i) => {
          const width = Math.round((r.cents / max) * barWidth);
          const y = i * rowHeight;
          return (
            <g key={r.label}>
              <text x={0} y={y + 18} fontSize="13" fill="#1f2a2e">
                {r.label}
              </text>
              <rect x={labelWidth} y={y + 5} width={width} height={rowHeight - 10} fill="#2f5d62" />
              <text x={labelWidth + width + 6} y={y + 18} fontSize="13" fill="#1f2a2e">
                {formatMoney(r.cents, locale)}
              </text>
            </g>
          );
        })}
      </svg>
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            <th scope="col" className="num">
              {t("grants.portfolio.planned")}
            </th>
            <th scope="col" className="num">
              {t("grants.portfolio.share")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td className="num">{formatMoney(r.cents, locale)}</td>
              <td className="num">{share(r.cents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
