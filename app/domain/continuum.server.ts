import type { Kysely } from "kysely";
import type { ContinuumStage, DB } from "#db/schema";
import { recordAudit } from "./audit.server";
import { connectedFoundationsQuery } from "./organisations.server";
import { DomainError } from "./errors";
import { PILLARS, type Pillar } from "./vocabulary";
import { can, foundationOf, organisationOf, type Caller } from "./permissions.server";
import { asCaller } from "./tenant-scope.server";

/**
 * An organisation's continuum self-assessments and its consent to share them. Private by
 * default: nothing here reaches a foundation except through `readSharedJourney`, which checks
 * the consent row on every call and audits every read. Every function takes the caller and runs
 * in its tenant scope, which row-level security checks (tenant-scope.server.ts): the organisation
 * or, for reads under consent, the foundation. Which drafts staff may see is decided here: only
 * one the director invited them to, never the journey.
 */

export { NOTE_MAX, REFLECTION_MAX } from "./continuum-limits";

export interface PillarAnswer {
  stage: ContinuumStage | null;
  note: string;
}
export type PillarAnswers = Record<Pillar, PillarAnswer>;

export interface AssessmentDraftInput {
  answers: PillarAnswers;
  reflection: string;
  nextSteps: string;
  /** The version the form was built from; a mismatch means someone else saved first. */
  version: number;
}

/** Whether the caller answers only a draft they were invited to (staff), rather than managing the assessments. */
function contributesOnly(caller: Caller) {
  return !can(caller.membership, "manage:continuum");
}

/** The draft being written, if the caller may see it: staff only when the director invited them to it. */
export async function getDraft(db: Kysely<DB>, caller: Caller) {
  const organisationId = organisationOf(caller, "contribute:continuum");
  const draft = await asCaller(db, caller, (trx) =>
    trx
      .selectFrom("continuum_assessment")
      .select(["id", "version", "updated_at", "staff_invited"])
      .where("organisation_id", "=", organisationId)
      .where("status", "=", "draft")
      .executeTakeFirst(),
  );
  return draft && contributesOnly(caller) && !draft.staff_invited ? undefined : draft;
}

