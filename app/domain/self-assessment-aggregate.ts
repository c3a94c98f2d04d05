import { CONTINUUM_STAGES, FOUNDATION_ROLES, type ContinuumStage } from "./vocabulary";

/**
 * What a foundation may see of its staff's self-assessments: aggregates only, and only for
 * groups large enough that nobody can be singled out (DESIGN.md, "Small groups stay
 * anonymous"). Pure, so every rule is unit-tested; the SQL that feeds it takes one response
 * per person in the period (their latest).
 */

export const SELF_ASSESSMENT_QUESTIONS = ["foundation_understanding", "learning_together", "funding_support", "needs_differ", "own_understanding"] as const;
export type SelfAssessmentQuestion = (typeof SELF_ASSESSMENT_QUESTIONS)[number];

/** Comments appear only when at least this many people answered, whatever the group size setting. */
export const MIN_RESPONDENTS_FOR_COMMENTS = 8;

/** The summary groups foundation people by their role there, in the order the roles are listed. */
export const AGGREGATE_ROLES = FOUNDATION_ROLES;
export type AggregateRole = (typeof AGGREGATE_ROLES)[number];

export interface SelfAssessmentResponse {
  /** Distinct person; never leaves this function. */
  userId: string;
  role: AggregateRole;
  answers: Record<SelfAssessmentQuestion, ContinuumStage>;
  comment: string;
  shareComment: boolean;
}

export type StageCounts = Record<ContinuumStage, number>;

export type SelfAssessmentAggregate =
  | { enough: false }
  | {
      enough: true;
      respondents: number;
      questions: Record<SelfAssessmentQuestion, StageCounts>;
      /** Null unless every shown role group and its complement reach the minimum group size. */
      byRole: { role: AggregateRole; respondents: number; questions: Record<SelfAssessmentQuestion, StageCounts> }[] | null;
      /** Null below MIN_RESPONDENTS_FOR_COMMENTS; otherwise only comments shared anonymously, in an order that says nothing about who or when. */
      comments: string[] | null;
    };

function emptyCounts(): StageCounts {
  return Object.fromEntries(CONTINUUM_STAGES.map((s) => [s, 0])) as StageCounts;
}

function count(responses: SelfAssessmentResponse[]) {
  const questions = Object.fromEntries(SELF_ASSESSMENT_QUESTIONS.map((q) => [q, emptyCounts()])) as Record<SelfAssessmentQuestion, StageCounts>;
  for (const r of responses) for (const q of SELF_ASSESSMENT_QUESTIONS) questions[q][r.answers[q]] += 1;
  return questions;
}

export function aggregateSelfAssessments(input: SelfAssessmentResponse[], minGroupSize: number): SelfAssessmentAggregate {
  const k = Math.max(5, Math.floor(minGroupSize));
  // One response per person: if a caller passes several, the last one wins.
  const byPerson = new Map<string, SelfAssessmentResponse>();
  for (const r of input) byPerson.set(r.userId, r);
  const responses = [...byPerson.values()];
  const n = responses.length;
  if (n < k) return { enough: false };

  const groups = AGGREGATE_ROLES.map((role) => ({ role, members: responses.filter((r) => r.role === role) })).filter((g) => g.members.length > 0);
  const breakdownSafe = groups.length > 1 && groups.every((g) => g.members.length >= k && n - g.members.length >= k);
  const byRole = breakdownSafe ? groups.map((g) => ({ role: g.role, respondents: g.members.length, questions: count(g.members) })) : null;

  const comments =
    n >= Math.max(MIN_RESPONDENTS_FOR_COMMENTS, k)
      ? responses
          .filter((r) => r.shareComment && r.comment.trim() !== "")
          .map((r) => r.comment.trim())
          .sort((a, b) => a.localeCompare(b))
      : null;

  return { enough: true, respondents: n, questions: count(responses), byRole, comments };
}

/** The period an aggregate covers: one calendar year (UTC). */
export function periodBounds(year: number) {
  return { from: new Date(Date.UTC(year, 0, 1)), to: new Date(Date.UTC(year + 1, 0, 1)) };
}
