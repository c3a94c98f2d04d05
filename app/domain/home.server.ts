import { sql, type Kysely } from "kysely";
import type { DB } from "#db/schema";
import { allowanceSql, plannedSql } from "./grants.server";
import { can, isCaller, type Caller } from "./permissions.server";
import { asCaller } from "./tenant-scope.server";

/** How far ahead the home page looks for sessions, and how far back for discussion. */
export const SESSION_HORIZON_DAYS = 14;
export const DISCUSSION_WINDOW_DAYS = 7;
/** Each list on the home page shows this many; the count says how many there are in all. */
const LIST_LIMIT = 5;
const DAY_MS = 86_400_000;

export interface GrantAttention {
  id: string;
  title: string;
  /** The other party: the organisation for a foundation, the foundation for an organisation. */
  party: string;
  allowanceCents: number;
  plannedCents: number;
}

export interface SessionAttention {
  id: string;
  cohortId: string;
  cohortName: string;
  title: string;
  startsAt: Date;
  timeZone: string;
}

export interface ThreadAttention {
  id: string;
  cohortId: string;
  cohortName: string;
  title: string;
  lastPostAt: Date;
}

/**
 * What needs the caller's attention, by what their role may do (never by naming a role): grants whose STS
 * allowance is not all planned, plans to finish, upcoming sessions, recent discussion, a self-assessment in
 * progress, and for admins the membership and mail that wait on them. Nothing here is a deadline or a
 * reminder: plans and assessments have no due date (DESIGN.md, "no reporting burden").
 */
export async function homeAttention(db: Kysely<DB>, caller: Caller, now = new Date()) {
  if (!isCaller(caller)) throw new TypeError("homeAttention needs a caller");
  const { kind, tenantId } = caller.membership;
  const may = (permission: Parameters<typeof can>[1]) => can(caller.membership, permission);
  return asCaller(db, caller, async (trx) => {
    const cohortIds = cohortsOf(trx, caller.userId, kind === "organisation" && may("join:cohort") ? tenantId : null);
    const [unplanned, sessions, threads, admin, assessment] = await Promise.all([
      kind === "foundation" && may("read:portfolio")
        ? unplannedGrants(trx, { foundationId: tenantId })
        : kind === "organisation" && may("edit:plan")
          ? unplannedGrants(trx, { organisationId: tenantId })
          : null,
      trx
        .selectFrom("cohort_session as s")
        .innerJoin("cohort as c", "c.id", "s.cohort_id")
        .select(["s.id", "s.cohort_id as cohortId", "c.name as cohortName", "s.title", "s.starts_at as startsAt", "s.time_zone as timeZone"])
        .where("s.cohort_id", "in", cohortIds)
        .where("s.starts_at", ">=", now)
        .where("s.starts_at", "<", new Date(now.getTime() + SESSION_HORIZON_DAYS * DAY_MS))
        .orderBy("s.starts_at")
        .limit(LIST_LIMIT)
        .execute(),
      trx
        .selectFrom("cohort_thread as t")
        .innerJoin("cohort as c", "c.id", "t.cohort_id")
        .select(["t.id", "t.cohort_id as cohortId", "c.name as cohortName", "t.title", "t.last_post_at as lastPostAt"])
        .where("t.cohort_id", "in", cohortIds)
        .where("t.last_post_at", ">=", new Date(now.getTime() - DISCUSSION_WINDOW_DAYS * DAY_MS))
        .orderBy("t.last_post_at", "desc")
        .limit(LIST_LIMIT)
        .execute(),
      kind === "foundation" && may("manage:foundation-members") ? adminCounts(trx, tenantId, now) : null,
      kind === "organisation" && may("contribute:continuum") ? draftAssessment(trx, tenantId, !may("manage:continuum")) : null,
    ]);
    return {
      kind,
      unplanned,
      sessions: sessions,
      threads: threads,
      admin,
      draftAssessmentId: assessment?.id ?? null,
      canTakeFoundationSelfAssessment: kind === "foundation" && may("take:foundation-self-assessment"),
    };
  });
}

export type HomeAttention = Awaited<ReturnType<typeof homeAttention>>;

/** The cohorts a person takes part in, facilitates, or (as a director) whose organisation was invited. */
function cohortsOf(trx: Kysely<DB>, userId: string, directedOrganisationId: string | null) {
  let ids = trx
    .selectFrom("cohort_member")
    .select("cohort_id")
    .where("user_id", "=", userId)
    .union(trx.selectFrom("cohort_facilitator").select("cohort_id").where("user_id", "=", userId));
  if (directedOrganisationId) {
    ids = ids.union(trx.selectFrom("cohort_organisation").select("cohort_id").where("organisation_id", "=", directedOrganisationId));
  }
  return ids;
}

async function unplannedGrants(trx: Kysely<DB>, side: { foundationId: string } | { organisationId: string }) {
  const base = trx
    .selectFrom("grant as g")
    .innerJoin("grant_line as gl", "gl.id", "g.grant_line_id")
    .where("g.status", "!=", "closed")
    .where(sql<boolean>`${plannedSql} < ${allowanceSql}`)
    .where("foundationId" in side ? "g.foundation_id" : "g.organisation_id", "=", "foundationId" in side ? side.foundationId : side.organisationId);
  const [rows, total] = await Promise.all([
    base
      .innerJoin("organisation as o", "o.id", "g.organisation_id")
      .innerJoin("foundation as f", "f.id", "g.foundation_id")
      .select(["g.id", "g.title", ("foundationId" in side ? "o.name" : "f.name") as "o.name", allowanceSql.as("allowanceCents"), plannedSql.as("plannedCents")])
      .orderBy(sql`${allowanceSql} - ${plannedSql}`, "desc")
      .orderBy("g.title")
      .limit(LIST_LIMIT)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    grants: rows.map((r): GrantAttention => ({
      id: r.id,
      title: r.title,
      party: r.name,
      allowanceCents: Number(r.allowanceCents),
      plannedCents: Number(r.plannedCents),
    })),
  };
}

async function adminCounts(trx: Kysely<DB>, foundationId: string, now: Date) {
  const [members, invitations, mail] = await Promise.all([
    trx
      .selectFrom("membership")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("foundation_id", "=", foundationId)
      .executeTakeFirstOrThrow(),
    trx
      .selectFrom("invitation")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("foundation_id", "=", foundationId)
      .where("accepted_at", "is", null)
      .where("expires_at", ">", now)
      .executeTakeFirstOrThrow(),
    trx
      .selectFrom("outbox")
      .select([
        (eb) => eb.fn.countAll<number>().filterWhere("status", "=", "queued").as("queued"),
        (eb) => eb.fn.countAll<number>().filterWhere("status", "=", "failed").as("failed"),
      ])
      .where("foundation_id", "=", foundationId)
      .executeTakeFirstOrThrow(),
  ]);
  return { members: Number(members.n), pendingInvitations: Number(invitations.n), queuedMail: Number(mail.queued), failedMail: Number(mail.failed) };
}

/** The draft the organisation is working on; staff see one only when the director invited them to it. */
function draftAssessment(trx: Kysely<DB>, organisationId: string, invitedOnly: boolean) {
  let query = trx
    .selectFrom("continuum_assessment")
    .select("id")
    .where("organisation_id", "=", organisationId)
    .where("status", "=", "draft")
    .orderBy("created_at", "desc");
  if (invitedOnly) query = query.where("staff_invited", "=", true);
  return query.executeTakeFirst();
}
