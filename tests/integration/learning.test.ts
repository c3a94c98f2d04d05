import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { DomainError } from "~/domain/errors";
import { createFoundationResource, getPractice, listPractices, listSuggestablePractices, listVisibleResources } from "~/domain/practices.server";
import {
  addCohortMember,
  createCohort,
  createThread,
  editPost,
  getSession,
  getThread,
  hidePost,
  inviteOrganisation,
  listCohortsForUser,
  listInvitableOrganisations,
  listPins,
  listSessions,
  listThreads,
  pinToCohort,
  recordAttendance,
  replyToThread,
  rsvp,
  sessionRoster,
  unpin,
  updateCohort,
} from "~/domain/cohorts.server";
import { PRACTICES } from "#db/seed/practices";
import { syncPracticeLibrary } from "#db/seed/practices";
import { renderMarkdown } from "~/utils/markdown.server";
import { createTestDatabase } from "../support/db";
import { addFoundationMember, addOrganisationMember, callerOf, createOrganisation, createUser, fundOrganisation, personCallerOf } from "../support/factories";
import { createCohortWorld, cohortAccessOf } from "../support/learning-factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("practices library", () => {
  it("holds every practice of the field study, with tiers, levels, pillars and citations, in every environment", async () => {
    const all = await listPractices(database.db, {}, 1, 100);
    expect(all.total).toBe(PRACTICES.length);
    const ids = all.rows.map((p) => p.id);
    for (const id of [
      "improved-schedules",
      "lower-caseloads",
      "caseload-diversity",
      "job-rotation",
      "organisational-support",
      "work-environment",
      "collegial-support",
      "team-building",
      "psychoeducation",
      "stress-management-training",
      "debriefing-communication",
      "relaxation-mindfulness",
      "coping-strategies",
      "social-support",
      "counselling",
      "resiliency-training",
      "supervisory-support",
      "self-care",
      "accelerated-recovery",
      "compassion-training",
      "sanctuary-model",
      "reiki",
    ])
      expect(ids).toContain(id);
    const byTier = (tier: string) => all.rows.filter((p) => p.tier === tier).length;
    expect(byTier("best")).toBe(16);
    expect(byTier("contraindicated")).toBe(1);
    expect(all.rows[0].tier).toBe("best");
    expect(all.rows.at(-1)!.id).toBe("reiki");
    for (const p of all.rows) {
      expect(p.pillars.length).toBeGreaterThan(0);
      expect(p.citation).toMatch(/\d{4}/);
    }
    // The sync is idempotent: running it again changes nothing.
    await syncPracticeLibrary(database.db);
    expect((await listPractices(database.db, {}, 1, 100)).total).toBe(PRACTICES.length);
  });

  it("filters by tier, pillar and level and searches name, description and citation", async () => {
    const orgBest = await listPractices(database.db, { tier: "best", level: "organisational" });
    expect(orgBest.rows.map((p) => p.id).sort()).toEqual(
      [
        "caseload-diversity",
        "collegial-support",
        "improved-schedules",
        "job-rotation",
        "lower-caseloads",
        "organisational-support",
        "team-building",
        "work-environment",
      ].sort(),
    );
    const supervision = await listPractices(database.db, { pillar: "supervision" });
    expect(supervision.rows.map((p) => p.id)).toContain("supervisory-support");
    expect(supervision.rows.every((p) => p.pillars.includes("supervision"))).toBe(true);
    expect((await listPractices(database.db, { q: "novoa" })).rows.map((p) => p.id)).toEqual(["reiki"]);
    expect((await listPractices(database.db, { q: "100%_" })).total).toBe(0);
  });

  it("never suggests the contraindicated practice, and refuses to pin it", async () => {
    const suggestable = await listSuggestablePractices(database.db);
    expect(suggestable.map((p) => p.id)).not.toContain("reiki");
    expect(suggestable.length).toBe(PRACTICES.length - 1);
    expect((await getPractice(database.db, "reiki"))!.tier).toBe("contraindicated");
    const world = await createCohortWorld(database.db);
    const e = await refusal(pinToCohort(database.db, (await world.access(world.officer.id))!, { practiceId: "reiki" }, "no"));
    expect(e.message).toBe("learning.errors.contraindicated");
    await pinToCohort(database.db, (await world.access(world.officer.id))!, { practiceId: "collegial-support" }, "Start here");
    const pins = await listPins(database.db, (await world.access(world.staff.id))!);
    expect(pins.map((p) => p.practice_id)).toEqual(["collegial-support"]);
    // Taking a pin down is recorded like putting it up.
    await unpin(database.db, (await world.access(world.officer.id))!, pins[0].id);
    expect(await listPins(database.db, (await world.access(world.staff.id))!)).toEqual([]);
    const trail = await database.db.selectFrom("audit_event").select(["action", "actor_user_id"]).where("object_id", "=", pins[0].id).orderBy("id").execute();
    expect(trail).toEqual([
      { action: "cohort.pinned", actor_user_id: world.officer.id },
      { action: "cohort.unpinned", actor_user_id: world.officer.id },
    ]);
  });
});

