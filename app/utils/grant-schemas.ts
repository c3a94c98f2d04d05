import { z } from "zod";
import { t } from "~/i18n";
import { PILLARS, PURPOSES, type Pillar, type Purpose } from "~/domain/vocabulary";
import { parseMoney } from "./money";
import { parsePercentToBps } from "./percent";
import { emailField, nameField } from "./schemas";

/** Form schemas for grant lines, grants, plans and the conversation; used by the server and, for instant messages, the browser. */

const money = z.string({ required_error: t("errors.required") }).refine((v) => parseMoney(v) !== null, t("grants.errors.money"));
const optionalMoney = z
  .string()
  .optional()
  .refine((v) => v === undefined || parseMoney(v) !== null, t("grants.errors.money"));
const date = z
  .string()
  .optional()
  .refine((v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), t("grants.errors.date"));

export const GrantLineSchema = z.object({
  name: nameField(),
  fiscalYear: z
    .string({ required_error: t("errors.required") })
    .refine((v) => /^\d{4}$/.test(v.trim()) && Number(v) >= 2000 && Number(v) <= 2100, t("grants.errors.year")),
  description: z
    .string()
    .max(5000, t("errors.tooLong", { max: 5000 }))
    .optional(),
  kind: z.enum(["dedicated", "enhancement"], { required_error: t("grants.errors.kind"), invalid_type_error: t("grants.errors.kind") }),
  allowance: z
    .string()
    .optional()
    .refine((v) => v === undefined || parsePercentToBps(v) !== null, t("errors.allowanceRange")),
  version: z.string().optional(),
});

const grantFields = {
  title: nameField(),
  proposedBudget: money,
  awarded: optionalMoney,
  startsOn: date,
  endsOn: date,
  status: z.enum(["proposed", "active", "closed"], { required_error: t("grants.errors.status"), invalid_type_error: t("grants.errors.status") }),
  officerUserId: z.string().uuid(t("grants.errors.officer")).optional(),
};

function datesInOrder(v: { startsOn?: string; endsOn?: string }, ctx: z.RefinementCtx) {
  if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: t("grants.errors.datesOrder") });
}

export const GrantCreateSchema = z
  .object({
    ...grantFields,
    organisationId: z.string().uuid(t("grants.errors.organisation")).optional(),
    newOrganisationName: z
      .string()
      .trim()
      .max(200, t("errors.tooLong", { max: 200 }))
      .optional(),
    directorEmail: emailField.optional(),
  })
  .superRefine((v, ctx) => {
    datesInOrder(v, ctx);
    if (v.organisationId && (v.newOrganisationName || v.directorEmail)) {
      ctx.addIssue({ code: "custom", path: ["organisationId"], message: t("grants.errors.organisationBoth") });
    } else if (!v.organisationId && !v.newOrganisationName) {
      ctx.addIssue({ code: "custom", path: ["organisationId"], message: t("grants.errors.organisation") });
    } else if (v.newOrganisationName && !v.directorEmail) {
      ctx.addIssue({ code: "custom", path: ["directorEmail"], message: t("grants.errors.directorEmail") });
    }
  });

export const GrantEditSchema = z.object({ ...grantFields, version: z.string() }).superRefine(datesInOrder);

const planRow = z.object({
  pillar: z.string().optional(),
  purpose: z.string().optional(),
  description: z
    .string()
    .max(2000, t("errors.tooLong", { max: 2000 }))
    .optional(),
  amount: z.string().optional(),
  practice: z.string().max(100).optional(),
  remove: z.string().optional(),
});
type PlanRow = z.infer<typeof planRow>;

/** A row the user left entirely empty, or ticked for removal, is not part of the plan. */
export function isIgnoredRow(row: PlanRow | undefined) {
  return !row || Boolean(row.remove) || (!row.pillar && !row.purpose && !row.practice && !row.description?.trim() && !row.amount?.trim());
}

export const PlanSchema = z.object({ version: z.string(), lines: z.array(planRow.optional()).max(200).optional() }).superRefine((v, ctx) => {
  (v.lines ?? []).forEach((row, i) => {
    if (isIgnoredRow(row)) return;
    if (!row!.pillar || !(PILLARS as readonly string[]).includes(row!.pillar)) {
      ctx.addIssue({ code: "custom", path: ["lines", i, "pillar"], message: t("grants.errors.pillar") });
    }
    if (row!.purpose && !(PURPOSES as readonly string[]).includes(row!.purpose)) {
      ctx.addIssue({ code: "custom", path: ["lines", i, "purpose"], message: t("grants.errors.purpose") });
    }
    const cents = parseMoney(row!.amount);
    if (!row!.amount) ctx.addIssue({ code: "custom", path: ["lines", i, "amount"], message: t("errors.required") });
    else if (cents === null) ctx.addIssue({ code: "custom", path: ["lines", i, "amount"], message: t("grants.errors.money") });
    else if (cents === 0) ctx.addIssue({ code: "custom", path: ["lines", i, "amount"], message: t("grants.errors.positive") });
  });
});

export function planLinesFrom(value: z.infer<typeof PlanSchema>) {
  return (value.lines ?? [])
    .filter((row) => !isIgnoredRow(row))
    .map((row) => ({
      pillar: row!.pillar as Pillar,
      purpose: (row!.purpose || null) as Purpose | null,
      description: row!.description?.trim() ?? "",
      amountCents: parseMoney(row!.amount)!,
      practiceId: row!.practice || null,
    }));
}

export const CommentSchema = z.object({
  intent: z.literal("comment"),
  body: z
    .string({ required_error: t("errors.required") })
    .trim()
    .min(1, t("errors.required"))
    .max(5000, t("errors.tooLong", { max: 5000 })),
});

/** The domain's grant fields from a parsed grant form. */
export function grantFieldsFrom(v: z.infer<typeof GrantEditSchema> | z.infer<typeof GrantCreateSchema>) {
  return {
    title: v.title,
    proposedBudgetCents: parseMoney(v.proposedBudget)!,
    awardedCents: v.awarded ? parseMoney(v.awarded)! : null,
    startsOn: v.startsOn ?? null,
    endsOn: v.endsOn ?? null,
    status: v.status,
    officerUserId: v.officerUserId ?? null,
  };
}
