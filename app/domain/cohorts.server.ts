import { sql, type Kysely } from "kysely";
import type { DB, RsvpResponse } from "#db/schema";
import { DomainError } from "./errors";
import { recordAudit } from "./audit.server";
import { isValidTimeZone } from "~/utils/time-zone";
import { containsPattern } from "./text-search";
import { foundationOf, isCaller, personOf, rolesWith, type Caller } from "./permissions.server";
import { asCaller } from "./tenant-scope.server";
import { foundationPeopleWith } from "./memberships.server";
import { isId } from "~/utils/ids";

/** Dates come back as text (YYYY-MM-DD) on both drivers. */
const cohortColumns = [
  "cohort.id",
  "cohort.foundation_id",
  "cohort.name",
  "cohort.purpose",
  sql<string>`to_char(cohort.starts_on, 'YYYY-MM-DD')`.as("starts_on"),
  sql<string>`to_char(cohort.ends_on, 'YYYY-MM-DD')`.as("ends_on"),
  "cohort.version",
] as const;

const ACCESS = Symbol("cohort-access");

/**
 * A caller's part in one cohort. A cohort reaches across tenants (a foundation runs it, organisations take part),
 * so what a person may do in it follows from their own part (facilitator, member, director of an organisation in
 * it), not only from the tenant they act for on this request. Only getCohortAccess makes one, from a caller, and
 * every cohort function below takes it as the caller and checks it first.
 */
export interface CohortAccess {
  readonly [ACCESS]: true;
  readonly caller: Caller;
  cohort: { id: string; foundation_id: string; name: string; purpose: string; starts_on: string; ends_on: string; version: number; foundation_name: string };
  userId: string;
  /** Facilitator of this cohort, or admin / program officer of its foundation. */
  canFacilitate: boolean;
  /** Takes part as a member of an organisation in the cohort. */
  isMember: boolean;
  /** Organisations in (or invited to) this cohort that the user directs. */
  directs: readonly { organisationId: string; name: string; accepted: boolean }[];
}

function refuse(): never {
  throw new DomainError("app.forbiddenBody", undefined, undefined, 403);
}

// The accesses getCohortAccess made: recognised by identity, so neither an object literal nor a copy with
// canFacilitate switched on passes.
const made = new WeakSet<object>();

/** Every cohort function starts here: an access made by getCohortAccess, or a 403. */
function checked(access: CohortAccess): CohortAccess {
  if (typeof access !== "object" || access === null || !made.has(access) || !isCaller(access.caller)) refuse();
  return access;
}

/**
 * Whether, and how, a person reaches a cohort. Null means they do not: every page and
 * action of a cohort starts here, and a null becomes a 404 whatever the URL.
 */
export async function getCohortAccess(db: Kysely<DB>, caller: Caller, cohortId: string): Promise<CohortAccess | null> {
  const userId = personOf(caller);
  if (!isId(cohortId)) return null;
  return asCaller(db, caller, (trx) => readCohortAccess(trx, caller, userId, cohortId));
}

async function readCohortAccess(db: Kysely<DB>, caller: Caller, userId: string, cohortId: string): Promise<CohortAccess | null> {
  const cohort = await db
    .selectFrom("cohort")
    .innerJoin("foundation", "foundation.id", "cohort.foundation_id")
    .select([...cohortColumns, "foundation.name as foundation_name"])
    .where("cohort.id", "=", cohortId)
    .executeTakeFirst();
  if (!cohort) return null;
  const [manager, facilitator, member, directs] = await Promise.all([
    db
      .selectFrom("membership")
      .select("id")
      .where("user_id", "=", userId)
      .where("foundation_id", "=", cohort.foundation_id)
      .where("role", "in", rolesWith("foundation", "facilitate:foundation-cohorts"))
      .executeTakeFirst(),
    db.selectFrom("cohort_facilitator").select("user_id").where("cohort_id", "=", cohortId).where("user_id", "=", userId).executeTakeFirst(),
    db.selectFrom("cohort_member").select("user_id").where("cohort_id", "=", cohortId).where("user_id", "=", userId).executeTakeFirst(),
    db
      .selectFrom("cohort_organisation")
      .innerJoin("membership", "membership.organisation_id", "cohort_organisation.organisation_id")
      .innerJoin("organisation", "organisation.id", "cohort_organisation.organisation_id")
      .select(["cohort_organisation.organisation_id", "organisation.name", "cohort_organisation.accepted_at"])
      .where("cohort_organisation.cohort_id", "=", cohortId)
      .where("membership.user_id", "=", userId)
      .where("membership.role", "in", rolesWith("organisation", "join:cohort"))
      .execute(),
  ]);
  const canFacilitate = Boolean(manager || facilitator);
  const isMember = Boolean(member);
  if (!canFacilitate && !isMember && directs.length === 0) return null;
  const access: CohortAccess = Object.freeze({
    [ACCESS]: true as const,
    caller,
    cohort: Object.freeze(cohort),
    userId,
    canFacilitate,
    isMember,
    directs: Object.freeze(directs.map((d) => Object.freeze({ organisationId: d.organisation_id, name: d.name, accepted: Boolean(d.accepted_at) }))),
  });
  made.add(access);
  return access;
}

