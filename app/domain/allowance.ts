import type { GrantLineKind } from "#db/schema";

export interface AllowanceBasis {
  kind: GrantLineKind;
  allowanceBps: number | null;
  proposedBudgetCents: number;
  awardedCents: number | null;
}

/**
 * The STS money a grant may plan: floor(proposed budget × allowance / 10000) on an
 * enhancement line, the awarded amount on a dedicated line (nothing until it is awarded).
 * BigInt, because $10 billion × 10000 basis points is past the exact range of a number.
 * The SQL twin is `allowanceSql` in grants.server.ts; tests hold them to the same answers.
 */
export function allowanceCents(basis: AllowanceBasis): number {
  if (basis.kind === "dedicated") return basis.awardedCents ?? 0;
  const bps = BigInt(basis.allowanceBps ?? 0);
  return Number((BigInt(basis.proposedBudgetCents) * bps) / 10000n);
}

/** The smallest proposed budget whose allowance still covers `plannedCents` at `bps`. */
export function minimumBudgetFor(plannedCents: number, bps: number): number | null {
  if (plannedCents === 0) return 0;
  if (bps === 0) return null;
  const b = BigInt(bps);
  return Number((BigInt(plannedCents) * 10000n + b - 1n) / b);
}
