import { describe, expect, it } from "vitest";
import { centsToDecimalString, formatMoney } from "./format";

describe("centsToDecimalString", () => {
  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [-5, "-0.05"],
    [100, "1.00"],
    [-123456, "-1234.56"],
    [123456, "1234.56"],
    [1_000_000_000_000, "10000000000.00"], // $10 billion
    [Number.MAX_SAFE_INTEGER, "90071992547409.91"],
  ])("writes %d cents as %j", (cents, text) => {
    expect(centsToDecimalString(cents)).toBe(text);
  });

  it.each([0.5, 1.01, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])("rejects %d", (cents) => {
    expect(() => centsToDecimalString(cents)).toThrow(RangeError);
  });
});

describe("formatMoney", () => {
  it("formats small amounts in English", () => {
    expect(formatMoney(123456, "en")).toBe("$1,234.56");
    expect(formatMoney(-5, "en")).toBe("-$0.05");
  });

  it("is exact for amounts a float could not carry through division", () => {
    // 100000000000001 / 100 as a double is 1000000000000.0100098; the string path keeps it exact.
    expect(formatMoney(100_000_000_000_001, "en")).toBe("$1,000,000,000,000.01");
    expect(formatMoney(Number.MAX_SAFE_INTEGER, "en")).toBe("$90,071,992,547,409.91");
  });

  it("refuses non-integer cents", () => {
    expect(() => formatMoney(10.5, "en")).toThrow(RangeError);
  });
});
