import type { Kysely } from "kysely";
import type { ContinuumStage, DB, FoundationRole } from "#db/schema";
import { PILLARS, type Pillar } from "~/domain/vocabulary";
import { saveAssessment, setSharing, startAssessment, type PillarAnswers } from "~/domain/continuum.server";
import { acceptCohortInvitation, inviteOrganisation } from "~/domain/cohorts.server";
import { cohortAccessOf } from "./learning-factories";
import { submitSelfAssessment } from "~/domain/foundation-self-assessment.server";
import { SELF_ASSESSMENT_QUESTIONS, type SelfAssessmentQuestion } from "~/domain/self-assessment-aggregate";
import { addFoundationMember, addOrganisationMember, callerOf, createOrganisation, createUser, fundOrganisation } from "./factories";

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

/**
 * `count` organisations funded by a foundation that joined its cohort, each with a finished self-assessment
 * (alternately at competence and proficiency) shared with the foundation.
 */
export async function sharingCohortMembers(db: Kysely<DB>, input: { cohortId: string; officerId: string; foundationId: string; count: number }) {
  const organisations: { id: string; director: string }[] = [];
  for (let i = 0; i < input.count; i++) {
    const organisation = await createOrganisation(db);
    await fundOrganisation(db, input.foundationId, organisation.id);
    const director = await createUser(db);
    await addOrganisationMember(db, director.id, organisation.id, "director");
    await inviteOrganisation(db, (await cohortAccessOf(db, input.officerId, input.cohortId))!, organisation.id, async () => {});
    await acceptCohortInvitation(db, (await cohortAccessOf(db, director.id, input.cohortId))!, organisation.id);
    await finishedAssessment(db, { organisationId: organisation.id, actorId: director.id, stage: i % 2 ? "proficiency" : "competence" });
    await setSharing(db, await callerOf(db, director.id, organisation.id), { foundationId: input.foundationId, share: true });
    organisations.push({ id: organisation.id, director: director.id });
  }
  return organisations;
}