describe("foundation resources", () => {
  it("are seen by the foundation's members and its cohorts' members only", async () => {
    const world = await createCohortWorld(database.db);
    const resourceId = await createFoundationResource(database.db, await callerOf(database.db, world.officer.id, world.foundation.id), {
      title: "Our peer-support guide",
      url: "https://example.org/guide",
      pillars: ["peer_support"],
      level: "organisational",
    });
    const titles = async (userId: string) => (await listVisibleResources(database.db, await personCallerOf(database.db, userId))).map((r) => r.id);
    expect(await titles(world.officer.id)).toContain(resourceId);
    expect(await titles(world.staff.id)).toContain(resourceId);

    const other = await createCohortWorld(database.db);
    expect(await titles(other.officer.id)).not.toContain(resourceId);
    expect(await titles(other.staff.id)).not.toContain(resourceId);
    // Staff of a funded organisation who are not in the cohort do not see it either.
    const bystander = await createUser(database.db);
    await addOrganisationMember(database.db, bystander.id, world.organisation.id, "staff");
    expect(await titles(bystander.id)).not.toContain(resourceId);
    const unrelated = await createUser(database.db);
    await addOrganisationMember(database.db, unrelated.id, (await createOrganisation(database.db)).id, "director");
    expect(await titles(unrelated.id)).toEqual([]);

    // A cohort of another foundation cannot pin it.
    const e = await refusal(pinToCohort(database.db, (await other.access(other.officer.id))!, { resourceId }, "borrowed"));
    expect(e.field).toBe("target");
  });

  it("need a link or a note, and a link must be http(s)", async () => {
    const { foundation, officer } = await createCohortWorld(database.db);
    const asOfficer = await callerOf(database.db, officer.id, foundation.id);
    const base = { title: "x", pillars: [] };
    expect((await refusal(createFoundationResource(database.db, asOfficer, base))).field).toBe("url");
    expect((await refusal(createFoundationResource(database.db, asOfficer, { ...base, url: "javascript:alert(1)" }))).field).toBe("url");
    expect(await createFoundationResource(database.db, asOfficer, { ...base, note: "Breathe before you call back." })).toMatch(/-/);
  });
});

