import { sql, type Kysely } from "kysely";
import type { DB } from "#db/schema";
import { createCohort, createThread, getCohortAccess, getThread, inviteOrganisation, replyToThread } from "~/domain/cohorts.server";
import { invite } from "~/domain/invitations.server";
import { setSharing, startAssessment, setStaffInvited } from "~/domain/continuum.server";
import { unsubscribeToken } from "~/domain/learning-email.server";
import { addFoundationMember, createOrganisation, createUser, fundOrganisation } from "./factories";
import { addPlanLines, createGrantRow, createLine } from "./grants-factories";
import { finishedAssessment } from "./continuum-factories";
import { asOwner } from "./db";
import { createCohortWorld } from "./learning-factories";

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
  const staffAccess = (await getCohortAccess(db, a.cohortId, a.staff.id))!;
  const threadId = await createThread(db, staffAccess, "How do we notice STS?", "A first post");

  // Continuum of X: a finished assessment shared with A, and a draft staff are invited to.
  await finishedAssessment(db, { organisationId: a.organisation.id, actorId: a.director.id, stage: "competence" });
  await setSharing(db, { actorId: a.director.id, organisationId: a.organisation.id, foundationId: a.foundation.id, share: true });
  const draftId = await startAssessment(db, a.director.id, a.organisation.id);
  await setStaffInvited(db, { actorId: a.director.id, organisationId: a.organisation.id, assessmentId: draftId, invited: true });

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
      const cohortId = await createCohort(db, {
        actorId: a.officer.id,
        foundationId: a.foundation.id,
        name: `Invited ${counter++}`,
        purpose: "Learn",
        startsOn: "2031-01-01",
        endsOn: "2031-06-30",
        facilitatorIds: [],
      });
      await inviteOrganisation(db, (await getCohortAccess(db, cohortId, a.officer.id))!, a.organisation.id, async () => {});
      return cohortId;
    },
    /** X's current draft (a new one once the last was finished), open to X's staff. */
    async openDraft() {
      const id = await startAssessment(db, a.director.id, a.organisation.id);
      await setStaffInvited(db, { actorId: a.director.id, organisationId: a.organisation.id, assessmentId: id, invited: true });
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

/**
 * A fingerprint of everything stored (row count per table, and the sum of `version` / `plan_version` and
 * the latest `updated_at` where a table has them), sessions and rate limits left out:
 * a refused call must leave it as it was.
 */
const fingerprintQueries = new WeakMap<Kysely<DB>, string>();

export async function databaseFingerprint(db: Kysely<DB>) {
  let query = fingerprintQueries.get(db);
  if (!query) {
    query = await fingerprintQuery(db);
    fingerprintQueries.set(db, query);
  }
  // Counted as the owner: the app role would see no continuum rows at all (row-level security).
  const result = await asOwner(db, (o) => sql<Record<string, string>>`select ${sql.raw(query)}`.execute(o));
  return result.rows[0];
}

export function draftVersionOf(db: Kysely<DB>, assessmentId: string) {
  return asOwner(db, (o) => o.selectFrom("continuum_assessment").select("version").where("id", "=", assessmentId).executeTakeFirstOrThrow());
}

async function fingerprintQuery(db: Kysely<DB>) {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
  `.execute(db);
  const tables = new Map<string, Set<string>>();
  for (const { table_name, column_name } of columns.rows) {
    if (/^(session|rate_limit)$|^kysely_/.test(table_name)) continue;
    if (!tables.has(table_name)) tables.set(table_name, new Set());
    tables.get(table_name)!.add(column_name);
  }
  const parts = [...tables]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([name, cols]) => {
      const bits = [`count(*)::text`];
      for (const c of ["version", "plan_version"]) if (cols.has(c)) bits.push(`coalesce(sum(${c}), 0)::text`);
      if (cols.has("updated_at")) bits.push(`coalesce(max(updated_at)::text, '')`);
      return `(select ${bits.join(" || '/' || ")} from "${name}") as "${name}"`;
    });
  return parts.join(", ");
}
