import type { Kysely } from "kysely";
import type { ContinuumStage, DB, FoundationRole } from "../schema";
import { PILLARS, type Pillar } from "../../app/domain/vocabulary";
import { inTenantScope } from "../../app/domain/tenant-scope.server";

const DAY = 86_400_000;

type Stages = Record<Pillar, ContinuumStage>;
const s = (
  leadership: ContinuumStage,
  workload: ContinuumStage,
  workspace: ContinuumStage,
  supervision: ContinuumStage,
  peer_support: ContinuumStage,
  individualisation: ContinuumStage,
): Stages => ({
  leadership,
  workload,
  workspace,
  supervision,
  peer_support,
  individualisation,
});

/** Finished self-assessments per demo organisation, oldest first, with how many days ago each was finished. */
const JOURNEYS: {
  organisation: string;
  director: string;
  shareWithFoundation: boolean;
  points: { daysAgo: number; stages: Stages; reflection: string; nextSteps: string }[];
}[] = [
  {
    organisation: "Riverside Refugee Services",
    director: "director@demo.test",
    shareWithFoundation: true,
    points: [
      {
        daysAgo: 690,
        stages: s("pre_competence", "blindness", "pre_competence", "blindness", "pre_competence", "blindness"),
        reflection: "We talk about burnout after hard weeks, but nothing is planned.",
        nextSteps: "Bring STS to the next board meeting.",
      },
      {
        daysAgo: 460,
        stages: s("competence", "pre_competence", "pre_competence", "pre_competence", "competence", "pre_competence"),
        reflection: "The board approved a wellness policy; peer lunches started.",
        nextSteps: "Look at caseload limits for the intake team.",
      },
      {
        daysAgo: 240,
        stages: s("competence", "competence", "pre_competence", "competence", "competence", "pre_competence"),
        reflection: "Caseloads are capped; supervisors had trauma-informed training.",
        nextSteps: "Find a quiet room staff can use after difficult sessions.",
      },
      {
        daysAgo: 45,
        stages: s("proficiency", "competence", "competence", "competence", "proficiency", "competence"),
        reflection: "Other agencies now join our peer group.",
        nextSteps: "Self-care plans for everyone who wants one.",
      },
    ],
  },
  {
    organisation: "Safe Passage Anti-Trafficking Network",
    director: "director2@demo.test",
    shareWithFoundation: false,
    points: [
      {
        daysAgo: 600,
        stages: s("blindness", "blindness", "pre_competence", "blindness", "pre_competence", "blindness"),
        reflection: "First time we looked at this together.",
        nextSteps: "Learn what STS looks like in our team.",
      },
      {
        daysAgo: 300,
        stages: s("pre_competence", "pre_competence", "pre_competence", "pre_competence", "competence", "blindness"),
        reflection: "Staff asked for debriefing after court dates.",
        nextSteps: "Try a monthly debrief.",
      },
      {
        daysAgo: 60,
        stages: s("competence", "pre_competence", "competence", "competence", "competence", "pre_competence"),
        reflection: "Monthly debriefs are running.",
        nextSteps: "Talk about workload with the board.",
      },
    ],
  },
  {
    organisation: "Northside Family Social Work",
    director: "",
    shareWithFoundation: false,
    points: [
      {
        daysAgo: 500,
        stages: s("pre_competence", "pre_competence", "blindness", "pre_competence", "pre_competence", "pre_competence"),
        reflection: "",
        nextSteps: "",
      },
      {
        daysAgo: 120,
        stages: s("competence", "pre_competence", "pre_competence", "competence", "competence", "pre_competence"),
        reflection: "",
        nextSteps: "",
      },
    ],
  },
];

/** Extra foundation staff who answered last year's self-assessment (demo password; not in the README table). */
export const SELF_ASSESSMENT_DEMO_STAFF = [
  { email: "staff2@demo.test", name: "Jonas Lindqvist" },
  { email: "staff3@demo.test", name: "Mei Tanaka" },
  { email: "staff4@demo.test", name: "Kwame Asante" },
  { email: "staff5@demo.test", name: "Rosa Delgado" },
  { email: "staff6@demo.test", name: "Ibrahim Haddad" },
  { email: "staff7@demo.test", name: "Elena Petrova" },
];

