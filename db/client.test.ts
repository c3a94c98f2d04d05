import { describe, expect, it } from "vitest";
import { parseExactInteger } from "./client";

describe("parseExactInteger", () => {
  it.each([
    ["0", 0],
    ["42", 42],
    ["-42", -42],
    ["9007199254740991", Number.MAX_SAFE_INTEGER],
    ["-9007199254740991", Number.MIN_SAFE_INTEGER],
  ])("reads %s exactly", (text, value) => {
    expect(parseExactInteger(text)).toBe(value);
  });

  it.each(["9007199254740992", "-9007199254740992", "12345678901234567890"])("refuses %s, which a number cannot hold exactly", (text) => {
    expect(() => parseExactInteger(text)).toThrow(RangeError);
  });

  it("refuses a fractional numeric", () => {
    expect(() => parseExactInteger("1.5")).toThrow(/Non-integer/);
  });
});
