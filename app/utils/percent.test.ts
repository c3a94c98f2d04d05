import { describe, expect, it } from "vitest";
import { bpsToPercentString, parsePercentToBps } from "./percent";

describe("parsePercentToBps", () => {
  it.each([
    ["10", 1000],
    ["10.5", 1050],
    ["10,25", 1025],
    ["0", 0],
    ["100", 10000],
    ["12.34 %", 1234],
    ["12.34%", 1234],
    ["  7 ", 700],
    ["0.01", 1],
  ])("accepts %j as %d basis points", (input, bps) => {
    expect(parsePercentToBps(input)).toBe(bps);
  });

  it.each(["", " ", "abc", "-1", "100.01", "101", "1.234", "1e2", "1.", ".5", "10%%", "1,2,3", "0x10"])("rejects %j", (input) => {
    expect(parsePercentToBps(input)).toBeNull();
  });
});

describe("bpsToPercentString", () => {
  it.each([
    [0, "0"],
    [1, "0.01"],
    [1000, "10"],
    [1050, "10.5"],
    [1005, "10.05"],
    [1234, "12.34"],
    [10000, "100"],
  ])("formats %d as %j", (bps, text) => {
    expect(bpsToPercentString(bps)).toBe(text);
  });

  it("round-trips every basis-point value from 0 to 10000", () => {
    for (let bps = 0; bps <= 10000; bps++) {
      expect(parsePercentToBps(bpsToPercentString(bps))).toBe(bps);
    }
  });
});
