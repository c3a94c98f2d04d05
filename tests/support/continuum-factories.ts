import type { Kysely } from "kysely";
import type { ContinuumStage, DB, FoundationRole } from "#db/schema";
import { PILLARS, type Pillar } from "~/domain/vocabulary";
import { saveAssessment, startAssessment, type PillarAnswers } from "~/domain/continuum.server";
import { submitSelfAssessment } from "~/domain/foundation-self-assessment.server";
import { SELF_ASSESSMENT_QUESTIONS, type SelfAssessmentQuestion } from "~/domain/self-assessment-aggregate";
import { addFoundationMember, callerOf, createUser } from "./factories";

export function answersAt(stage: ContinuumStage | null, overrides: Partial<Record<Pillar, ContinuumStage | null>> = {}): PillarAnswers {
  return Object.fromEntries(PILLARS.map((p) => [p, { stage: p in overrides ? overrides[p]! : stage, note: "" }])) as PillarAnswers;
}

/** A finished self-assessment of an organisation at `now`, every pillar at `stage` unless overridden. */
export async function finishedAssessment(
  db: Kysely<DB>,
  input: {
    organisationId: string;
    actorId: string;
    stage: ContinuumStage;
    overrides?: Partial<Record<Pillar, ContinuumStage>>;
    now?: Date;
    reflection?: string;
  },
) {
  const caller = await callerOf(db, input.actorId, input.organisationId);
  const id = await startAssessment(db, caller, input.now);
  await saveAssessment(db, caller, id, {
    answers: answersAt(input.stage, input.overrides),
    reflection: input.reflection ?? "",
    nextSteps: "",
    version: 1,
    finish: true,
    now: input.now,
  });
  return id;
}

export function selfAnswers(stage: ContinuumStage): Record<SelfAssessmentQuestion, ContinuumStage> {
  return Object.fromEntries(SELF_ASSESSMENT_QUESTIONS.map((q) => [q, stage])) as Record<SelfAssessmentQuestion, ContinuumStage>;
}

/** A new member of the foundation with one self-assessment response. */
export async function respondent(
  db: Kysely<DB>,
  input: { foundationId: string; role?: FoundationRole; stage?: ContinuumStage; comment?: string; shareComment?: boolean; now?: Date },
) {
  const user = await createUser(db);
  const role = input.role ?? "staff";
  await addFoundationMember(db, user.id, input.foundationId, role);
  await submitSelfAssessment(db, await callerOf(db, user.id, input.foundationId), {
    answers: selfAnswers(input.stage ?? "competence"),
    comment: input.comment ?? "",
    shareComment: input.shareComment ?? false,
    now: input.now,
  });
  return user;
}
