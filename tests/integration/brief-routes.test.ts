import { afterAll, describe, expect, it } from "vitest";
import { createBriefPool } from "~/pdf/pool.server";
import * as cohortBrief from "~/routes/cohorts.$cohortId.brief[.pdf]";
import * as organisationBrief from "~/routes/organisations.$organisationId.brief[.pdf]";
import * as foundationBrief from "~/routes/foundation.brief[.pdf]";
import { createTestDatabase } from "../support/db";
import { addFoundationMember, createUser } from "../support/factories";
import { createCohortWorld } from "../support/learning-factories";
import { answerOf, cookieFor, get, routeContext } from "../support/routes";

const database = await createTestDatabase();
const pool = createBriefPool({ threads: 1, timeoutMs: 60_000, priority: "normal" });
const context = routeContext(database, { briefs: pool });
afterAll(async () => {
  await pool.close();
  await database.close();
});

type Loader = (args: never) => Promise<unknown>;
async function ask(loader: Loader, path: string, params: Record<string, string>, userId?: string) {
  const cookie = userId ? await cookieFor(context, userId) : undefined;
  return answerOf(() => loader({ request: get(path, cookie), context, params } as never));
}

describe("who may download which brief", () => {
  it("cohort brief: facilitators get the PDF; members 403; another cohort and outsiders 404; anonymous to login", async () => {
    const a = await createCohortWorld(database.db);
    const b = await createCohortWorld(database.db);
    const path = `/cohorts/${a.cohortId}/brief.pdf`;
    const params = { cohortId: a.cohortId };

    const ok = await ask(cohortBrief.loader, path, params, a.officer.id);
    expect(ok.status).toBe(200);
    expect(ok.response!.headers.get("content-type")).toBe("application/pdf");
    expect(ok.response!.headers.get("content-disposition")).toMatch(
      /^attachment; filename="cohort-brief-cohort-foundation-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    expect(
      Buffer.from(await ok.response!.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    expect((await ask(cohortBrief.loader, path, params, a.staff.id)).status).toBe(403);
    expect((await ask(cohortBrief.loader, path, params, a.director.id)).status).toBe(403);
    for (const outsider of [b.officer, b.director, b.staff]) expect((await ask(cohortBrief.loader, path, params, outsider.id)).status).toBe(404);
    const anonymous = await ask(cohortBrief.loader, path, params);
    expect(anonymous.status).toBe(302);
    expect(anonymous.response!.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("organisation plan brief: the director only; staff 403; another organisation's director 404", async () => {
    const a = await createCohortWorld(database.db);
    const b = await createCohortWorld(database.db);
    const path = `/organisations/${a.organisation.id}/brief.pdf`;
    const params = { organisationId: a.organisation.id };
    const ok = await ask(organisationBrief.loader, path, params, a.director.id);
    expect(ok.status).toBe(200);
    expect(ok.response!.headers.get("content-disposition")).toMatch(/filename="sts-plan-brief-/);
    expect((await ask(organisationBrief.loader, path, params, a.staff.id)).status).toBe(403);
    expect((await ask(organisationBrief.loader, path, params, b.director.id)).status).toBe(404);
    // The funding foundation's officer has no say over the organisation's own brief.
    expect((await ask(organisationBrief.loader, path, params, a.officer.id)).status).toBe(404);
  });

  it("foundation brief: admins only", async () => {
    const a = await createCohortWorld(database.db);
    const admin = await createUser(database.db);
    await addFoundationMember(database.db, admin.id, a.foundation.id, "admin");
    const staff = await createUser(database.db);
    await addFoundationMember(database.db, staff.id, a.foundation.id, "staff");
    const ok = await ask(foundationBrief.loader, "/foundation/brief.pdf?year=2026", {}, admin.id);
    expect(ok.status).toBe(200);
    expect(ok.response!.headers.get("content-disposition")).toMatch(/filename="foundation-brief-/);
    for (const user of [a.officer, staff, a.director]) expect((await ask(foundationBrief.loader, "/foundation/brief.pdf", {}, user.id)).status).toBe(403);
  });

  it("a brief that cannot be made sends the user back to the page with the reason, never a broken file", async () => {
    const a = await createCohortWorld(database.db);
    const impatient = createBriefPool({ threads: 1, timeoutMs: 1 });
    try {
      const slow = routeContext(database, { briefs: impatient });
      const cookie = await cookieFor(slow, a.officer.id);
      const answer = await answerOf(() =>
        cohortBrief.loader({ request: get(`/cohorts/${a.cohortId}/brief.pdf`, cookie), context: slow, params: { cohortId: a.cohortId } } as never),
      );
      expect(answer.status).toBe(302);
      expect(answer.response!.headers.get("location")).toBe(`/cohorts/${a.cohortId}?brief=timeout#brief`);
    } finally {
      await impatient.close();
    }
  });
});
