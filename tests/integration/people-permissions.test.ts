import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createElement } from "react";
import type { Database } from "#db/client";
import { DomainError } from "~/domain/errors";
import type { Caller } from "~/domain/permissions.server";
import { listFoundationMembers, listOrganisationMembers } from "~/domain/memberships.server";
import { getConnectedOrganisation, getOwnOrganisation, listConnectedFoundations } from "~/domain/organisations.server";
import { enqueueEmail, getOutboxMessage, listOutbox } from "~/domain/outbox.server";
import { createFoundationResource, listVisibleResources, pageFoundationResources } from "~/domain/practices.server";
import { plannedForPractice } from "~/domain/portfolio.server";
import {
  createCohort,
  getCohortAccess,
  listCohortOrganisations,
  listFoundationCohorts,
  listInvitableOrganisations,
  listOrganisationPeople,
  listPinnableResources,
  listPossibleFacilitators,
  listSessions,
  unpin,
  type CohortAccess,
} from "~/domain/cohorts.server";
import { createTestDatabase } from "../support/db";
import { addFoundationMember, addOrganisationMember, callerOf, createFoundation, createOrganisation, createUser } from "../support/factories";
import { cohortAccessOf, createCohortWorld } from "../support/learning-factories";
import { addPlanLines, createGrantRow, createLine } from "../support/grants-factories";

let database: Database;
let a: Awaited<ReturnType<typeof createCohortWorld>>;
let b: Awaited<ReturnType<typeof createCohortWorld>>;
/** Callers of world A by role, and B's admin. */
let as: Record<"admin" | "officer" | "fStaff" | "director" | "oStaff" | "bAdmin" | "bDirector", Caller>;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  a = await createCohortWorld(db);
  b = await createCohortWorld(db);
  const admin = await createUser(db);
  await addFoundationMember(db, admin.id, a.foundation.id, "admin");
  const fStaff = await createUser(db);
  await addFoundationMember(db, fStaff.id, a.foundation.id, "staff");
  const bAdmin = await createUser(db);
  await addFoundationMember(db, bAdmin.id, b.foundation.id, "admin");
  as = {
    admin: await callerOf(db, admin.id, a.foundation.id),
    officer: await callerOf(db, a.officer.id, a.foundation.id),
    fStaff: await callerOf(db, fStaff.id, a.foundation.id),
    director: await callerOf(db, a.director.id, a.organisation.id),
    oStaff: await callerOf(db, a.staff.id, a.organisation.id),
    bAdmin: await callerOf(db, bAdmin.id, b.foundation.id),
    bDirector: await callerOf(db, b.director.id, b.organisation.id),
  };
});
afterAll(async () => {
  await database?.close();
});

/** The status of a domain refusal, or "ok" with nothing thrown. */
async function status(run: Promise<unknown>) {
  try {
    await run;
    return "ok";
  } catch (e) {
    if (e instanceof DomainError) return e.status;
    throw e;
  }
}

describe("members", () => {
  it("are listed only for those who manage them, and only of the tenant the caller acts for", async () => {
    const db = database.db;
    expect(await status(listFoundationMembers(db, as.officer))).toBe(403);
    expect(await status(listFoundationMembers(db, as.director))).toBe(403);
    expect(await status(listOrganisationMembers(db, as.oStaff))).toBe(403);
    expect(await status(listOrganisationMembers(db, as.admin))).toBe(403);
    const theirs = await listFoundationMembers(db, as.bAdmin);
    expect(theirs.map((m) => m.id)).not.toContain(as.admin.membership.id);
    expect((await listFoundationMembers(db, as.admin)).map((m) => m.id)).toContain(as.admin.membership.id);
    expect((await listOrganisationMembers(db, as.director)).map((m) => m.id)).toContain(as.oStaff.membership.id);
  });

  it("refuse an object shaped like a caller that callerFor did not make", async () => {
    const forged = { userId: as.admin.userId, membership: as.admin.membership } as unknown as Caller;
    expect(await status(listFoundationMembers(database.db, forged))).toBe(403);
  });
});

