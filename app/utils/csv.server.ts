import { stringify } from "csv-stringify/sync";

/**
 * A cell a spreadsheet would run as a formula (= + - @, or a leading tab or carriage
 * return) gets a single quote in front, so it is shown as text. Numbers we write
 * ourselves (amounts) are not user text and pass untouched, negative ones included.
 */
export function neutraliseFormula(value: string): string {
  // A plain decimal ("-12.50") is a number to a spreadsheet, never a formula: left as it is, it stays one.
  if (/^-?\d+(\.\d+)?$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type CsvCell = string | number | null | undefined;

/**
 * RFC 4180 CSV (quoted where needed, CRLF line ends) with every text cell neutralised. Numbers given as
 * numbers are written plainly (no quotes, no thousands separators), so a spreadsheet reads them as numbers.
 */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  const safe = rows.map((row) => row.map((cell) => (typeof cell === "string" ? neutraliseFormula(cell) : (cell ?? ""))));
  return stringify([header.map(neutraliseFormula), ...safe], { record_delimiter: "windows", quoted_match: /^(?!-?\d+(\.\d+)?$)[=+\-@\t\r']/ });
}

/**
 * Excel opens a CSV file as UTF-8 only when it starts with a byte-order mark; without one, accented names
 * come out garbled ("RÃ©seau"). Every CSV download goes out through here, so the mark is on each file and
 * on no string a test or caller parses (docs/decisions/0068-csv-files-for-excel.md).
 */
export const UTF8_BOM = "\uFEFF";

export function csvFile(csv: string, filename: string): Response {
  const body = new TextEncoder().encode(UTF8_BOM + csv);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/["\\\r\n]/g, "")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
