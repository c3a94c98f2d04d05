import { createElement } from "react";
import type { Kysely } from "kysely";
import type { ContinuumStage, DB, FoundationRole } from "#db/schema";
import SelfAssessmentInvitationEmail, { selfAssessmentInvitationSubject } from "#emails/self-assessment-invitation";
import { recordAudit } from "./audit.server";
import { DomainError } from "./errors";
import { enqueueEmail } from "./outbox.server";
import { foundationOf, type Caller } from "./permissions.server";
import { asCaller } from "./tenant-scope.server";
import {
  aggregateSelfAssessments,
  periodBounds,
  SELF_ASSESSMENT_QUESTIONS,
  type SelfAssessmentAggregate,
  type SelfAssessmentQuestion,
} from "./self-assessment-aggregate";

/**
 * Foundation staff's private self-assessments. A response is read back only by its author
 * (listOwnResponses); the foundation sees only `aggregateForPeriod`. Submissions are not
 * audited: an audit row would tell who answered, which nobody at the foundation may track.
 */

export { COMMENT_MAX } from "./continuum-limits";

export interface SelfAssessmentInput {
  answers: Record<SelfAssessmentQuestion, ContinuumStage>;
  comment: string;
  shareComment: boolean;
}

/** The caller's own response, at the foundation they act for, under the role they hold there. */
export async function submitSelfAssessment(db: Kysely<DB>, caller: Caller, input: SelfAssessmentInput & { now?: Date }) {
  const foundationId = foundationOf(caller, "take:foundation-self-assessment");
  return asCaller(db, caller, (trx) =>
    trx
      .insertInto("foundation_self_assessment")
      .values({
        foundation_id: foundationId,
        user_id: caller.userId,
        role: caller.membership.role as FoundationRole,
        ...input.answers,
        comment: input.comment,
        share_comment: input.shareComment && input.comment.trim() !== "",
        created_at: input.now ?? new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
}

/** The caller's own responses at the foundation they act for, newest first. Never anyone else's. */
export async function listOwnResponses(db: Kysely<DB>, caller: Caller, page = 1, pageSize = 20) {
  const foundationId = foundationOf(caller, "take:foundation-self-assessment");
  const [rows, total] = await asCaller(db, caller, (trx) => {
    const base = trx.selectFrom("foundation_self_assessment").where("user_id", "=", caller.userId).where("foundation_id", "=", foundationId);
    return Promise.all([
      base
        .select(["id", "created_at", "comment", "share_comment", ...SELF_ASSESSMENT_QUESTIONS])
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
  });
  return { rows, total: Number(total.n), page, pageSize };
}

/**
 * The caller's foundation's aggregate for one calendar year: each person's latest response in the
 * period, counted by `aggregateSelfAssessments` under the foundation's minimum group size.
 */
export async function aggregateForPeriod(db: Kysely<DB>, caller: Caller, year: number): Promise<SelfAssessmentAggregate> {
  const foundationId = foundationOf(caller, "read:foundation-self-assessment-summary");
  const { from, to } = periodBounds(year);
  const [foundation, rows] = await asCaller(
    db,
    caller,
    async (trx) =>
      [
        await trx.selectFrom("foundation").select("min_group_size").where("id", "=", foundationId).executeTakeFirstOrThrow(),
        await trx
          .selectFrom("foundation_self_assessment")
          .select(["user_id", "role", "comment", "share_comment", ...SELF_ASSESSMENT_QUESTIONS])
          .distinctOn("user_id")
          .where("foundation_id", "=", foundationId)
          .where("created_at", ">=", from)
          .where("created_at", "<", to)
          .orderBy("user_id")
          .orderBy("created_at", "desc")
          .orderBy("id", "desc")
          .execute(),
      ] as const,
  );
  return aggregateSelfAssessments(
    rows.map((r) => ({
      userId: r.user_id,
      role: r.role,
      comment: r.comment,
      shareComment: r.share_comment,
      answers: Object.fromEntries(SELF_ASSESSMENT_QUESTIONS.map((q) => [q, r[q]])) as Record<SelfAssessmentQuestion, ContinuumStage>,
    })),
    foundation.min_group_size,
  );
}

/** Years that can be chosen for the aggregate: from the first response (or this year) to this year. */
export async function selectableYears(db: Kysely<DB>, caller: Caller, now = new Date()) {
  const foundationId = foundationOf(caller, "read:foundation-self-assessment-summary");
  const first = await asCaller(db, caller, (trx) =>
    trx
      .selectFrom("foundation_self_assessment")
      .select((eb) => eb.fn.min("created_at").as("first"))
      .where("foundation_id", "=", foundationId)
      .executeTakeFirst(),
  );
  const thisYear = now.getUTCFullYear();
  const firstYear = first?.first ? new Date(first.first).getUTCFullYear() : thisYear;
  const years: number[] = [];
  for (let y = thisYear; y >= Math.min(firstYear, thisYear); y--) years.push(y);
  return years;
}

/** When the caller's foundation sent the invitation for a year, if it did. */
export async function invitationSentFor(db: Kysely<DB>, caller: Caller, year: number) {
  const foundationId = foundationOf(caller, "read:foundation-self-assessment-summary");
  return asCaller(db, caller, (trx) =>
    trx
      .selectFrom("foundation_self_assessment_invitation")
      .select("sent_at")
      .where("foundation_id", "=", foundationId)
      .where("period_year", "=", year)
      .executeTakeFirst(),
  );
}

/**
 * One invitation email per period to every member of the foundation. There are no
 * reminders, and nothing records who answered.
 */
export async function sendSelfAssessmentInvitation(db: Kysely<DB>, caller: Caller, input: { publicUrl: string; now?: Date }) {
  const foundationId = foundationOf(caller, "send:foundation-self-assessment-invitation");
  const actorId = caller.userId;
  const now = input.now ?? new Date();
  const year = now.getUTCFullYear();
  return asCaller(db, caller, async (trx) => {
    const inserted = await trx
      .insertInto("foundation_self_assessment_invitation")
      .values({ foundation_id: foundationId, period_year: year, sent_by: actorId, sent_at: now })
      .onConflict((oc) => oc.columns(["foundation_id", "period_year"]).doNothing())
      .returning("period_year")
      .executeTakeFirst();
    if (!inserted) throw new DomainError("continuum.invitationAlreadySent", undefined, { year }, 409);
    const foundation = await trx.selectFrom("foundation").select("name").where("id", "=", foundationId).executeTakeFirstOrThrow();
    const members = await trx
      .selectFrom("membership")
      .innerJoin("app_user", "app_user.id", "membership.user_id")
      .select(["app_user.email"])
      .where("membership.foundation_id", "=", foundationId)
      .orderBy("app_user.email")
      .execute();
    const url = `${input.publicUrl.replace(/\/$/, "")}/foundation/self-assessment`;
    for (const m of members) {
      const props = { foundationName: foundation.name, url };
      await enqueueEmail(trx, {
        kind: "self_assessment_invitation",
        to: m.email,
        subject: selfAssessmentInvitationSubject(props),
        element: createElement(SelfAssessmentInvitationEmail, props),
        foundationId,
      });
    }
    await recordAudit(trx, {
      actorUserId: actorId,
      foundationId,
      action: "self_assessment.invitation_sent",
      objectType: "foundation",
      objectId: foundationId,
      after: { period_year: year, recipients: members.length },
    });
    return { recipients: members.length, year };
  });
}
