import { describe, expect, it } from "vitest";
import { MAX_MONEY_CENTS } from "~/utils/money";
import { allowanceCents, minimumBudgetFor } from "./allowance";

const enhancement = (proposedBudgetCents: number, allowanceBps: number) =>
  allowanceCents({ kind: "enhancement", allowanceBps, proposedBudgetCents, awardedCents: null });

describe("allowanceCents", () => {
  it("is 10% of the proposed budget by default", () => {
    expect(enhancement(100_000_00, 1000)).toBe(10_000_00);
  });
  it("rounds down to the cent", () => {
    expect(enhancement(999, 1000)).toBe(99); // 99.9 cents
    expect(enhancement(1, 9999)).toBe(0);
    expect(enhancement(12_345, 1234)).toBe(1523); // 1523.373
  });
  it("is nothing at 0% and the whole budget at 100%", () => {
    expect(enhancement(123_456_78, 0)).toBe(0);
    expect(enhancement(123_456_78, 10000)).toBe(123_456_78);
  });
  it("is nothing for a zero budget", () => {
    expect(enhancement(0, 1000)).toBe(0);
    expect(enhancement(0, 10000)).toBe(0);
  });
  it("stays exact at the largest amounts, where float arithmetic would not", () => {
    expect(enhancement(MAX_MONEY_CENTS, 10000)).toBe(MAX_MONEY_CENTS);
    expect(enhancement(MAX_MONEY_CENTS, 1000)).toBe(100_000_000_000);
    expect(enhancement(MAX_MONEY_CENTS - 1, 9999)).toBe(999_899_999_999); // floor(999999999999 × 0.9999)
    expect(enhancement(999_999_999_999, 3333)).toBe(333_299_999_999);
  });
  it("is the awarded amount on a dedicated line, nothing before the award", () => {
    expect(allowanceCents({ kind: "dedicated", allowanceBps: null, proposedBudgetCents: 500_00, awardedCents: 450_00 })).toBe(450_00);
    expect(allowanceCents({ kind: "dedicated", allowanceBps: null, proposedBudgetCents: 500_00, awardedCents: null })).toBe(0);
    expect(allowanceCents({ kind: "dedicated", allowanceBps: null, proposedBudgetCents: 0, awardedCents: MAX_MONEY_CENTS })).toBe(MAX_MONEY_CENTS);
  });
});

describe("minimumBudgetFor", () => {
  it("is the smallest budget whose allowance covers the plan", () => {
    for (const [planned, bps] of [
      [1523, 1234],
      [1, 1000],
      [99, 1000],
      [100_000_000_000, 1000],
      [7, 3],
    ] as const) {
      const min = minimumBudgetFor(planned, bps)!;
      expect(enhancement(min, bps)).toBeGreaterThanOrEqual(planned);
      expect(enhancement(min - 1, bps)).toBeLessThan(planned);
    }
  });
  it("is zero for an empty plan and impossible at 0%", () => {
    expect(minimumBudgetFor(0, 1000)).toBe(0);
    expect(minimumBudgetFor(5, 0)).toBeNull();
  });
});