describe("an organisation's overview", () => {
  it("is the organisation's own for its people, and a foundation reaches it only through a connection and the permission", async () => {
    const db = database.db;
    expect((await getOwnOrganisation(db, as.oStaff)).id).toBe(a.organisation.id);
    expect((await listConnectedFoundations(db, as.oStaff)).map((f) => f.id)).toEqual([a.foundation.id]);
    expect(await status(getOwnOrganisation(db, as.admin))).toBe(403);
    expect(await status(listConnectedFoundations(db, as.admin))).toBe(403);

    expect(await getConnectedOrganisation(db, as.officer, a.organisation.id)).toEqual({ id: a.organisation.id, name: a.organisation.name });
    // Staff of the connected foundation are refused; another foundation learns nothing (404, not 403).
    expect(await status(getConnectedOrganisation(db, as.fStaff, a.organisation.id))).toBe(403);
    expect(await status(getConnectedOrganisation(db, as.bAdmin, a.organisation.id))).toBe(404);
    expect(await status(getConnectedOrganisation(db, as.director, a.organisation.id))).toBe(403);
  });
});

describe("the outbox", () => {
  it("shows a tenant's messages to those who may read them, and nothing of another tenant", async () => {
    const db = database.db;
    const id = await enqueueEmail(db, {
      kind: "test",
      to: "someone@example.org",
      subject: "For X only",
      element: createElement("p", null, "Hello"),
      organisationId: a.organisation.id,
    });
    expect((await listOutbox(db, as.director)).rows.map((r) => r.id)).toContain(id);
    expect((await getOutboxMessage(db, as.director, id))?.subject).toBe("For X only");
    expect(await getOutboxMessage(db, as.bDirector, id)).toBeUndefined();
    expect((await listOutbox(db, as.bDirector)).rows.map((r) => r.id)).not.toContain(id);
    expect((await listOutbox(db, as.admin)).rows.map((r) => r.id)).not.toContain(id);
    for (const caller of [as.oStaff, as.officer, as.fStaff]) {
      expect(await status(listOutbox(db, caller))).toBe(403);
      expect(await status(getOutboxMessage(db, caller, id))).toBe(403);
    }
  });
});

describe("foundation resources", () => {
  it("are managed by grant makers of the foundation only, and a refusal writes nothing", async () => {
    const db = database.db;
    const before = await db.selectFrom("foundation_resource").select("id").execute();
    for (const caller of [as.fStaff, as.director, as.oStaff]) {
      expect(await status(createFoundationResource(db, caller, { title: "Not mine", note: "x", pillars: [] }))).toBe(403);
      expect(await status(pageFoundationResources(db, caller))).toBe(403);
    }
    expect(await db.selectFrom("foundation_resource").select("id").execute()).toEqual(before);
    const id = await createFoundationResource(db, as.officer, { title: "A's own", note: "Read me", pillars: [] });
    expect((await pageFoundationResources(db, as.admin)).rows.map((r) => r.id)).toContain(id);
    expect((await pageFoundationResources(db, as.bAdmin)).rows.map((r) => r.id)).not.toContain(id);
    expect((await listVisibleResources(db, as.oStaff)).map((r) => r.id)).toContain(id);
    expect((await listVisibleResources(db, as.bDirector)).map((r) => r.id)).not.toContain(id);
  });

  it("say what the portfolio plans for a practice only to those who see the portfolio", async () => {
    const db = database.db;
    const grant = await createGrantRow(db, await createLine(db, a.foundation.id), a.organisation.id);
    await addPlanLines(db, grant.id, [{ pillar: "supervision", amountCents: 2_500_00 }]);
    await db.updateTable("plan_line").set({ practice_id: "collegial-support" }).where("grant_id", "=", grant.id).execute();
    const planned = await plannedForPractice(db, as.officer, "collegial-support");
    expect(planned && { cents: Number(planned.cents), grants: planned.grants }).toEqual({ cents: 2_500_00, grants: 1 });
    // Another foundation's grant makers see their own plans, not A's.
    const theirs = await plannedForPractice(db, as.bAdmin, "collegial-support");
    expect(theirs && { cents: Number(theirs.cents), grants: theirs.grants }).toEqual({ cents: 0, grants: 0 });
    for (const caller of [as.fStaff, as.director, as.oStaff, null]) expect(await plannedForPractice(db, caller, "collegial-support")).toBeNull();
  });
});