describe("cohorts", () => {
  it("offer funded organisations not yet invited, searched by name, a page at a time", async () => {
    const world = await createCohortWorld(database.db);
    const others = [];
    for (const name of ["Harbour 100% Care", "Harbour House", "Hillside Aid", "Northern Shelter"]) {
      const o = await createOrganisation(database.db, `${name} ${world.foundation.id.slice(0, 8)}`);
      await fundOrganisation(database.db, world.foundation.id, o.id);
      others.push(o);
    }
    const facilitator = (await world.access(world.officer.id))!;
    const all = await listInvitableOrganisations(database.db, facilitator);
    // The organisation already in the cohort is not offered again.
    expect(all.total).toBe(4);
    expect(all.rows.map((o) => o.name.split(" ")[0])).toEqual(["Harbour", "Harbour", "Hillside", "Northern"]);
    const harbour = await listInvitableOrganisations(database.db, facilitator, "harbour");
    expect(harbour.total).toBe(2);
    // LIKE's wildcards in a search are plain characters.
    const percent = await listInvitableOrganisations(database.db, facilitator, "100%");
    expect(percent.rows.map((o) => o.id)).toEqual([others[0].id]);
    expect((await listInvitableOrganisations(database.db, facilitator, "%")).rows.map((o) => o.id)).toEqual([others[0].id]);
    const firstTwo = await listInvitableOrganisations(database.db, facilitator, "", 2);
    expect(firstTwo).toEqual({ total: 4, rows: all.rows.slice(0, 2) });
  });

  it("invite only funded organisations; directors accept and add their own people", async () => {
    const world = await createCohortWorld(database.db);
    const officer = (await world.access(world.officer.id))!;
    const stranger = await createOrganisation(database.db);
    expect((await refusal(inviteOrganisation(database.db, officer, stranger.id, async () => {}))).message).toBe("learning.errors.notFunded");
    expect((await refusal(inviteOrganisation(database.db, officer, world.organisation.id, async () => {}))).message).toBe("learning.errors.alreadyInvited");

    const director = (await world.access(world.director.id))!;
    const outsider = await createUser(database.db);
    expect((await refusal(addCohortMember(database.db, director, world.organisation.id, outsider.id))).message).toBe("learning.errors.notInOrganisation");
    // The staff member cannot add people: they direct nothing.
    const staff = (await world.access(world.staff.id))!;
    expect(staff.isMember).toBe(true);
    expect((await refusal(addCohortMember(database.db, staff, world.organisation.id, outsider.id))).status).toBe(404);

    const cohorts = await listCohortsForUser(database.db, await callerOf(database.db, world.staff.id, world.organisation.id));
    expect(cohorts.map((c) => c.id)).toEqual([world.cohortId]);
    expect(cohorts[0].starts_on).toBe("2030-01-01");
  });

  it("are edited by facilitators only, and a stale edit is a conflict, not a lost update", async () => {
    const world = await createCohortWorld(database.db);
    const officer = (await world.access(world.officer.id))!;
    const changes = { name: "Renamed", purpose: "Sharper purpose", startsOn: "2030-02-01", endsOn: "2030-11-30", version: officer.cohort.version };
    await updateCohort(database.db, officer, changes);
    const stale = await refusal(updateCohort(database.db, officer, { ...changes, name: "Someone else's idea" }));
    expect(stale).toMatchObject({ status: 409, message: "errors.stale" });
    const now = (await world.access(world.officer.id))!.cohort;
    expect(now).toMatchObject({ name: "Renamed", starts_on: "2030-02-01", version: 2 });
    expect((await refusal(updateCohort(database.db, (await world.access(world.director.id))!, { ...changes, version: 2 }))).status).toBe(403);
  });

  it("refuse facilitators from outside the foundation and an end before the start", async () => {
    const world = await createCohortWorld(database.db);
    const other = await createUser(database.db);
    const asOfficer = await callerOf(database.db, world.officer.id, world.foundation.id);
    const base = { name: "C", purpose: "P", startsOn: "2030-01-01", endsOn: "2030-02-01" };
    expect((await refusal(createCohort(database.db, asOfficer, { ...base, facilitatorIds: [other.id] }))).field).toBe("facilitatorIds");
    expect((await refusal(createCohort(database.db, asOfficer, { ...base, endsOn: "2029-12-31", facilitatorIds: [] }))).field).toBe("endsOn");
  });

  it("keep every cohort's sessions, resources and discussion from members of another cohort and from everyone else", async () => {
    const a = await createCohortWorld(database.db);
    const b = await createCohortWorld(database.db);
    const threadB = await createThread(database.db, (await b.access(b.staff.id))!, "B only", "Secret of B");
    // Members, facilitators and directors of A reach nothing of B.
    for (const userId of [a.staff.id, a.director.id, a.officer.id]) expect(await cohortAccessOf(database.db, userId, b.cohortId)).toBeNull();
    // A foundation staff member (not admin or officer) of B's own foundation is not a member either.
    const fstaff = await createUser(database.db);
    await addFoundationMember(database.db, fstaff.id, b.foundation.id, "staff");
    expect(await cohortAccessOf(database.db, fstaff.id, b.cohortId)).toBeNull();
    // And B's ids used through A's cohort find nothing.
    const accessA = (await a.access(a.staff.id))!;
    expect(await getSession(database.db, accessA, b.sessionId)).toBeUndefined();
    expect(await getThread(database.db, accessA, threadB)).toBeUndefined();
    expect((await refusal(rsvp(database.db, accessA, b.sessionId, "yes"))).status).toBe(404);
    expect((await refusal(replyToThread(database.db, accessA, threadB, "hi"))).status).toBe(404);
    const postB = (await getThread(database.db, (await b.access(b.staff.id))!, threadB))!.posts[0];
    expect((await refusal(editPost(database.db, accessA, postB.id, "x", 1))).status).toBe(404);
    await hidePost(database.db, (await a.access(a.officer.id))!, postB.id);
    expect((await getThread(database.db, (await b.access(b.staff.id))!, threadB))!.posts[0].hidden_at).toBeNull();
    expect((await listThreads(database.db, accessA)).total).toBe(0);
  });

  it("record RSVPs and attendance, by facilitators only", async () => {
    const world = await createCohortWorld(database.db);
    const staff = (await world.access(world.staff.id))!;
    await rsvp(database.db, staff, world.sessionId, "yes");
    expect((await listSessions(database.db, staff))[0].response).toBe("yes");
    // Facilitators run the session; they do not answer for it.
    const facilitating = (await world.access(world.officer.id))!;
    expect((await refusal(rsvp(database.db, facilitating, world.sessionId, "yes"))).status).toBe(403);
    expect((await refusal(recordAttendance(database.db, staff, world.sessionId, [world.staff.id]))).status).toBe(403);
    const officer = (await world.access(world.officer.id))!;
    expect((await refusal(recordAttendance(database.db, officer, world.sessionId, [world.director.id]))).field).toBe("attended");
    await recordAttendance(database.db, officer, world.sessionId, [world.staff.id]);
    const roster = await sessionRoster(database.db, officer, world.sessionId);
    expect(roster).toEqual([expect.objectContaining({ id: world.staff.id, response: "yes", attended: true })]);
    // Someone taking part sees only their own answer, never who else said what.
    expect((await sessionRoster(database.db, staff, world.sessionId)).map((r) => r.id)).toEqual([world.staff.id]);
    await recordAttendance(database.db, officer, world.sessionId, []);
    expect((await sessionRoster(database.db, officer, world.sessionId))[0].attended).toBe(false);
  });
});