const SELF_ANSWERS: { stages: [ContinuumStage, ContinuumStage, ContinuumStage, ContinuumStage, ContinuumStage]; comment?: string; share?: boolean }[] = [
  {
    stages: ["pre_competence", "pre_competence", "blindness", "competence", "competence"],
    comment: "We could ask grantees what would help before designing anything.",
    share: true,
  },
  { stages: ["pre_competence", "blindness", "pre_competence", "pre_competence", "pre_competence"] },
  {
    stages: ["competence", "pre_competence", "pre_competence", "competence", "competence"],
    comment: "The enhancement on ordinary grants is a good start.",
    share: true,
  },
  { stages: ["pre_competence", "pre_competence", "blindness", "pre_competence", "competence"] },
  { stages: ["blindness", "pre_competence", "pre_competence", "competence", "pre_competence"], comment: "A note only for me.", share: false },
  { stages: ["pre_competence", "competence", "pre_competence", "competence", "competence"] },
  {
    stages: ["competence", "pre_competence", "competence", "proficiency", "proficiency"],
    comment: "Learning sessions with grantees changed how I read reports.",
    share: true,
  },
  { stages: ["pre_competence", "pre_competence", "pre_competence", "competence", "pre_competence"] },
  { stages: ["pre_competence", "blindness", "pre_competence", "competence", "competence"] },
];

/**
 * Demo continuum data: several finished self-assessments per organisation over the past two
 * years (Riverside shares its journey with the demo foundation; the others do not), and
 * foundation staff self-assessments in the previous calendar year, enough for the summary.
 * Nothing is seeded in the current year, so a fresh summary starts at "not enough responses yet".
 */
export async function seedContinuumDemo(
  trx: Kysely<DB>,
  input: { foundationId: string; organisationIds: Map<string, string>; userIds: Map<string, string>; passwordHash: string; now?: Date },
) {
  const now = input.now ?? new Date();
  for (const journey of JOURNEYS) {
    const organisationId = input.organisationIds.get(journey.organisation)!;
    const directorId = input.userIds.get(journey.director) ?? null;
    // Written as the organisation itself, so the seed works under row-level security too.
    await inTenantScope(trx, { organisationId }, async (trx) => {
      for (const point of journey.points) {
        const at = new Date(now.getTime() - point.daysAgo * DAY);
        const a = await trx
          .insertInto("continuum_assessment")
          .values({
            organisation_id: organisationId,
            started_by: directorId,
            created_at: at,
            updated_at: at,
            reflection: point.reflection,
            next_steps: point.nextSteps,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("continuum_pillar_answer")
          .values(PILLARS.map((pillar) => ({ assessment_id: a.id, pillar, stage: point.stages[pillar] })))
          .execute();
        await trx
          .updateTable("continuum_assessment")
          .set({ status: "finished", finished_at: at, finished_by: directorId, version: 2 })
          .where("id", "=", a.id)
          .execute();
      }
      if (journey.shareWithFoundation) {
        await trx
          .insertInto("continuum_share")
          .values({
            organisation_id: organisationId,
            foundation_id: input.foundationId,
            granted_by: directorId,
            granted_at: new Date(now.getTime() - 30 * DAY),
          })
          .execute();
      }
    });
  }

  const respondents: { id: string; role: FoundationRole }[] = [];
  for (const [email, role] of [
    ["admin@demo.test", "admin"],
    ["officer@demo.test", "program_officer"],
    ["staff@demo.test", "staff"],
  ] as const) {
    const id = input.userIds.get(email);
    if (id) respondents.push({ id, role });
  }
  for (const person of SELF_ASSESSMENT_DEMO_STAFF) {
    const user = await trx
      .insertInto("app_user")
      .values({ email: person.email, name: person.name, password_hash: input.passwordHash })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("membership").values({ user_id: user.id, foundation_id: input.foundationId, role: "staff" }).execute();
    respondents.push({ id: user.id, role: "staff" });
  }
  const lastYear = now.getUTCFullYear() - 1;
  await inTenantScope(trx, { foundationId: input.foundationId }, async (trx) => {
    for (const [i, person] of respondents.entries()) {
      const answer = SELF_ANSWERS[i % SELF_ANSWERS.length];
      const [foundation_understanding, learning_together, funding_support, needs_differ, own_understanding] = answer.stages;
      await trx
        .insertInto("foundation_self_assessment")
        .values({
          foundation_id: input.foundationId,
          user_id: person.id,
          role: person.role,
          foundation_understanding,
          learning_together,
          funding_support,
          needs_differ,
          own_understanding,
          comment: answer.comment ?? "",
          share_comment: answer.share ?? false,
          created_at: new Date(Date.UTC(lastYear, 2 + (i % 8), 3 + i)),
        })
        .execute();
    }
  });
}