/** Starts a draft, or returns the one already being written (one draft at a time). */
export async function startAssessment(db: Kysely<DB>, caller: Caller, now = new Date()) {
  const organisationId = organisationOf(caller, "manage:continuum");
  const actorId = caller.userId;
  return asCaller(db, caller, async (trx) => {
    const existing = await trx
      .selectFrom("continuum_assessment")
      .select("id")
      .where("organisation_id", "=", organisationId)
      .where("status", "=", "draft")
      .executeTakeFirst();
    if (existing) return existing.id;
    const created = await trx
      .insertInto("continuum_assessment")
      .values({ organisation_id: organisationId, started_by: actorId, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column("organisation_id").where("status", "=", "draft").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!created) {
      const other = await trx
        .selectFrom("continuum_assessment")
        .select("id")
        .where("organisation_id", "=", organisationId)
        .where("status", "=", "draft")
        .executeTakeFirstOrThrow();
      return other.id;
    }
    await trx
      .insertInto("continuum_pillar_answer")
      .values(PILLARS.map((pillar) => ({ assessment_id: created.id, pillar, stage: null })))
      .execute();
    await recordAudit(trx, {
      actorUserId: actorId,
      organisationId,
      action: "continuum.assessment_started",
      objectType: "continuum_assessment",
      objectId: created.id,
    });
    return created.id;
  });
}

/**
 * One assessment of the caller's organisation, if they may see it: the director sees every one, staff
 * only a draft they were invited to. 404 for anything else.
 */
export async function getAssessment(db: Kysely<DB>, caller: Caller, assessmentId: string) {
  const organisationId = organisationOf(caller, "contribute:continuum");
  return asCaller(db, caller, async (trx) => {
    const assessment = await trx
      .selectFrom("continuum_assessment")
      .selectAll()
      .where("id", "=", assessmentId)
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst();
    if (!assessment || (contributesOnly(caller) && (assessment.status !== "draft" || !assessment.staff_invited))) {
      throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    }
    const rows = await trx.selectFrom("continuum_pillar_answer").select(["pillar", "stage", "note"]).where("assessment_id", "=", assessmentId).execute();
    return { ...assessment, answers: toAnswers(rows) };
  });
}

function toAnswers(rows: { pillar: string; stage: ContinuumStage | null; note: string }[]): PillarAnswers {
  const answers = Object.fromEntries(PILLARS.map((p) => [p, { stage: null, note: "" }])) as PillarAnswers;
  for (const r of rows) if ((PILLARS as readonly string[]).includes(r.pillar)) answers[r.pillar as Pillar] = { stage: r.stage, note: r.note };
  return answers;
}

/**
 * Saves a draft (as-you-go autosave and the Save draft button) and, with `finish`, freezes
 * it as a point on the journey. Finishing needs a stage for at least one pillar, any one: the others
 * may stay unset ("Not set" on the journey), since no pillar is required (docs/decisions/0076-not-prescriptive.md).
 * With none at all the refusal sits at the first pillar and nothing is written.
 */
export async function saveAssessment(db: Kysely<DB>, caller: Caller, assessmentId: string, input: AssessmentDraftInput & { finish?: boolean; now?: Date }) {
  const organisationId = organisationOf(caller, "contribute:continuum");
  const actorId = caller.userId;
  const now = input.now ?? new Date();
  // Staff contribute only to a draft the director invited them to, and never finish it.
  const staff = contributesOnly(caller);
  if (staff && input.finish) throw new DomainError("continuum.directorFinishes", undefined, undefined, 403);
  if (input.finish) {
    if (!PILLARS.some((p) => input.answers[p].stage)) throw new DomainError("continuum.stageRequired", `stage_${PILLARS[0]}`);
  }
  return asCaller(db, caller, async (trx) => {
    const current = await trx
      .selectFrom("continuum_assessment")
      .select(["id", "status", "version", "staff_invited"])
      .where("id", "=", assessmentId)
      .where("organisation_id", "=", organisationId)
      .forUpdate()
      .executeTakeFirst();
    if (!current || (staff && (!current.staff_invited || current.status !== "draft"))) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    if (current.status === "finished") throw new DomainError("continuum.alreadyFinished", undefined, undefined, 409);
    if (current.version !== input.version) throw new DomainError("errors.stale", undefined, undefined, 409);
    for (const pillar of PILLARS) {
      await trx
        .updateTable("continuum_pillar_answer")
        .set({ stage: input.answers[pillar].stage, note: input.answers[pillar].note })
        .where("assessment_id", "=", assessmentId)
        .where("pillar", "=", pillar)
        .execute();
    }
    const updated = await trx
      .updateTable("continuum_assessment")
      .set({
        reflection: input.reflection,
        next_steps: input.nextSteps,
        version: current.version + 1,
        updated_at: now,
        ...(input.finish ? { status: "finished" as const, finished_at: now, finished_by: actorId } : {}),
      })
      .where("id", "=", assessmentId)
      .returning(["id", "version", "status", "updated_at"])
      .executeTakeFirstOrThrow();
    if (input.finish) {
      await recordAudit(trx, {
        actorUserId: actorId,
        organisationId,
        action: "continuum.assessment_finished",
        objectType: "continuum_assessment",
        objectId: assessmentId,
      });
    }
    return updated;
  });
}

/** The director invites the organisation's staff to contribute to the current draft, or stops that. */
export async function setStaffInvited(db: Kysely<DB>, caller: Caller, assessmentId: string, invited: boolean) {
  const organisationId = organisationOf(caller, "manage:continuum");
  return asCaller(db, caller, async (trx) => {
    const updated = await trx
      .updateTable("continuum_assessment")
      .set({ staff_invited: invited })
      .where("id", "=", assessmentId)
      .where("organisation_id", "=", organisationId)
      .where("status", "=", "draft")
      .returning("id")
      .executeTakeFirst();
    if (!updated) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    await recordAudit(trx, {
      actorUserId: caller.userId,
      organisationId,
      action: invited ? "continuum.staff_invited" : "continuum.staff_uninvited",
      objectType: "continuum_assessment",
      objectId: assessmentId,
    });
  });
}

export interface JourneyPoint {
  id: string;
  finishedAt: Date;
  answers: PillarAnswers;
  reflection: string;
  nextSteps: string;
}

/** Every finished assessment of the caller's organisation, oldest first, as the organisation itself sees it. */
export async function listJourney(db: Kysely<DB>, caller: Caller): Promise<JourneyPoint[]> {
  const organisationId = organisationOf(caller, "read:continuum");
  return asCaller(db, caller, (trx) => journeyOf(trx, organisationId));
}

/**
 * The journey inside a transaction whose scope names who may see it: the organisation, or a foundation
 * under consent. Only for functions of this module that have checked their caller (and consent).
 */
async function journeyOf(db: Kysely<DB>, organisationId: string): Promise<JourneyPoint[]> {
  const assessments = await db
    .selectFrom("continuum_assessment")
    .select(["id", "finished_at", "reflection", "next_steps"])
    .where("organisation_id", "=", organisationId)
    .where("status", "=", "finished")
    .orderBy("finished_at")
    .orderBy("id")
    .execute();
  const answers = await answersOf(
    db,
    assessments.map((a) => a.id),
  );
  return assessments.map((a) => ({
    id: a.id,
    finishedAt: a.finished_at!,
    reflection: a.reflection,
    nextSteps: a.next_steps,
    answers: answers.get(a.id)!,
  }));
}

/** The pillar answers of each of these assessments, in one statement. */
async function answersOf(db: Kysely<DB>, assessmentIds: string[]): Promise<Map<string, PillarAnswers>> {
  const byAssessment = new Map<string, { pillar: string; stage: ContinuumStage | null; note: string }[]>(assessmentIds.map((id) => [id, []]));
  if (assessmentIds.length > 0) {
    const rows = await db
      .selectFrom("continuum_pillar_answer")
      .select(["assessment_id", "pillar", "stage", "note"])
      .where("assessment_id", "in", assessmentIds)
      .execute();
    for (const r of rows) byAssessment.get(r.assessment_id)?.push(r);
  }
  return new Map([...byAssessment].map(([id, rows]) => [id, toAnswers(rows)]));
}

/**
 * Each organisation's stage per pillar at its latest finished self-assessment (the last point
 * of its journey), in two statements however many organisations; those with none are absent.
 * Not an entry point: only for a function that has checked its caller and each organisation's
 * consent, inside the transaction (in the foundation's scope) where it read that consent.
 */
export async function latestStagesOf(db: Kysely<DB>, organisationIds: string[]): Promise<Map<string, Record<Pillar, ContinuumStage | null>>> {
  const latest = new Map<string, Record<Pillar, ContinuumStage | null>>();
  if (organisationIds.length === 0) return latest;
  const assessments = await db
    .selectFrom("continuum_assessment")
    .distinctOn("organisation_id")
    .select(["id", "organisation_id"])
    .where("organisation_id", "in", organisationIds)
    .where("status", "=", "finished")
    .orderBy("organisation_id")
    .orderBy("finished_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const answers = await answersOf(
    db,
    assessments.map((a) => a.id),
  );
  for (const a of assessments) latest.set(a.organisation_id, stagesOf({ answers: answers.get(a.id)! }));
  return latest;
}

/**
 * The foundations an organisation may share its journey with: those it is connected to (funding
 * it, or running a cohort it joined; see connectedFoundationsQuery). When the connection ends,
 * a share left behind shows nothing.
 */
function shareCandidatesQuery(db: Kysely<DB>, organisationId: string) {
  return db
    .selectFrom("foundation")
    .select(["foundation.id", "foundation.name"])
    .where("foundation.id", "in", (eb) => eb.selectFrom(connectedFoundationsQuery(db, organisationId).as("connection")).select("connection.foundation_id"));
}

async function isShareCandidate(db: Kysely<DB>, organisationId: string, foundationId: string) {
  return Boolean(await shareCandidatesQuery(db, organisationId).where("foundation.id", "=", foundationId).executeTakeFirst());
}

/** The candidate foundations, each with whether the caller's organisation shares its journey with it now. */
export async function listSharing(db: Kysely<DB>, caller: Caller) {
  const organisationId = organisationOf(caller, "share:continuum");
  const [candidates, shares] = await asCaller(db, caller, (trx) =>
    Promise.all([
      shareCandidatesQuery(trx, organisationId).orderBy("foundation.name").execute(),
      trx.selectFrom("continuum_share").select(["foundation_id", "granted_at"]).where("organisation_id", "=", organisationId).execute(),
    ]),
  );
  return candidates.map((c) => {
    const share = shares.find((s) => s.foundation_id === c.id);
    return { foundationId: c.id, name: c.name, sharedSince: share?.granted_at ?? null };
  });
}

/** Shares the caller's organisation's journey with a connected foundation, or stops sharing it. */
export async function setSharing(db: Kysely<DB>, caller: Caller, input: { foundationId: string; share: boolean; now?: Date }) {
  const organisationId = organisationOf(caller, "share:continuum");
  const actorId = caller.userId;
  return asCaller(db, caller, async (trx) => {
    if (!(await isShareCandidate(trx, organisationId, input.foundationId))) {
      throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    }
    if (input.share) {
      const inserted = await trx
        .insertInto("continuum_share")
        .values({
          organisation_id: organisationId,
          foundation_id: input.foundationId,
          granted_by: actorId,
          granted_at: input.now ?? new Date(),
        })
        .onConflict((oc) => oc.columns(["organisation_id", "foundation_id"]).doNothing())
        .returning("foundation_id")
        .executeTakeFirst();
      if (!inserted) return;
    } else {
      const deleted = await trx
        .deleteFrom("continuum_share")
        .where("organisation_id", "=", organisationId)
        .where("foundation_id", "=", input.foundationId)
        .returning("foundation_id")
        .executeTakeFirst();
      if (!deleted) return;
    }
    await recordAudit(trx, {
      actorUserId: actorId,
      organisationId,
      foundationId: input.foundationId,
      action: input.share ? "continuum.shared" : "continuum.share_revoked",
      objectType: "continuum_share",
      objectId: input.foundationId,
    });
  });
}

/** What a foundation sees of a shared journey: the stage per pillar at each point, never notes or reflections. */
export interface SharedJourneyPoint {
  id: string;
  finishedAt: Date;
  stages: Record<Pillar, ContinuumStage | null>;
}
export type SharedJourney = { shared: false } | { shared: true; journey: SharedJourneyPoint[] };

export function stagesOf(point: Pick<JourneyPoint, "answers">): Record<Pillar, ContinuumStage | null> {
  return Object.fromEntries(PILLARS.map((p) => [p, point.answers[p].stage])) as Record<Pillar, ContinuumStage | null>;
}

/**
 * What a foundation user may see of an organisation's journey. The consent row is read on
 * every call (no caching), so a revocation holds from the very next request; a foundation the
 * organisation is no longer connected to sees nothing either. Every read that shows the
 * journey writes an audit row the organisation sees in its log.
 */
export async function readSharedJourney(db: Kysely<DB>, caller: Caller, organisationId: string, now?: Date): Promise<SharedJourney> {
  const foundationId = foundationOf(caller, "read:shared-continuum");
  return asCaller(db, caller, async (trx) => {
    const share = await trx
      .selectFrom("continuum_share")
      .select("foundation_id")
      .where("organisation_id", "=", organisationId)
      .where("foundation_id", "=", foundationId)
      .forShare()
      .executeTakeFirst();
    if (!share || !(await isShareCandidate(trx, organisationId, foundationId))) return { shared: false };
    const journey = await journeyOf(trx, organisationId);
    await trx
      .insertInto("audit_event")
      .values({
        at: now ?? new Date(),
        actor_user_id: caller.userId,
        foundation_id: foundationId,
        organisation_id: organisationId,
        action: JOURNEY_VIEWED,
        object_type: "continuum_journey",
        object_id: organisationId,
        before: null,
        after: null,
      })
      .execute();
    return { shared: true, journey: journey.map((p) => ({ id: p.id, finishedAt: p.finishedAt, stages: stagesOf(p) })) };
  });
}

export const JOURNEY_VIEWED = "continuum.journey_viewed";

/** The caller's organisation's log of who at which foundation viewed its journey, newest first. */
export async function listJourneyViews(db: Kysely<DB>, caller: Caller, page = 1, pageSize = 25) {
  const organisationId = organisationOf(caller, "share:continuum");
  const [rows, total] = await asCaller(db, caller, (trx) => {
    const base = trx.selectFrom("audit_event").where("audit_event.organisation_id", "=", organisationId).where("audit_event.action", "=", JOURNEY_VIEWED);
    return Promise.all([
      base
        .leftJoin("app_user", "app_user.id", "audit_event.actor_user_id")
        .leftJoin("foundation", "foundation.id", "audit_event.foundation_id")
        .select(["audit_event.id", "audit_event.at", "app_user.name as viewer", "app_user.email as viewerEmail", "foundation.name as foundation"])
        .orderBy("audit_event.at", "desc")
        .orderBy("audit_event.id", "desc")
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
  });
  return { rows, total: Number(total.n), page, pageSize };
}
