import { afterAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import * as json from "~/routes/organisations.$organisationId.data[.json]";
import * as csv from "~/routes/organisations.$organisationId.data[.csv]";
import { DATASETS, exportOrganisationData } from "~/domain/organisation-export.server";
import { DomainError } from "~/domain/errors";
import { setSharing } from "~/domain/continuum.server";
import { createTestDatabase } from "../support/db";
import { callerOf } from "../support/factories";
import { createCohortWorld } from "../support/learning-factories";
import { finishedAssessment } from "../support/continuum-factories";
import { addPlanLines, createGrantRow, createLine } from "../support/grants-factories";
import { answerOf, cookieFor, get, routeContext } from "../support/routes";

const database = await createTestDatabase();
const db = database.db;
const context = routeContext(database);
afterAll(() => database.close());

async function organisationWith(marker: string) {
  const w = await createCohortWorld(db);
  const line = await createLine(db, w.foundation.id);
  const grant = await createGrantRow(db, line, w.organisation.id, { title: `${marker} grant`, proposedCents: 200_000_00 });
  await addPlanLines(db, grant.id, [{ pillar: "supervision", purpose: "prevention", amountCents: 1_000_00, description: `=HYPERLINK("x") ${marker}` }]);
  await finishedAssessment(db, { organisationId: w.organisation.id, actorId: w.director.id, stage: "competence", reflection: `${marker} reflection` });
  await setSharing(db, await callerOf(db, w.director.id, w.organisation.id), { foundationId: w.foundation.id, share: true });
  return w;
}

async function call(loader: (args: never) => Promise<unknown>, path: string, organisationId: string, userId: string) {
  const cookie = await cookieFor(context, userId);
  return answerOf(() => loader({ request: get(path, cookie), context, params: { organisationId } } as never));
}

describe("an organisation downloads its own data", () => {
  it("as JSON: every dataset, only its own rows, and the download is logged", async () => {
    const x = await organisationWith("XMARK");
    await organisationWith("YMARK");
    const answer = await call(json.loader, `/organisations/${x.organisation.id}/data.json`, x.organisation.id, x.director.id);
    expect(answer.status).toBe(200);
    expect(answer.response!.headers.get("content-disposition")).toMatch(/attachment; filename=".+-data-\d{4}-\d{2}-\d{2}\.json"/);
    const body = await answer.response!.text();
    const parsed = JSON.parse(body) as { datasets: Record<string, Record<string, unknown>[]> };
    expect(Object.keys(parsed.datasets)).toEqual([...DATASETS]);
    expect(parsed.datasets.grants[0].title).toBe("XMARK grant");
    expect(parsed.datasets.grants[0].sts_allowance_cents).toBe(20_000_00);
    expect(parsed.datasets.self_assessments[0].reflection).toBe("XMARK reflection");
    expect(parsed.datasets.self_assessment_answers).toHaveLength(6);
    expect(parsed.datasets.sharing).toHaveLength(1);
    expect(body).not.toContain("YMARK");
    const logged = await db
      .selectFrom("audit_event")
      .select("after")
      .where("organisation_id", "=", x.organisation.id)
      .where("action", "=", "organisation.data_exported")
      .execute();
    expect(logged).toHaveLength(1);
  });

  it("as CSV, one dataset at a time, with spreadsheet formulas neutralised", async () => {
    const x = await organisationWith("XMARK");
    const answer = await call(csv.loader, `/organisations/${x.organisation.id}/data.csv?dataset=plan_lines`, x.organisation.id, x.director.id);
    expect(answer.status).toBe(200);
    const rows = parse<Record<string, string>>(await answer.response!.text(), { columns: true });
    expect(rows).toHaveLength(1);
    expect(rows[0].description).toBe(`'=HYPERLINK("x") XMARK`);
    expect(rows[0].amount_cents).toBe("100000");
    expect((await call(csv.loader, `/organisations/${x.organisation.id}/data.csv?dataset=secrets`, x.organisation.id, x.director.id)).status).toBe(404);
  });

  it("is the director's alone: staff 403, another organisation and the funding foundation 404", async () => {
    const x = await organisationWith("XMARK");
    const y = await organisationWith("YMARK");
    const path = `/organisations/${x.organisation.id}/data.json`;
    expect((await call(json.loader, path, x.organisation.id, x.staff.id)).status).toBe(403);
    expect((await call(json.loader, path, x.organisation.id, y.director.id)).status).toBe(404);
    expect((await call(json.loader, path, x.organisation.id, x.officer.id)).status).toBe(404);
    expect((await call(csv.loader, `${path.replace(".json", ".csv")}?dataset=grants`, x.organisation.id, x.officer.id)).status).toBe(404);
  });

  it("is refused by the domain too: a staff member's or a foundation officer's caller gets a 403, no rows and no log entry", async () => {
    const x = await organisationWith("XMARK");
    for (const caller of [await callerOf(db, x.staff.id, x.organisation.id), await callerOf(db, x.officer.id, x.foundation.id)]) {
      const answer = await exportOrganisationData(db, caller, { datasets: DATASETS, format: "json" }).catch((e: unknown) => e);
      expect(answer).toBeInstanceOf(DomainError);
      expect((answer as DomainError).status).toBe(403);
    }
    const logged = await db
      .selectFrom("audit_event")
      .select("id")
      .where("organisation_id", "=", x.organisation.id)
      .where("action", "=", "organisation.data_exported")
      .execute();
    expect(logged).toEqual([]);
  });
});
