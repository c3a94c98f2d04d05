import { describe, expect, it } from "vitest";
import { centsToInput, MAX_MONEY_CENTS, parseMoney } from "./money";

describe("parseMoney", () => {
  const accepted: [string, number][] = [
    ["1250", 125000],
    ["1250.5", 125050],
    ["1250.50", 125050],
    ["1,250.50", 125050],
    ["1,250", 125000],
    ["1,250,000", 125000000],
    ["$1250", 125000],
    ["$1,250.50", 125050],
    ["$ 1,250.50", 125050],
    ["  42  ", 4200],
    ["0", 0],
    ["0.01", 1],
    ["0.99", 99],
    ["007", 700],
    ["10000000000", MAX_MONEY_CENTS],
    ["10,000,000,000.00", MAX_MONEY_CENTS],
    ["9,999,999,999.99", MAX_MONEY_CENTS - 1],
  ];
  for (const [input, cents] of accepted) {
    it(`accepts ${JSON.stringify(input)} as ${cents} cents`, () => {
      expect(parseMoney(input)).toBe(cents);
    });
  }

  const refused = [
    "",
    "   ",
    "$",
    "-5",
    "-$5",
    "$-5",
    "1250.505",
    "1 250,50",
    "1 250",
    "1.250,50",
    "1250,50",
    "1,25",
    "12,50.00",
    "1,2500",
    ",250",
    ".50",
    "1250.",
    "1e3",
    "1E3",
    "0x10",
    "Infinity",
    "NaN",
    "USD 1250",
    "1250 USD",
    "€1250",
    "1250$",
    "$$1250",
    "twelve",
    "10000000000.01",
    "10,000,000,001",
    "99999999999999999999",
    "1_000",
    "+1250",
    "1250\n5",
  ];
  for (const input of refused) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      expect(parseMoney(input)).toBeNull();
    });
  }

  it("refuses what is not a string", () => {
    expect(parseMoney(null)).toBeNull();
    expect(parseMoney(undefined)).toBeNull();
  });

  it("keeps the largest amounts exact, cent by cent", () => {
    expect(parseMoney("9,999,999,999.97")).toBe(999_999_999_997);
    expect(parseMoney("9999999999.98")).toBe(999_999_999_998);
  });
});

describe("centsToInput", () => {
  it("writes what parseMoney reads back unchanged", () => {
    for (const cents of [0, 1, 10, 99, 100, 125050, 125000, MAX_MONEY_CENTS, MAX_MONEY_CENTS - 1]) {
      expect(parseMoney(centsToInput(cents))).toBe(cents);
    }
    expect(centsToInput(125050)).toBe("1250.50");
    expect(centsToInput(125000)).toBe("1250");
    expect(centsToInput(null)).toBe("");
  });
});
