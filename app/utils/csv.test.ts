import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { csvFile, neutraliseFormula, toCsv } from "./csv.server";

describe("neutraliseFormula", () => {
  for (const dangerous of ["=SUM(A1:A2)", "+1+1", "-2+3", "-1.5e3", "-1,5", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")', "-12.50)+cmd"]) {
    it(`prefixes ${JSON.stringify(dangerous)} with a quote`, () => {
      expect(neutraliseFormula(dangerous)).toBe(`'${dangerous}`);
    });
  }
  for (const harmless of ["Riverside", "1250.50", "-1250.50", "-7", "", " =not at start", "a=b", "'already"]) {
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

describe("csvFile", () => {
  it("starts the file with a UTF-8 byte-order mark, so Excel reads accents right, and keeps CRLF and plain numbers", async () => {
    const response = csvFile(
      toCsv(
        ["Organisación", "Amount"],
        [
          ["Réseau — Zoë", 1250.5],
          ["Ñandú", "-3.00"],
        ],
      ),
      'año "1".csv',
    );
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="año 1.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text).toBe("\uFEFFOrganisación,Amount\r\nRéseau — Zoë,1250.5\r\nÑandú,-3.00\r\n");
    expect(parse(text, { bom: true })).toEqual([
      ["Organisación", "Amount"],
      ["Réseau — Zoë", "1250.5"],
      ["Ñandú", "-3.00"],
    ]);
  });
});
