import type { Kysely } from "kysely";
import type { ContinuumStage, DB, OrganisationRole } from "#db/schema";
import { recordAudit } from "./audit.server";
import { connectedFoundationsQuery } from "./organisations.server";
import { DomainError } from "./errors";
import { PILLARS, type Pillar } from "./vocabulary";
import { inTenantScope } from "./tenant-scope.server";

/**
 * An organisation's continuum self-assessments and its consent to share them. Private by
 * default: nothing here reaches a foundation except through `readSharedJourney`, which checks
 * the consent row on every call and audits every read. Every function runs in the tenant scope
 * that row-level security checks (tenant-scope.server.ts), as the organisation or, for reads
 * under consent, as the foundation.
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

export async function getDraft(db: Kysely<DB>, organisationId: string) {
  return inTenantScope(db, { organisationId }, (trx) =>
    trx
      .selectFrom("continuum_assessment")
      .select(["id", "version", "updated_at", "staff_invited"])
      .where("organisation_id", "=", organisationId)
      .where("status", "=", "draft")
      .executeTakeFirst(),
  );
}

/** Starts a draft, or returns the one already being written (one draft at a time). */
export async function startAssessment(db: Kysely<DB>, actorId: string, organisationId: string, now = new Date()) {
  return inTenantScope(db, { organisationId }, async (trx) => {
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

/** One assessment of the organisation (404 for anything else). */
export async function getAssessment(db: Kysely<DB>, organisationId: string, assessmentId: string) {
  return inTenantScope(db, { organisationId }, async (trx) => {
    const assessment = await trx
      .selectFrom("continuum_assessment")
      .selectAll()
      .where("id", "=", assessmentId)
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst();
    if (!assessment) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
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
 * may stay unset ("Not set" on the journey), since no pillar is required (docs/decisions/0074-not-prescriptive.md).
 * With none at all the refusal sits at the first pillar and nothing is written.
 */
export async function saveAssessment(
  db: Kysely<DB>,
  input: AssessmentDraftInput & {
    actorId: string;
    organisationId: string;
    assessmentId: string;
    finish?: boolean;
    now?: Date;
    /** Staff contribute only to a draft the director invited them to, and never finish it. */
    role?: OrganisationRole;
  },
) {
  const now = input.now ?? new Date();
  const staff = input.role === "staff";
  if (staff && input.finish) throw new DomainError("continuum.directorFinishes", undefined, undefined, 403);
  if (input.finish) {
    if (!PILLARS.some((p) => input.answers[p].stage)) throw new DomainError("continuum.stageRequired", `stage_${PILLARS[0]}`);
  }
  return inTenantScope(db, { organisationId: input.organisationId }, async (trx) => {
    const current = await trx
      .selectFrom("continuum_assessment")
      .select(["id", "status", "version", "staff_invited"])
      .where("id", "=", input.assessmentId)
      .where("organisation_id", "=", input.organisationId)
      .forUpdate()
      .executeTakeFirst();
    if (!current || (staff && (!current.staff_invited || current.status !== "draft"))) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    if (current.status === "finished") throw new DomainError("continuum.alreadyFinished", undefined, undefined, 409);
    if (current.version !== input.version) throw new DomainError("errors.stale", undefined, undefined, 409);
    for (const pillar of PILLARS) {
      await trx
        .updateTable("continuum_pillar_answer")
        .set({ stage: input.answers[pillar].stage, note: input.answers[pillar].note })
        .where("assessment_id", "=", input.assessmentId)
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
        ...(input.finish ? { status: "finished" as const, finished_at: now, finished_by: input.actorId } : {}),
      })
      .where("id", "=", input.assessmentId)
      .returning(["id", "version", "status", "updated_at"])
      .executeTakeFirstOrThrow();
    if (input.finish) {
      await recordAudit(trx, {
        actorUserId: input.actorId,
        organisationId: input.organisationId,
        action: "continuum.assessment_finished",
        objectType: "continuum_assessment",
        objectId: input.assessmentId,
      });
    }
    return updated;
  });
}

/** The director invites the organisation's staff to contribute to the current draft, or stops that. */
export async function setStaffInvited(db: Kysely<DB>, input: { actorId: string; organisationId: string; assessmentId: string; invited: boolean }) {
  return inTenantScope(db, { organisationId: input.organisationId }, async (trx) => {
    const updated = await trx
      .updateTable("continuum_assessment")
      .set({ staff_invited: input.invited })
      .where("id", "=", input.assessmentId)
      .where("organisation_id", "=", input.organisationId)
      .where("status", "=", "draft")
      .returning("id")
      .executeTakeFirst();
    if (!updated) throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    await recordAudit(trx, {
      actorUserId: input.actorId,
      organisationId: input.organisationId,
      action: input.invited ? "continuum.staff_invited" : "continuum.staff_uninvited",
      objectType: "continuum_assessment",
      objectId: input.assessmentId,
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

/** Every finished assessment of the organisation, oldest first, as the organisation itself sees it. */
export async function listJourney(db: Kysely<DB>, organisationId: string): Promise<JourneyPoint[]> {
  return inTenantScope(db, { organisationId }, (trx) => journeyOf(trx, organisationId));
}

/** The journey as whoever the enclosing tenant scope names may see it: the organisation, or a foundation under consent. */
export async function journeyOf(db: Kysely<DB>, organisationId: string): Promise<JourneyPoint[]> {
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
 * The caller has checked consent.
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

/** The candidate foundations, each with whether the journey is shared with it now. */
export async function listSharing(db: Kysely<DB>, organisationId: string) {
  const [candidates, shares] = await inTenantScope(db, { organisationId }, (trx) =>
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

export async function setSharing(db: Kysely<DB>, input: { actorId: string; organisationId: string; foundationId: string; share: boolean; now?: Date }) {
  return inTenantScope(db, { organisationId: input.organisationId }, async (trx) => {
    if (!(await isShareCandidate(trx, input.organisationId, input.foundationId))) {
      throw new DomainError("app.notFoundBody", undefined, undefined, 404);
    }
    if (input.share) {
      const inserted = await trx
        .insertInto("continuum_share")
        .values({
          organisation_id: input.organisationId,
          foundation_id: input.foundationId,
          granted_by: input.actorId,
          granted_at: input.now ?? new Date(),
        })
        .onConflict((oc) => oc.columns(["organisation_id", "foundation_id"]).doNothing())
        .returning("foundation_id")
        .executeTakeFirst();
      if (!inserted) return;
    } else {
      const deleted = await trx
        .deleteFrom("continuum_share")
        .where("organisation_id", "=", input.organisationId)
        .where("foundation_id", "=", input.foundationId)
        .returning("foundation_id")
        .executeTakeFirst();
      if (!deleted) return;
    }
    await recordAudit(trx, {
      actorUserId: input.actorId,
      organisationId: input.organisationId,
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
export async function readSharedJourney(
  db: Kysely<DB>,
  input: { viewerId: string; foundationId: string; organisationId: string; now?: Date },
): Promise<SharedJourney> {
  return inTenantScope(db, { foundationId: input.foundationId }, async (trx) => {
    const share = await trx
      .selectFrom("continuum_share")
      .select("foundation_id")
      .where("organisation_id", "=", input.organisationId)
      .where("foundation_id", "=", input.foundationId)
      .forShare()
      .executeTakeFirst();
    if (!share || !(await isShareCandidate(trx, input.organisationId, input.foundationId))) return { shared: false };
    const journey = await journeyOf(trx, input.organisationId);
    await trx
      .insertInto("audit_event")
      .values({
        at: input.now ?? new Date(),
        actor_user_id: input.viewerId,
        foundation_id: input.foundationId,
        organisation_id: input.organisationId,
        action: JOURNEY_VIEWED,
        object_type: "continuum_journey",
        object_id: input.organisationId,
        before: null,
        after: null,
      })
      .execute();
    return { shared: true, journey: journey.map((p) => ({ id: p.id, finishedAt: p.finishedAt, stages: stagesOf(p) })) };
  });
}

export const JOURNEY_VIEWED = "continuum.journey_viewed";

/** The organisation's log of who at which foundation viewed its journey, newest first. */
export async function listJourneyViews(db: Kysely<DB>, organisationId: string, page = 1, pageSize = 25) {
  const base = db.selectFrom("audit_event").where("audit_event.organisation_id", "=", organisationId).where("audit_event.action", "=", JOURNEY_VIEWED);
  const [rows, total] = await Promise.all([
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
  return { rows, total: Number(total.n), page, pageSize };
}