describe("cohorts", () => {
  it("are created and listed for the foundation only by those who may, and a refusal writes nothing", async () => {
    const db = database.db;
    const input = { name: "Refused", purpose: "P", startsOn: "2031-01-01", endsOn: "2031-02-01", facilitatorIds: [] };
    for (const caller of [as.fStaff, as.director, as.oStaff]) {
      expect(await status(createCohort(db, caller, input))).toBe(403);
      expect(await status(listFoundationCohorts(db, caller))).toBe(403);
      expect(await status(listPossibleFacilitators(db, caller))).toBe(403);
    }
    expect(await db.selectFrom("cohort").select("id").where("name", "=", "Refused").execute()).toEqual([]);
    expect((await listFoundationCohorts(db, as.admin)).map((c) => c.id)).toEqual([a.cohortId]);
    expect((await listFoundationCohorts(db, as.bAdmin)).map((c) => c.id)).toEqual([b.cohortId]);
    expect((await listPossibleFacilitators(db, as.admin)).map((p) => p.id)).not.toContain(as.fStaff.userId);
  });

  it("are reached only through an access made from a caller", async () => {
    const db = database.db;
    const real = (await getCohortAccess(db, as.oStaff, a.cohortId))!;
    expect(real.isMember).toBe(true);
    // An object with the same fields (a route that built one by hand) is refused before any query.
    const forged: CohortAccess = { ...real, canFacilitate: true };
    expect(await status(listSessions(db, forged))).toBe(403);
    expect(await status(listInvitableOrganisations(db, forged))).toBe(403);
    expect(await status(listCohortOrganisations(db, forged))).toBe(403);
    // Another cohort's people reach nothing of this one.
    expect(await getCohortAccess(db, as.bDirector, a.cohortId)).toBeNull();
    expect(await getCohortAccess(db, as.bAdmin, a.cohortId)).toBeNull();
  });

  it("name the people taking part only to facilitators, members and each organisation's own director", async () => {
    const db = database.db;
    // A second organisation joins A's cohort; its director sees X in the list but not who from X takes part.
    const other = await createOrganisation(db);
    const otherDirector = await createUser(db);
    await addOrganisationMember(db, otherDirector.id, other.id, "director");
    await db.insertInto("grantee").values({ foundation_id: a.foundation.id, organisation_id: other.id }).execute();
    await db
      .insertInto("cohort_organisation")
      .values({ cohort_id: a.cohortId, organisation_id: other.id, invited_by: a.officer.id, accepted_at: new Date(), accepted_by: otherDirector.id })
      .execute();
    const names = async (userId: string) => {
      const rows = await listCohortOrganisations(db, (await cohortAccessOf(db, userId, a.cohortId))!);
      return rows.find((o) => o.id === a.organisation.id)!.members.map((m) => m.id);
    };
    expect(await names(a.officer.id)).toEqual([a.staff.id]);
    expect(await names(a.director.id)).toEqual([a.staff.id]);
    expect(await names(a.staff.id)).toEqual([a.staff.id]);
    expect(await names(otherDirector.id)).toEqual([]);
    // And that director cannot list X's people to add them.
    const theirs = (await cohortAccessOf(db, otherDirector.id, a.cohortId))!;
    expect(await status(listOrganisationPeople(db, theirs, a.organisation.id))).toBe(404);
    expect(await status(listPinnableResources(db, theirs))).toBe(403);
  });

  it("unpin only a pin of this cohort: another cohort's pin is a 404 and stays", async () => {
    const db = database.db;
    const resourceId = await createFoundationResource(db, as.bAdmin, { title: "B's", note: "n", pillars: [] });
    const pin = await db
      .insertInto("cohort_pin")
      .values({ cohort_id: b.cohortId, resource_id: resourceId, note: "", pinned_by: b.officer.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await status(unpin(db, (await cohortAccessOf(db, a.officer.id, a.cohortId))!, pin.id))).toBe(404);
    // A member of B's cohort who does not facilitate may not take it down either.
    expect(await status(unpin(db, (await cohortAccessOf(db, b.staff.id, b.cohortId))!, pin.id))).toBe(403);
    expect(await db.selectFrom("cohort_pin").select("id").where("id", "=", pin.id).execute()).toEqual([{ id: pin.id }]);
  });
});

it("a foundation with no connection is not handed the organisation's name", async () => {
  const stranger = await createFoundation(database.db);
  const admin = await createUser(database.db);
  await addFoundationMember(database.db, admin.id, stranger.id, "admin");
  expect(await status(getConnectedOrganisation(database.db, await callerOf(database.db, admin.id, stranger.id), a.organisation.id))).toBe(404);
});
