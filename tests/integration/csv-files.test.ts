import { afterAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import * as portfolioCsv from "~/routes/portfolio[.csv]";
import * as planLinesCsv from "~/routes/portfolio.plan-lines[.csv]";
import * as organisationCsv from "~/routes/organisations.$organisationId.data[.csv]";
import { DATASETS } from "~/domain/organisation-export.server";
import { createTestDatabase } from "../support/db";
import { addFoundationMember, addOrganisationMember, createFoundation, createOrganisation, createUser, fundOrganisation } from "../support/factories";
import { addPlanLines, createGrantRow, createLine } from "../support/grants-factories";
import { answerOf, cookieFor, get, routeContext } from "../support/routes";

const database = await createTestDatabase();
const db = database.db;
const context = routeContext(database);
afterAll(() => database.close());

const ACCENTED = "Réseau d’Entraide Ñandú — Zoë & Søren";

async function world() {
  const foundation = await createFoundation(db, "Fundación Esperanza");
  const officer = await createUser(db, { name: "Olu Officer" });
  await addFoundationMember(db, officer.id, foundation.id, "program_officer");
  const organisation = await createOrganisation(db, ACCENTED);
  await fundOrganisation(db, foundation.id, organisation.id);
  const director = await createUser(db, { name: "Daniela Núñez" });
  await addOrganisationMember(db, director.id, organisation.id, "director");
  const line = await createLine(db, foundation.id, { name: "Línea de apoyo 2026" });
  const grant = await createGrantRow(db, line, organisation.id, { title: "Acompañamiento – año 1", proposedCents: 123_456_78 });
  await addPlanLines(db, grant.id, [
    { pillar: "supervision", purpose: "prevention", amountCents: 1_000_05, description: `=HYPERLINK("http://x") supervisión` },
    { pillar: "peer_support", purpose: "education", amountCents: 2_500_00, description: "Círculos de pares, “cada mes”; café\nincluido" },
  ]);
  return { foundation, officer, organisation, director };
}

/** Downloads a CSV as a browser would, checks the bytes Excel needs, and parses it with csv-parse. */
async function download(loader: (args: never) => Promise<unknown>, path: string, userId: string, params: Record<string, string> = {}) {
  const cookie = await cookieFor(context, userId);
  const answer = await answerOf(() => loader({ request: get(path, cookie), context, params } as never));
  expect(answer.status, path).toBe(200);
  const response = answer.response!;
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="[^"]+\.csv"$/);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // The UTF-8 byte-order mark, which is what makes Excel read the file as UTF-8.
  expect([...bytes.slice(0, 3)], path).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  expect(text.startsWith("\uFEFF")).toBe(true);
  expect(text.endsWith("\r\n"), path).toBe(true);
  const rows: string[][] = parse(text, { bom: true, record_delimiter: "\r\n", relax_column_count: false });
  for (const row of rows) expect(row.length).toBe(rows[0].length);
  for (const cell of rows.flat()) {
    // No cell a spreadsheet would run as a formula: user text starting with = + - @ gets a quote; numbers stay numbers.
    if (/^[=+\-@\t\r]/.test(cell)) expect(cell, path).toMatch(/^-?\d+(\.\d+)?$/);
  }
  return rows;
}

describe("CSV files open right in Excel", () => {
  it("the portfolio: accented names intact, amounts as plain numbers", async () => {
    const w = await world();
    const [header, ...records] = await download(portfolioCsv.loader, "/portfolio.csv", w.officer.id);
    expect(records).toHaveLength(1);
    const cell = (name: string) => records[0][header.indexOf(name)];
    expect(cell("Organisation")).toBe(ACCENTED);
    expect(cell("Title")).toBe("Acompañamiento – año 1");
    expect(cell("Proposed budget")).toBe("123456.78");
    expect(Number(cell("Planned"))).toBe(3500.05);
  });

  it("the plan lines: formulas neutralised, quotes and line breaks kept", async () => {
    const w = await world();
    const [header, ...records] = await download(planLinesCsv.loader, "/portfolio/plan-lines.csv", w.officer.id);
    const descriptions = records.map((r) => r[header.indexOf("Description")]);
    expect(descriptions).toContain(`'=HYPERLINK("http://x") supervisión`);
    expect(descriptions).toContain("Círculos de pares, “cada mes”; café\nincluido");
    for (const r of records) expect(r[header.indexOf("Amount")]).toMatch(/^\d+\.\d{2}$/);
  });

  it("every dataset of an organisation's own data", async () => {
    const w = await world();
    for (const dataset of DATASETS) {
      const rows = await download(organisationCsv.loader, `/organisations/${w.organisation.id}/data.csv?dataset=${dataset}`, w.director.id, {
        organisationId: w.organisation.id,
      });
      expect(rows.length, dataset).toBeGreaterThan(0);
      if (dataset === "organisation") expect(rows.flat()).toContain(ACCENTED);
      if (dataset === "members") expect(rows.flat()).toContain("Daniela Núñez");
    }
  });
});
