import type { Kysely } from "kysely";
import type { DB, GrantLineKind, GrantStatus } from "#db/schema";
import type { Pillar, Purpose } from "~/domain/vocabulary";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function createLine(
  db: Kysely<DB>,
  foundationId: string,
  overrides: { name?: string; fiscalYear?: number; kind?: GrantLineKind; allowanceBps?: number | null } = {},
) {
  const kind = overrides.kind ?? "enhancement";
  return db
    .insertInto("grant_line")
    .values({
      foundation_id: foundationId,
      name: overrides.name ?? `Line ${unique()}`,
      fiscal_year: overrides.fiscalYear ?? 2026,
      kind,
      allowance_bps: kind === "enhancement" ? (overrides.allowanceBps ?? 1000) : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A grant on a line; the organisation must already be the foundation's grantee. */
export async function createGrantRow(
  db: Kysely<DB>,
  line: { id: string; foundation_id: string },
  organisationId: string,
  overrides: { title?: string; proposedCents?: number; awardedCents?: number | null; status?: GrantStatus; officerUserId?: string | null } = {},
) {
  return db
    .insertInto("grant")
    .values({
      foundation_id: line.foundation_id,
      grant_line_id: line.id,
      organisation_id: organisationId,
      title: overrides.title ?? `Grant ${unique()}`,
      proposed_budget_cents: overrides.proposedCents ?? 100_000_00,
      awarded_cents: overrides.awardedCents ?? null,
      status: overrides.status ?? "active",
      officer_user_id: overrides.officerUserId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function addPlanLines(
  db: Kysely<DB>,
  grantId: string,
  lines: { pillar: Pillar; purpose?: Purpose | null; amountCents: number; description?: string }[],
) {
  if (lines.length === 0) return;
  await db
    .insertInto("plan_line")
    .values(
      lines.map((l, position) => ({
        grant_id: grantId,
        position,
        pillar: l.pillar,
        purpose: l.purpose ?? null,
        description: l.description ?? "",
        amount_cents: l.amountCents,
      })),
    )
    .execute();
}
