import { t } from "~/i18n";
import type { grantPageData } from "~/domain/grants.server";
import { formatDate, formatDateTime, formatMoney } from "./format";
import { bpsToPercentString } from "./percent";
import { centsToInput } from "./money";

type PageData = NonNullable<Awaited<ReturnType<typeof grantPageData>>>;

/** A grant page's data as plain, formatted values, the same for both sides; what the viewer may do there is the domain's answer. */
export function grantView(data: PageData, locale: string) {
  const g = data.grant;
  const rule =
    g.kind === "enhancement"
      ? String(t("grants.grant.allowanceRule", { percent: bpsToPercentString(g.allowance_bps ?? 0) }))
      : String(t(g.awarded_cents === null ? "grants.grant.allowanceRuleDedicatedPending" : "grants.grant.allowanceRuleDedicated"));
  return {
    id: g.id,
    title: g.title,
    organisationId: g.organisation_id,
    organisationName: g.organisation_name,
    foundationName: g.foundation_name,
    lineId: g.grant_line_id,
    lineName: g.line_name,
    fiscalYear: g.fiscal_year,
    kind: g.kind,
    status: g.status,
    officer: g.officer_name || g.officer_email || null,
    proposed: formatMoney(g.proposed_budget_cents, locale),
    awarded: g.awarded_cents === null ? null : formatMoney(g.awarded_cents, locale),
    dates:
      g.starts_on || g.ends_on
        ? String(t("grants.grant.fromTo", { from: g.starts_on ? formatDate(g.starts_on, locale) : "…", to: g.ends_on ? formatDate(g.ends_on, locale) : "…" }))
        : null,
    allowanceCents: g.allowance_cents,
    plannedCents: g.planned_cents,
    rule,
    planVersion: g.plan_version,
    may: data.may,
    plan: data.plan,
    comments: data.comments.map((c) => ({ id: c.id, side: c.side, body: c.body, author_name: c.author_name, at: formatDateTime(c.created_at, locale) })),
    form: {
      title: g.title,
      proposedBudget: centsToInput(g.proposed_budget_cents),
      awarded: centsToInput(g.awarded_cents),
      startsOn: g.starts_on ?? "",
      endsOn: g.ends_on ?? "",
      status: g.status,
      officerUserId: g.officer_user_id ?? "",
      version: String(g.version),
    },
  };
}