describe("discussion", () => {
  it("lets authors edit their own posts with a version check, and facilitators hide posts without deleting them", async () => {
    const world = await createCohortWorld(database.db);
    const staff = (await world.access(world.staff.id))!;
    const threadId = await createThread(database.db, staff, "Rotas", "We moved to **four-day** weeks.");
    const first = (await getThread(database.db, staff, threadId))!.posts[0];
    expect(await editPost(database.db, staff, first.id, "We moved to four-day weeks in May.", first.version)).toBe(2);
    // A second edit still based on version 1 is a conflict, not an overwrite.
    const stale = await refusal(editPost(database.db, staff, first.id, "Lost update", first.version));
    expect(stale).toMatchObject({ status: 409, message: "errors.stale" });
    expect((await getThread(database.db, staff, threadId))!.posts[0].body).toBe("We moved to four-day weeks in May.");
    // Someone else's post is not theirs to edit.
    const director = (await world.access(world.director.id))!;
    expect((await refusal(editPost(database.db, director, first.id, "mine now", 2))).status).toBe(403);
    // Members cannot hide; facilitators can, and the post is kept with who hid it.
    expect((await refusal(hidePost(database.db, staff, first.id))).status).toBe(403);
    await hidePost(database.db, (await world.access(world.officer.id))!, first.id);
    const hidden = (await getThread(database.db, staff, threadId))!.posts[0];
    expect(hidden.hidden_at).toBeInstanceOf(Date);
    expect(hidden.hidden_by_name).toBe("Olu Officer");
    // Members no longer read it; facilitators still do, and the row keeps it.
    expect(hidden.body).toBeNull();
    const seenByFacilitator = (await getThread(database.db, (await world.access(world.officer.id))!, threadId))!.posts[0];
    expect(seenByFacilitator.body).toBe("We moved to four-day weeks in May.");
  });

  it("renders Markdown with script and javascript: injection made inert", () => {
    const attacks = [
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "[click](javascript:alert(1))",
      "[click](JaVaScRiPt:alert(1))",
      "![x](javascript:alert(1))",
      '<a href="javascript:alert(1)">x</a>',
      "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "<iframe src=https://evil.example></iframe>",
      "<svg onload=alert(1)>",
    ];
    for (const attack of attacks) {
      const html = renderMarkdown(`Hello ${attack} **there**`);
      expect(html).not.toMatch(/<script|<img[^>]+onerror|<iframe|<svg|href="javascript:|src="javascript:|href="data:/i);
      expect(html).toContain("<strong>there</strong>");
    }
    expect(renderMarkdown("[safe](https://example.org)")).toContain('href="https://example.org"');
  });
});
