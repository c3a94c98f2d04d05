/**
 * Not prescriptive (DESIGN.md): the product suggests; it never requires a practice, a pillar or a stage.
 * Everything here goes through the pages an organisation's director uses. See docs/decisions/0076-not-prescriptive.md.
 */
import { afterAll, describe, expect, it } from "vitest";
import * as assessmentRoute from "~/routes/organisations.$organisationId.continuum.$assessmentId";
import * as continuumRoute from "~/routes/organisations.$organisationId.continuum._index";
import * as planRoute from "~/routes/organisations.$organisationId.grants.$grantId";
import { PILLARS } from "~/domain/vocabulary";
import { asOwner, createTestDatabase } from "../support/db";
import { addOrganisationMember, createFoundation, createOrganisation, createUser, fundOrganisation } from "../support/factories";
import { createGrantRow, createLine } from "../support/grants-factories";
import { answerOf, cookieFor, get, post, routeContext } from "../support/routes";

const database = await createTestDatabase();
const context = routeContext(database);
afterAll(() => database.close());

async function organisationWithDirector() {
  const organisation = await createOrganisation(database.db);
  const director = await createUser(database.db);
  await addOrganisationMember(database.db, director.id, organisation.id, "director");
  return { organisationId: organisation.id, cookie: await cookieFor(context, director.id) };
}

/** Starts a self-assessment through the continuum page; its id, from where the page sends the director. */
async function startThroughPage(organisationId: string, cookie: string) {
  const path = `/organisations/${organisationId}/continuum`;
  const { response } = await answerOf(() =>
    continuumRoute.action({ request: post(path, cookie, { intent: "start" }), context, params: { organisationId } } as never),
  );
  const id = response?.headers.get("location")?.split("/").pop() ?? "";
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id;
}

async function finishThroughPage(organisationId: string, assessmentId: string, cookie: string, fields: Record<string, string>) {
  const path = `/organisations/${organisationId}/continuum/${assessmentId}`;
  const params = { organisationId, assessmentId };
  return answerOf(() => assessmentRoute.action({ request: post(path, cookie, { intent: "finish", version: "1", ...fields }), context, params } as never));
}

const statusOf = (assessmentId: string) =>
  asOwner(database.db, (o) => o.selectFrom("continuum_assessment").select("status").where("id", "=", assessmentId).executeTakeFirstOrThrow()).then(
    (r) => r.status,
  );

describe("not prescriptive: a self-assessment", () => {
  it("finishes with a stage for any one pillar, every other pillar left unset", async () => {
    const { organisationId, cookie } = await organisationWithDirector();
    for (const pillar of PILLARS) {
      const id = await startThroughPage(organisationId, cookie);
      const answer = await finishThroughPage(organisationId, id, cookie, { [`stage_${pillar}`]: "blindness" });
      expect(answer.response?.headers.get("location"), pillar).toBe(`/organisations/${organisationId}/continuum?notice=continuum-finished`);
      expect(await statusOf(id), pillar).toBe("finished");
    }
    // The journey shows each unset pillar as not set, rather than hiding the point or calling it incomplete.
    const page = (await continuumRoute.loader({
      request: get(`/organisations/${organisationId}/continuum`, cookie),
      context,
      params: { organisationId },
    } as never)) as unknown as Record<string, unknown>;
    expect(JSON.stringify(page)).not.toMatch(/incomplete|missing|required/i);
  });

  it("refuses to finish with no stage at all (nothing to place on the journey), keeps the reflection, and writes nothing", async () => {
    const { organisationId, cookie } = await organisationWithDirector();
    const id = await startThroughPage(organisationId, cookie);
    const answer = await finishThroughPage(organisationId, id, cookie, { reflection: "We talked about it." });
    expect(answer.status).toBe(400);
    expect(await statusOf(id)).toBe("draft");
  });
});

describe("not prescriptive: an STS plan", () => {
  async function grantOf(organisationId: string) {
    const foundation = await createFoundation(database.db);
    await fundOrganisation(database.db, foundation.id, organisationId);
    const line = await createLine(database.db, foundation.id);
    return createGrantRow(database.db, line, organisationId, { proposedCents: 100_000_00 });
  }
  const planOf = (grantId: string) =>
    database.db.selectFrom("plan_line").select(["pillar", "practice_id"]).where("grant_id", "=", grantId).orderBy("position").execute();

  it("saves a line in any single pillar with no practice, and saves an empty plan", async () => {
    const { organisationId, cookie } = await organisationWithDirector();
    const grant = await grantOf(organisationId);
    const path = `/organisations/${organisationId}/grants/${grant.id}`;
    const params = { organisationId, grantId: grant.id };
    const version = async () =>
      String((await database.db.selectFrom("grant").select("plan_version").where("id", "=", grant.id).executeTakeFirstOrThrow()).plan_version);
    for (const pillar of PILLARS) {
      const fields = { version: await version(), "lines[0].pillar": pillar, "lines[0].purpose": "education", "lines[0].amount": "100" };
      const answer = await answerOf(() => planRoute.action({ request: post(path, cookie, fields), context, params } as never));
      expect(answer.status, pillar).toBeLessThan(400);
      expect(await planOf(grant.id), pillar).toEqual([{ pillar, practice_id: null }]);
    }
    const emptyForm = { version: await version() };
    const empty = await answerOf(() => planRoute.action({ request: post(path, cookie, emptyForm), context, params } as never));
    expect(empty.status).toBeLessThan(400);
    expect(await planOf(grant.id)).toEqual([]);
  });
});
