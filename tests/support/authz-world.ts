import type { Kysely } from "kysely";
import type { DB } from "#db/schema";
import { createCohort, createThread, getThread, inviteOrganisation, replyToThread } from "~/domain/cohorts.server";
import { invite } from "~/domain/invitations.server";
import { setSharing, startAssessment, setStaffInvited } from "~/domain/continuum.server";
import { unsubscribeToken } from "~/domain/learning-email.server";
import { addFoundationMember, callerOf, createOrganisation, createUser, fundOrganisation } from "./factories";
import { addPlanLines, createGrantRow, createLine } from "./grants-factories";
import { finishedAssessment } from "./continuum-factories";
import { asOwner } from "./db";
import { createCohortWorld, cohortAccessOf } from "./learning-factories";

export { databaseFingerprint } from "./fingerprint";

/**
 * Everyone the authorization matrix calls a route as, in the order of the matrix's columns:
 * tenant A (foundation A and organisation X, funded by A and a member of A's cohort) and
 * tenant B (foundation B and organisation Y, funded by B), plus an anonymous visitor.
 */
export const CALLERS = ["anon", "aAdmin", "aOfficer", "aStaff", "xDirector", "xStaff", "bAdmin", "bOfficer", "bStaff", "yDirector", "yStaff"] as const;
export type Caller = (typeof CALLERS)[number];

let counter = 0;
export const uniqueEmail = (tag: string) => `${tag}-${Date.now().toString(36)}${(counter++).toString(36)}@example.org`;

/** Two tenants' worlds; every URL of the matrix points at tenant A's (or organisation X's) objects. */
export async function createAuthzWorld(db: Kysely<DB>, secret: string) {
  const a = await createCohortWorld(db);
  const b = await createCohortWorld(db);
  const aAdmin = await createUser(db, { name: "Ada Admin" });
  const aAdminMembership = await addFoundationMember(db, aAdmin.id, a.foundation.id, "admin");
  const aStaff = await createUser(db, { name: "Fay Foundation-staff" });
  await addFoundationMember(db, aStaff.id, a.foundation.id, "staff");
  const bAdmin = await createUser(db, { name: "Bea Admin" });
  await addFoundationMember(db, bAdmin.id, b.foundation.id, "admin");
  const bStaff = await createUser(db, { name: "Ben Foundation-staff" });
  await addFoundationMember(db, bStaff.id, b.foundation.id, "staff");

  const users: Record<Exclude<Caller, "anon">, string> = {
    aAdmin: aAdmin.id,
    aOfficer: a.officer.id,
    aStaff: aStaff.id,
    xDirector: a.director.id,
    xStaff: a.staff.id,
    bAdmin: bAdmin.id,
    bOfficer: b.officer.id,
    bStaff: bStaff.id,
    yDirector: b.director.id,
    yStaff: b.staff.id,
  };

  // Grants: a line of A with a grant to X that has a plan.
  const line = await createLine(db, a.foundation.id);
  const grant = await createGrantRow(db, line, a.organisation.id);
  await addPlanLines(db, grant.id, [{ pillar: "supervision", purpose: "prevention", amountCents: 1_000_00 }]);
  // B has its own line and grant too, so that B's pages have something of their own.
  const lineB = await createLine(db, b.foundation.id);
  const grantB = await createGrantRow(db, lineB, b.organisation.id);

  // Cohort discussion of A.
  const staffAccess = (await cohortAccessOf(db, a.staff.id, a.cohortId))!;
  const threadId = await createThread(db, staffAccess, "How do we notice STS?", "A first post");

  // Continuum of X: a finished assessment shared with A, and a draft staff are invited to.
  await finishedAssessment(db, { organisationId: a.organisation.id, actorId: a.director.id, stage: "competence" });
  const xDirector = await callerOf(db, a.director.id, a.organisation.id);
  await setSharing(db, xDirector, { foundationId: a.foundation.id, share: true });
  const draftId = await startAssessment(db, xDirector);
  await setStaffInvited(db, xDirector, draftId, true);

  // The person the unsubscribe link belongs to (staff of X).
  const unsubscribe = unsubscribeToken(secret, a.staff.id, "weekly_digest");

  return {
    a,
    b,
    users,
    aAdminMembershipId: aAdminMembership.id,
    foundationA: a.foundation.id,
    foundationB: b.foundation.id,
    organisationX: a.organisation.id,
    organisationY: b.organisation.id,
    cohortId: a.cohortId,
    sessionId: a.sessionId,
    threadId,
    lineId: line.id,
    grantId: grant.id,
    lineBId: lineB.id,
    grantBId: grantB.id,
    draftId,
    practiceId: "collegial-support",
    unsubscribe,

    /** A post of X's staff in A's thread, new for each call (hiding one is not repeatable). */
    async freshPost() {
      await replyToThread(db, staffAccess, threadId, `Reply ${counter++}`);
      const thread = (await getThread(db, staffAccess, threadId))!;
      return thread.posts.at(-1)!.id;
    },
    /** An open invitation to foundation A or organisation X, for a new address. */
    async freshInvitation(target: "foundation" | "organisation") {
      return invite(db, {
        inviterId: target === "foundation" ? aAdmin.id : a.director.id,
        email: uniqueEmail("invitee"),
        role: "staff",
        target: target === "foundation" ? { foundationId: a.foundation.id } : { organisationId: a.organisation.id },
        publicUrl: "https://commons.example",
      });
    },
    /** A new cohort of A that has invited X, which X's director has not accepted yet. */
    async freshCohortInvitingX() {
      const cohortId = await createCohort(db, await callerOf(db, a.officer.id, a.foundation.id), {
        name: `Invited ${counter++}`,
        purpose: "Learn",
        startsOn: "2031-01-01",
        endsOn: "2031-06-30",
        facilitatorIds: [],
      });
      await inviteOrganisation(db, (await cohortAccessOf(db, a.officer.id, cohortId))!, a.organisation.id, async () => {});
      return cohortId;
    },
    /** X's current draft (a new one once the last was finished), open to X's staff. */
    async openDraft() {
      const director = await callerOf(db, a.director.id, a.organisation.id);
      const id = await startAssessment(db, director);
      await setStaffInvited(db, director, id, true);
      return id;
    },
    /** A new organisation funded by A, not yet in A's cohort. */
    async freshGrantee() {
      const organisation = await createOrganisation(db);
      await fundOrganisation(db, a.foundation.id, organisation.id);
      return organisation.id;
    },
  };
}
export type AuthzWorld = Awaited<ReturnType<typeof createAuthzWorld>>;

export function draftVersionOf(db: Kysely<DB>, assessmentId: string) {
  return asOwner(db, (o) => o.selectFrom("continuum_assessment").select("version").where("id", "=", assessmentId).executeTakeFirstOrThrow());
}
