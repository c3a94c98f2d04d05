import { afterAll, describe, expect, it } from "vitest";
import { asOwner, createTestDatabase } from "../support/db";
import { addFoundationMember, addOrganisationMember, callerOf, createFoundation, createOrganisation, createUser } from "../support/factories";
import { finishedAssessment } from "../support/continuum-factories";
import { connectedOrganisation, foundationReachesOrganisation, listConnectedFoundations } from "~/domain/organisations.server";
import { listSharing, readSharedJourney, setSharing } from "~/domain/continuum.server";

const database = await createTestDatabase();
const db = database.db;
afterAll(() => database.close());

/** An organisation connected to a foundation only through a cohort (no grant). */
async function cohortOnlyWorld() {
  const foundation = await createFoundation(db);
  const officer = await createUser(db);
  await addFoundationMember(db, officer.id, foundation.id, "program_officer");
  const organisation = await createOrganisation(db);
  const director = await createUser(db);
  await addOrganisationMember(db, director.id, organisation.id, "director");
  const cohort = await db
    .insertInto("cohort")
    .values({
      foundation_id: foundation.id,
      name: "Peer learning",
      purpose: "Learn together",
      starts_on: "2026-01-01",
      ends_on: "2026-12-31",
      created_by: officer.id,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("cohort_organisation").values({ cohort_id: cohort.id, organisation_id: organisation.id, invited_by: officer.id }).execute();
  const accept = () =>
    db.updateTable("cohort_organisation").set({ accepted_at: new Date(), accepted_by: director.id }).where("cohort_id", "=", cohort.id).execute();
  const asDirector = () => callerOf(db, director.id, organisation.id);
  const asOfficer = () => callerOf(db, officer.id, foundation.id);
  return { foundation, officer, organisation, director, accept, asDirector, asOfficer };
}

describe("a foundation reaches an organisation through a grant or a cohort, and nothing else", () => {
  it("an open cohort invitation connects nothing; an accepted one does", async () => {
    const w = await cohortOnlyWorld();
    expect(await foundationReachesOrganisation(db, w.foundation.id, w.organisation.id)).toBe(false);
    expect(await connectedOrganisation(db, await w.asOfficer(), w.organisation.id)).toBeUndefined();
    expect(await listSharing(db, await w.asDirector())).toEqual([]);
    await expect(setSharing(db, await w.asDirector(), { foundationId: w.foundation.id, share: true })).rejects.toThrow();

    await w.accept();
    expect(await foundationReachesOrganisation(db, w.foundation.id, w.organisation.id)).toBe(true);
    expect((await connectedOrganisation(db, await w.asOfficer(), w.organisation.id))?.id).toBe(w.organisation.id);
    expect((await listConnectedFoundations(db, await w.asDirector())).map((f) => f.id)).toEqual([w.foundation.id]);
    expect((await listSharing(db, await w.asDirector())).map((s) => s.foundationId)).toEqual([w.foundation.id]);
  });

  it("the cohort's foundation sees the journey only once the organisation shares it", async () => {
    const w = await cohortOnlyWorld();
    await w.accept();
    await finishedAssessment(db, { organisationId: w.organisation.id, actorId: w.director.id, stage: "competence" });
    expect(await readSharedJourney(db, await w.asOfficer(), w.organisation.id)).toEqual({
      shared: false,
    });
    await setSharing(db, await w.asDirector(), { foundationId: w.foundation.id, share: true });
    const read = await readSharedJourney(db, await w.asOfficer(), w.organisation.id);
    expect(read.shared).toBe(true);
  });

  it("a foundation connected to neither is refused, even with a share row left behind", async () => {
    const w = await cohortOnlyWorld();
    const stranger = await createFoundation(db);
    await addFoundationMember(db, w.officer.id, stranger.id, "admin");
    const asStranger = await callerOf(db, w.officer.id, stranger.id);
    await asOwner(db, (o) =>
      o.insertInto("continuum_share").values({ organisation_id: w.organisation.id, foundation_id: stranger.id, granted_by: w.director.id }).execute(),
    );
    await finishedAssessment(db, { organisationId: w.organisation.id, actorId: w.director.id, stage: "competence" });
    expect(await foundationReachesOrganisation(db, stranger.id, w.organisation.id)).toBe(false);
    expect(await readSharedJourney(db, asStranger, w.organisation.id)).toEqual({ shared: false });
    expect(await connectedOrganisation(db, asStranger, w.organisation.id)).toBeUndefined();
  });
});
