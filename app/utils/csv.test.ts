import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { neutraliseFormula, toCsv } from "./csv.server";

describe("neutraliseFormula", () => {
  for (const dangerous of ["=SUM(A1:A2)", "+1+1", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")']) {
    it(`prefixes ${JSON.stringify(dangerous)} with a quote`, () => {
      expect(neutraliseFormula(dangerous)).toBe(`'${dangerous}`);
    });
  }
  for (const harmless of ["Riverside", "1250.50", "", " =not at start", "a=b", "'already"]) {
    it(`leaves ${JSON.stringify(harmless)} alone`, () => {
      expect(neutraliseFormula(harmless)).toBe(harmless);
    });
  }
});

describe("toCsv", () => {
  it("quotes commas, quotes and newlines, and reads back to the same cells", () => {
    const csv = toCsv(
      ["Title", "Amount"],
      [
        ['Rent, "office"\nsecond line', "1250.50"],
        ["=1+1", 42],
        [null, undefined],
      ],
    );
    expect(csv.endsWith("\r\n")).toBe(true);
    const rows = parse(csv);
    expect(rows).toEqual([
      ["Title", "Amount"],
      ['Rent, "office"\nsecond line', "1250.50"],
      ["'=1+1", "42"],
      ["", ""],
    ]);
  });
  it("neutralises header cells too", () => {
    expect(toCsv(["=bad"], [])).toBe('"\'=bad"\r\n');
  });
});
