import { stringify } from "csv-stringify/sync";

/**
 * A cell a spreadsheet would run as a formula (= + - @, or a leading tab or carriage
 * return) gets a single quote in front, so it is shown as text. Numbers we write
 * ourselves (amounts) are not user text and pass untouched.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type CsvCell = string | number | null | undefined;

/** RFC 4180 CSV (quoted where needed, CRLF line ends) with every text cell neutralised. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  const safe = rows.map((row) => row.map((cell) => (typeof cell === "string" ? neutraliseFormula(cell) : (cell ?? ""))));
  return stringify([header.map(neutraliseFormula), ...safe], { record_delimiter: "windows", quoted_match: /^[=+\-@\t\r']/ });
}