/** Members, facilitators and directors of accepted organisations see the cohort's content. */
export function canSeeContent(access: CohortAccess) {
  return access.canFacilitate || access.isMember || access.directs.some((d) => d.accepted);
}

function requireContent(access: CohortAccess) {
  checked(access);
  if (!canSeeContent(access)) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
}
function requireFacilitator(access: CohortAccess) {
  checked(access);
  if (!access.canFacilitate) throw new DomainError("app.forbiddenBody", undefined, undefined, 403);
}

// ---------------------------------------------------------------- cohorts

export interface NewCohort {
  name: string;
  purpose: string;
  startsOn: string;
  endsOn: string;
  facilitatorIds: string[];
}

export async function createCohort(db: Kysely<DB>, caller: Caller, input: NewCohort) {
  const foundationId = foundationOf(caller, "create:cohort");
  const actorId = caller.userId;
  if (input.endsOn < input.startsOn) throw new DomainError("learning.errors.endBeforeStart", "endsOn");
  return asCaller(db, caller, async (trx) => {
    const facilitators = new Set([actorId, ...input.facilitatorIds]);
    // Facilitators are people of the same foundation: anything else is refused, not ignored.
    const valid = await trx
      .selectFrom("membership")
      .select("user_id")
      .where("foundation_id", "=", foundationId)
      .where("user_id", "in", [...facilitators])
      .execute();
    if (valid.length !== facilitators.size) throw new DomainError("learning.errors.facilitator", "facilitatorIds");
    const cohort = await trx
      .insertInto("cohort")
      .values({
        foundation_id: foundationId,
        name: input.name,
        purpose: input.purpose,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        created_by: actorId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("cohort_facilitator")
      .values([...facilitators].map((user_id) => ({ cohort_id: cohort.id, user_id })))
      .execute();
    await recordAudit(trx, {
      actorUserId: actorId,
      foundationId,
      action: "cohort.created",
      objectType: "cohort",
      objectId: cohort.id,
      after: { name: input.name },
    });
    return cohort.id;
  });
}

export interface CohortChanges {
  name: string;
  purpose: string;
  startsOn: string;
  endsOn: string;
  /** The version the editor saw; a newer one means someone else saved first. */
  version: number;
}

/** Facilitators edit a cohort's details; a stale version is a visible conflict, never an overwrite. */
export async function updateCohort(db: Kysely<DB>, access: CohortAccess, changes: CohortChanges) {
  requireFacilitator(access);
  if (changes.endsOn < changes.startsOn) throw new DomainError("learning.errors.endBeforeStart", "endsOn");
  await asCaller(db, access.caller, async (trx) => {
    const updated = await trx
      .updateTable("cohort")
      .set({ name: changes.name, purpose: changes.purpose, starts_on: changes.startsOn, ends_on: changes.endsOn, version: sql`version + 1` })
      .where("id", "=", access.cohort.id)
      .where("foundation_id", "=", access.cohort.foundation_id)
      .where("version", "=", changes.version)
      .returning("version")
      .executeTakeFirst();
    if (!updated) throw new DomainError("errors.stale", undefined, undefined, 409);
    await recordAudit(trx, {
      actorUserId: access.userId,
      foundationId: access.cohort.foundation_id,
      action: "cohort.updated",
      objectType: "cohort",
      objectId: access.cohort.id,
      before: { name: access.cohort.name, startsOn: access.cohort.starts_on, endsOn: access.cohort.ends_on },
      after: { name: changes.name, startsOn: changes.startsOn, endsOn: changes.endsOn },
    });
  });
}

/** Every cohort of the caller's foundation, for those who facilitate all of them. */
export async function listFoundationCohorts(db: Kysely<DB>, caller: Caller) {
  const foundationId = foundationOf(caller, "facilitate:foundation-cohorts");
  return asCaller(db, caller, (trx) =>
    trx.selectFrom("cohort").select(cohortColumns).where("foundation_id", "=", foundationId).orderBy("cohort.starts_on", "desc").execute(),
  );
}

/** The cohorts the caller belongs to in any way (as a person, whichever tenant they act for), for their home page. */
export async function listCohortsForUser(db: Kysely<DB>, caller: Caller) {
  const userId = personOf(caller);
  return asCaller(db, caller, (trx) => cohortsOfPerson(trx, userId));
}

async function cohortsOfPerson(db: Kysely<DB>, userId: string) {
  const ids = db
    .selectFrom("cohort_member")
    .select("cohort_id")
    .where("user_id", "=", userId)
    .union(db.selectFrom("cohort_facilitator").select("cohort_id").where("user_id", "=", userId))
    .union(
      db
        .selectFrom("cohort_organisation")
        .innerJoin("membership", "membership.organisation_id", "cohort_organisation.organisation_id")
        .select("cohort_organisation.cohort_id")
        .where("membership.user_id", "=", userId)
        .where("membership.role", "in", rolesWith("organisation", "join:cohort")),
    );
  return db
    .selectFrom("cohort")
    .innerJoin("foundation", "foundation.id", "cohort.foundation_id")
    .select([...cohortColumns, "foundation.name as foundation_name"])
    .where("cohort.id", "in", ids)
    .orderBy("cohort.starts_on", "desc")
    .execute();
}

export async function listFacilitators(db: Kysely<DB>, access: CohortAccess) {
  const { caller, cohort } = checked(access);
  return asCaller(db, caller, (trx) =>
    trx
      .selectFrom("cohort_facilitator")
      .innerJoin("app_user", "app_user.id", "cohort_facilitator.user_id")
      .select(["app_user.id", "app_user.name", "app_user.email"])
      .where("cohort_facilitator.cohort_id", "=", cohort.id)
      .orderBy("app_user.name")
      .execute(),
  );
}

/** People of the caller's foundation who facilitate every cohort, offered as facilitators of a new one. */
export async function listPossibleFacilitators(db: Kysely<DB>, caller: Caller) {
  const foundationId = foundationOf(caller, "create:cohort");
  return asCaller(db, caller, (trx) => foundationPeopleWith(trx, foundationId, "facilitate:foundation-cohorts"));
}

// ---------------------------------------------------------------- organisations and members

/**
 * The organisations in (or invited to) the cohort, each with the people taking part. Who takes part is for
 * facilitators, members of the cohort and each organisation's own director; anyone else sees the organisations
 * with no names.
 */
export async function listCohortOrganisations(db: Kysely<DB>, access: CohortAccess) {
  const { caller, cohort } = checked(access);
  const seesEveryone = access.canFacilitate || access.isMember;
  const directed = new Set(access.directs.map((d) => d.organisationId));
  const rows = await asCaller(db, caller, (trx) => cohortOrganisations(trx, cohort.id));
  return rows.map((o) => ({ ...o, members: seesEveryone || directed.has(o.id) ? o.members : [] }));
}

async function cohortOrganisations(db: Kysely<DB>, cohortId: string) {
  const orgs = await db
    .selectFrom("cohort_organisation")
    .innerJoin("organisation", "organisation.id", "cohort_organisation.organisation_id")
    .select(["organisation.id", "organisation.name", "cohort_organisation.invited_at", "cohort_organisation.accepted_at"])
    .where("cohort_organisation.cohort_id", "=", cohortId)
    .orderBy("organisation.name")
    .execute();
  const members = await db
    .selectFrom("cohort_member")
    .innerJoin("app_user", "app_user.id", "cohort_member.user_id")
    .select(["cohort_member.organisation_id", "app_user.id", "app_user.name", "app_user.email"])
    .where("cohort_member.cohort_id", "=", cohortId)
    .orderBy("app_user.name")
    .execute();
  return orgs.map((o) => ({ ...o, members: members.filter((m) => m.organisation_id === o.id) }));
}

/** Funded organisations not yet in the cohort: the only ones a facilitator can invite. */
/** How many invitable organisations the cohort page lists at once; a search narrows a longer list. */
export const INVITABLE_SHOWN = 50;

/**
 * Funded organisations not yet in the cohort whose name contains `search`: the first `limit` by
 * name, and how many match. A foundation funding thousands gets a search, not a list of thousands.
 */
export async function listInvitableOrganisations(db: Kysely<DB>, access: CohortAccess, search = "", limit = INVITABLE_SHOWN) {
  requireFacilitator(access);
  return asCaller(db, access.caller, (trx) => invitableOrganisations(trx, access.cohort.foundation_id, access.cohort.id, search, limit));
}

async function invitableOrganisations(db: Kysely<DB>, foundationId: string, cohortId: string, search: string, limit: number) {
  let matching = db
    .selectFrom("grantee")
    .innerJoin("organisation", "organisation.id", "grantee.organisation_id")
    .where("grantee.foundation_id", "=", foundationId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("cohort_organisation")
            .select("organisation_id")
            .where("cohort_organisation.cohort_id", "=", cohortId)
            .whereRef("cohort_organisation.organisation_id", "=", "organisation.id"),
        ),
      ),
    );
  if (search) matching = matching.where("organisation.name", "ilike", containsPattern(search));
  const [rows, count] = await Promise.all([
    matching.select(["organisation.id", "organisation.name"]).orderBy("organisation.name").orderBy("organisation.id").limit(limit).execute(),
    matching.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * Invites a funded organisation. Returns the directors to notify; the caller queues
 * their email in the same transaction (see learning-email.server.ts).
 */
export async function inviteOrganisation(
  db: Kysely<DB>,
  access: CohortAccess,
  organisationId: string,
  notify: (trx: Kysely<DB>, directors: { id: string; email: string; name: string }[], organisationName: string) => Promise<void>,
) {
  requireFacilitator(access);
  return asCaller(db, access.caller, async (trx) => {
    const funded = await trx
      .selectFrom("grantee")
      .innerJoin("organisation", "organisation.id", "grantee.organisation_id")
      .select(["organisation.id", "organisation.name"])
      .where("grantee.foundation_id", "=", access.cohort.foundation_id)
      .where("grantee.organisation_id", "=", organisationId)
      .executeTakeFirst();
    if (!funded) throw new DomainError("learning.errors.notFunded", "organisationId");
    const inserted = await trx
      .insertInto("cohort_organisation")
      .values({ cohort_id: access.cohort.id, organisation_id: organisationId, invited_by: access.userId })
      .onConflict((oc) => oc.doNothing())
      .returning("organisation_id")
      .executeTakeFirst();
    if (!inserted) throw new DomainError("learning.errors.alreadyInvited", "organisationId");
    const directors = await trx
      .selectFrom("membership")
      .innerJoin("app_user", "app_user.id", "membership.user_id")
      .select(["app_user.id", "app_user.email", "app_user.name"])
      .where("membership.organisation_id", "=", organisationId)
      .where("membership.role", "in", rolesWith("organisation", "join:cohort"))
      .execute();
    await notify(trx, directors, funded.name);
    await recordAudit(trx, {
      actorUserId: access.userId,
      foundationId: access.cohort.foundation_id,
      organisationId,
      action: "cohort.organisation_invited",
      objectType: "cohort",
      objectId: access.cohort.id,
    });
  });
}

function requireDirector(access: CohortAccess, organisationId: string) {
  checked(access);
  const d = access.directs.find((x) => x.organisationId === organisationId);
  if (!d) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
  return d;
}

export async function acceptCohortInvitation(db: Kysely<DB>, access: CohortAccess, organisationId: string, now = new Date()) {
  requireDirector(access, organisationId);
  await asCaller(db, access.caller, async (trx) => {
    const row = await trx
      .updateTable("cohort_organisation")
      .set({ accepted_at: now, accepted_by: access.userId })
      .where("cohort_id", "=", access.cohort.id)
      .where("organisation_id", "=", organisationId)
      .where("accepted_at", "is", null)
      .returning("organisation_id")
      .executeTakeFirst();
    if (!row) return;
    await recordAudit(trx, {
      actorUserId: access.userId,
      organisationId,
      foundationId: access.cohort.foundation_id,
      action: "cohort.invitation_accepted",
      objectType: "cohort",
      objectId: access.cohort.id,
    });
  });
}

/** The people of an organisation the caller directs in this cohort who could take part (for the director's picker). */
export async function listOrganisationPeople(db: Kysely<DB>, access: CohortAccess, organisationId: string) {
  requireDirector(access, organisationId);
  return asCaller(db, access.caller, (trx) =>
    trx
      .selectFrom("membership")
      .innerJoin("app_user", "app_user.id", "membership.user_id")
      .select(["app_user.id", "app_user.name", "app_user.email", "membership.role"])
      .where("membership.organisation_id", "=", organisationId)
      .orderBy("app_user.name")
      .execute(),
  );
}

/** The director adds one of their organisation's people to the cohort. */
export async function addCohortMember(db: Kysely<DB>, access: CohortAccess, organisationId: string, userId: string) {
  const d = requireDirector(access, organisationId);
  if (!d.accepted) throw new DomainError("learning.errors.acceptFirst", "userId");
  await asCaller(db, access.caller, async (trx) => {
    const person = await trx
      .selectFrom("membership")
      .select("user_id")
      .where("organisation_id", "=", organisationId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!person) throw new DomainError("learning.errors.notInOrganisation", "userId");
    const added = await trx
      .insertInto("cohort_member")
      .values({ cohort_id: access.cohort.id, user_id: userId, organisation_id: organisationId, added_by: access.userId })
      .onConflict((oc) => oc.doNothing())
      .returning("user_id")
      .executeTakeFirst();
    if (!added) throw new DomainError("learning.errors.alreadyMember", "userId");
    await recordAudit(trx, {
      actorUserId: access.userId,
      organisationId,
      foundationId: access.cohort.foundation_id,
      action: "cohort.member_added",
      objectType: "cohort",
      objectId: access.cohort.id,
      after: { userId },
    });
  });
}

export async function removeCohortMember(db: Kysely<DB>, access: CohortAccess, organisationId: string, userId: string) {
  requireDirector(access, organisationId);
  await asCaller(db, access.caller, async (trx) => {
    const removed = await trx
      .deleteFrom("cohort_member")
      .where("cohort_id", "=", access.cohort.id)
      .where("organisation_id", "=", organisationId)
      .where("user_id", "=", userId)
      .returning("user_id")
      .executeTakeFirst();
    if (!removed) return;
    await recordAudit(trx, {
      actorUserId: access.userId,
      organisationId,
      foundationId: access.cohort.foundation_id,
      action: "cohort.member_removed",
      objectType: "cohort",
      objectId: access.cohort.id,
      before: { userId },
    });
  });
}

// ---------------------------------------------------------------- sessions

export interface NewSession {
  title: string;
  startsAt: Date;
  durationMinutes: number;
  timeZone: string;
  place?: string | null;
  videoUrl?: string | null;
  agenda?: string;
}

export async function createSession(db: Kysely<DB>, access: CohortAccess, input: NewSession) {
  requireFacilitator(access);
  if (!isValidTimeZone(input.timeZone)) throw new DomainError("learning.errors.timeZone", "timeZone");
  if (input.videoUrl && !/^https?:\/\/\S+$/i.test(input.videoUrl)) throw new DomainError("learning.errors.url", "videoUrl");
  return asCaller(db, access.caller, async (trx) => {
    const row = await trx
      .insertInto("cohort_session")
      .values({
        cohort_id: access.cohort.id,
        title: input.title,
        starts_at: input.startsAt,
        duration_minutes: input.durationMinutes,
        time_zone: input.timeZone,
        place: input.place || null,
        video_url: input.videoUrl || null,
        agenda: input.agenda ?? "",
        created_by: access.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: access.userId,
      foundationId: access.cohort.foundation_id,
      action: "cohort.session_created",
      objectType: "cohort_session",
      objectId: row.id,
      after: { title: input.title, startsAt: input.startsAt.toISOString() },
    });
    return row.id;
  });
}

export async function listSessions(outerDb: Kysely<DB>, access: CohortAccess) {
  requireContent(access);
  return asCaller(outerDb, access.caller, async (db) => {
    return db
      .selectFrom("cohort_session")
      .leftJoin("session_rsvp", (join) => join.onRef("session_rsvp.session_id", "=", "cohort_session.id").on("session_rsvp.user_id", "=", access.userId))
      .select([
        "cohort_session.id",
        "cohort_session.title",
        "cohort_session.starts_at",
        "cohort_session.duration_minutes",
        "cohort_session.time_zone",
        "session_rsvp.response",
      ])
      .where("cohort_session.cohort_id", "=", access.cohort.id)
      .orderBy("cohort_session.starts_at")
      .execute();
  });
}

export async function getSession(outerDb: Kysely<DB>, access: CohortAccess, sessionId: string) {
  requireContent(access);
  if (!isId(sessionId)) return undefined;
  return asCaller(outerDb, access.caller, async (db) => {
    return db.selectFrom("cohort_session").selectAll().where("id", "=", sessionId).where("cohort_id", "=", access.cohort.id).executeTakeFirst();
  });
}

async function requireSession(db: Kysely<DB>, access: CohortAccess, sessionId: string) {
  const s = await getSession(db, access, sessionId);
  if (!s) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
  return s;
}

export async function rsvp(outerDb: Kysely<DB>, access: CohortAccess, sessionId: string, response: RsvpResponse, now = new Date()) {
  checked(access);
  return asCaller(outerDb, access.caller, async (db) => {
    await requireSession(db, access, sessionId);
    // Only the people taking part answer; facilitators run the session and record attendance.
    if (!access.isMember) throw new DomainError("learning.errors.membersOnly", undefined, undefined, 403);
    await db
      .insertInto("session_rsvp")
      .values({ session_id: sessionId, user_id: access.userId, response, responded_at: now })
      .onConflict((oc) => oc.columns(["session_id", "user_id"]).doUpdateSet({ response, responded_at: now }))
      .execute();
  });
}

/**
 * Everyone taking part, with their answer and whether they came, for facilitators; anyone else in the cohort
 * gets only their own row (their own answer), never who else said what.
 */
export async function sessionRoster(outerDb: Kysely<DB>, access: CohortAccess, sessionId: string) {
  checked(access);
  return asCaller(outerDb, access.caller, async (db) => {
    await requireSession(db, access, sessionId);
    return db
      .selectFrom("cohort_member")
      .innerJoin("app_user", "app_user.id", "cohort_member.user_id")
      .innerJoin("organisation", "organisation.id", "cohort_member.organisation_id")
      .leftJoin("session_rsvp", (join) => join.onRef("session_rsvp.user_id", "=", "cohort_member.user_id").on("session_rsvp.session_id", "=", sessionId))
      .select(["app_user.id", "app_user.name", "app_user.email", "organisation.name as organisation_name", "session_rsvp.response", "session_rsvp.attended"])
      .where("cohort_member.cohort_id", "=", access.cohort.id)
      .$if(!access.canFacilitate, (q) => q.where("cohort_member.user_id", "=", access.userId))
      .orderBy("organisation.name")
      .orderBy("app_user.name")
      .execute();
  });
}

/** Facilitators mark who came; everyone on the roster not in `attendedUserIds` is marked absent. */
export async function recordAttendance(db: Kysely<DB>, access: CohortAccess, sessionId: string, attendedUserIds: string[], now = new Date()) {
  // Another cohort's session is a 404 before any question of role.
  await requireSession(db, access, sessionId);
  requireFacilitator(access);
  await asCaller(db, access.caller, async (trx) => {
    const roster = await trx.selectFrom("cohort_member").select("user_id").where("cohort_id", "=", access.cohort.id).execute();
    const members = new Set(roster.map((r) => r.user_id));
    for (const id of attendedUserIds) if (!members.has(id)) throw new DomainError("learning.errors.notInCohort", "attended");
    for (const userId of members) {
      const attended = attendedUserIds.includes(userId);
      await trx
        .insertInto("session_rsvp")
        .values({ session_id: sessionId, user_id: userId, attended, attendance_recorded_by: access.userId, attendance_recorded_at: now })
        .onConflict((oc) => oc.columns(["session_id", "user_id"]).doUpdateSet({ attended, attendance_recorded_by: access.userId, attendance_recorded_at: now }))
        .execute();
    }
    await recordAudit(trx, {
      actorUserId: access.userId,
      foundationId: access.cohort.foundation_id,
      action: "cohort.attendance_recorded",
      objectType: "cohort_session",
      objectId: sessionId,
      after: { attended: attendedUserIds.length, of: members.size },
    });
  });
}

// ---------------------------------------------------------------- pinned resources

export async function pinToCohort(db: Kysely<DB>, access: CohortAccess, target: { practiceId: string } | { resourceId: string }, note: string) {
  requireFacilitator(access);
  await asCaller(db, access.caller, async (trx) => {
    if ("practiceId" in target) {
      const practice = await trx.selectFrom("practice").select(["id", "tier"]).where("id", "=", target.practiceId).executeTakeFirst();
      if (!practice) throw new DomainError("errors.required", "target");
      // The library never suggests a contraindicated practice, and a pin is a suggestion.
      if (practice.tier === "contraindicated") throw new DomainError("learning.errors.contraindicated", "target");
    } else {
      const resource = await trx
        .selectFrom("foundation_resource")
        .select("id")
        .where("id", "=", target.resourceId)
        .where("foundation_id", "=", access.cohort.foundation_id)
        .executeTakeFirst();
      if (!resource) throw new DomainError("errors.required", "target");
    }
    const pinned = await trx
      .insertInto("cohort_pin")
      .values({
        cohort_id: access.cohort.id,
        practice_id: "practiceId" in target ? target.practiceId : null,
        resource_id: "resourceId" in target ? target.resourceId : null,
        note,
        pinned_by: access.userId,
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!pinned) throw new DomainError("learning.errors.alreadyPinned", "target");
    await recordAudit(trx, {
      actorUserId: access.userId,
      foundationId: access.cohort.foundation_id,
      action: "cohort.pinned",
      objectType: "cohort_pin",
      objectId: pinned.id,
    });
  });
}

/** The foundation's own resources a facilitator may pin to the cohort. */
export async function listPinnableResources(db: Kysely<DB>, access: CohortAccess) {
  requireFacilitator(access);
  return asCaller(db, access.caller, (trx) =>
    trx.selectFrom("foundation_resource").selectAll().where("foundation_id", "=", access.cohort.foundation_id).orderBy("created_at", "desc").execute(),
  );
}

/** Another cohort's pin is a 404 (as another cohort's post is), never a "saved" that changed nothing. */
export async function unpin(db: Kysely<DB>, access: CohortAccess, pinId: string) {
  requireContent(access);
  if (!isId(pinId)) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
  await asCaller(db, access.caller, async (trx) => {
    const pin = await trx.selectFrom("cohort_pin").select("id").where("id", "=", pinId).where("cohort_id", "=", access.cohort.id).executeTakeFirst();
    if (!pin) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    requireFacilitator(access);
    const removed = await trx.deleteFrom("cohort_pin").where("id", "=", pinId).where("cohort_id", "=", access.cohort.id).returning("id").executeTakeFirst();
    if (!removed) return;
    await recordAudit(trx, {
      actorUserId: access.userId,
      foundationId: access.cohort.foundation_id,
      action: "cohort.unpinned",
      objectType: "cohort_pin",
      objectId: removed.id,
    });
  });
}

export async function listPins(outerDb: Kysely<DB>, access: CohortAccess) {
  requireContent(access);
  return asCaller(outerDb, access.caller, async (db) => {
    return db
      .selectFrom("cohort_pin")
      .leftJoin("practice", "practice.id", "cohort_pin.practice_id")
      .leftJoin("foundation_resource", "foundation_resource.id", "cohort_pin.resource_id")
      .select([
        "cohort_pin.id",
        "cohort_pin.note",
        "cohort_pin.practice_id",
        "practice.name as practice_name",
        "practice.tier as practice_tier",
        "cohort_pin.resource_id",
        "foundation_resource.title as resource_title",
        "foundation_resource.url as resource_url",
        "foundation_resource.note as resource_note",
      ])
      .where("cohort_pin.cohort_id", "=", access.cohort.id)
      .orderBy("cohort_pin.created_at")
      .execute();
  });
}

// ---------------------------------------------------------------- discussion

function requirePoster(access: CohortAccess) {
  requireContent(access);
}

export async function createThread(db: Kysely<DB>, access: CohortAccess, title: string, body: string, now = new Date()) {
  requirePoster(access);
  return asCaller(db, access.caller, async (trx) => {
    const thread = await trx
      .insertInto("cohort_thread")
      .values({ cohort_id: access.cohort.id, title, created_by: access.userId, created_at: now, last_post_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("cohort_post")
      .values({ thread_id: thread.id, cohort_id: access.cohort.id, author_id: access.userId, body, created_at: now })
      .execute();
    return thread.id;
  });
}

export async function listThreads(outerDb: Kysely<DB>, access: CohortAccess, page = 1, pageSize = 20) {
  requireContent(access);
  return asCaller(outerDb, access.caller, async (db) => {
    const base = db.selectFrom("cohort_thread").where("cohort_thread.cohort_id", "=", access.cohort.id);
    const [rows, total] = await Promise.all([
      base
        .leftJoin("app_user", "app_user.id", "cohort_thread.created_by")
        .select(["cohort_thread.id", "cohort_thread.title", "cohort_thread.last_post_at", "app_user.name as author_name"])
        .select((eb) =>
          eb
            .selectFrom("cohort_post")
            .select((e) => e.fn.countAll<number>().as("n"))
            .whereRef("cohort_post.thread_id", "=", "cohort_thread.id")
            .as("posts"),
        )
        .orderBy("cohort_thread.last_post_at", "desc")
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows.map((r) => ({ ...r, posts: Number(r.posts) })), total: Number(total.n), page, pageSize };
  });
}

export async function getThread(outerDb: Kysely<DB>, access: CohortAccess, threadId: string) {
  requireContent(access);
  if (!isId(threadId)) return undefined;
  return asCaller(outerDb, access.caller, async (db) => {
    const thread = await db
      .selectFrom("cohort_thread")
      .select(["id", "title", "created_at"])
      .where("id", "=", threadId)
      .where("cohort_id", "=", access.cohort.id)
      .executeTakeFirst();
    if (!thread) return undefined;
    const posts = await db
      .selectFrom("cohort_post")
      .leftJoin("app_user as author", "author.id", "cohort_post.author_id")
      .leftJoin("app_user as hider", "hider.id", "cohort_post.hidden_by")
      .select([
        "cohort_post.id",
        "cohort_post.body",
        "cohort_post.version",
        "cohort_post.author_id",
        "cohort_post.created_at",
        "cohort_post.edited_at",
        "cohort_post.hidden_at",
        "author.name as author_name",
        "hider.name as hidden_by_name",
      ])
      .where("cohort_post.thread_id", "=", thread.id)
      .where("cohort_post.cohort_id", "=", access.cohort.id)
      .orderBy("cohort_post.created_at")
      .execute();
    // A hidden post stays stored; only facilitators still read what it said.
    return { ...thread, posts: posts.map((p) => (p.hidden_at && !access.canFacilitate ? { ...p, body: null } : p)) };
  });
}

export async function replyToThread(db: Kysely<DB>, access: CohortAccess, threadId: string, body: string, now = new Date()) {
  requirePoster(access);
  return asCaller(db, access.caller, async (trx) => {
    const thread = await trx
      .updateTable("cohort_thread")
      .set({ last_post_at: now })
      .where("id", "=", threadId)
      .where("cohort_id", "=", access.cohort.id)
      .returning("id")
      .executeTakeFirst();
    if (!thread) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    const post = await trx
      .insertInto("cohort_post")
      .values({ thread_id: threadId, cohort_id: access.cohort.id, author_id: access.userId, body, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    return post.id;
  });
}

/** Authors edit their own posts; a stale version is a visible conflict, never an overwrite. */
export async function editPost(outerDb: Kysely<DB>, access: CohortAccess, postId: string, body: string, version: number, now = new Date()) {
  requirePoster(access);
  if (!isId(postId)) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
  return asCaller(outerDb, access.caller, async (db) => {
    const post = await db
      .selectFrom("cohort_post")
      .select(["id", "author_id", "version"])
      .where("id", "=", postId)
      .where("cohort_id", "=", access.cohort.id)
      .executeTakeFirst();
    if (!post) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    if (post.author_id !== access.userId) throw new DomainError("learning.errors.ownPostsOnly", undefined, undefined, 403);
    const updated = await db
      .updateTable("cohort_post")
      .set({ body, version: sql`version + 1`, edited_at: now })
      .where("id", "=", postId)
      .where("cohort_id", "=", access.cohort.id)
      .where("author_id", "=", access.userId)
      .where("version", "=", version)
      .returning("version")
      .executeTakeFirst();
    if (!updated) throw new DomainError("errors.stale", "body", undefined, 409);
    return updated.version;
  });
}

/** Facilitators hide a post: it stays stored, with who hid it and when. */
export async function hidePost(db: Kysely<DB>, access: CohortAccess, postId: string, now = new Date()) {
  requireFacilitator(access);
  if (!isId(postId)) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
  await asCaller(db, access.caller, async (trx) => {
    const post = await trx
      .updateTable("cohort_post")
      .set({ hidden_at: now, hidden_by: access.userId })
      .where("id", "=", postId)
      .where("cohort_id", "=", access.cohort.id)
      .where("hidden_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!post) return;
    await recordAudit(trx, {
      actorUserId: access.userId,
      foundationId: access.cohort.foundation_id,
      action: "cohort.post_hidden",
      objectType: "cohort_post",
      objectId: post.id,
    });
  });
}
