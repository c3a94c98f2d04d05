import type { ContinuumStage, EvidenceTier, Pillar, Purpose } from "~/domain/vocabulary";

/**
 * What each brief is made from: plain, already-aggregated data gathered on the main thread (with
 * the viewer's tenancy and consent checks) and sent to a render worker. A brief can only print
 * what is here, so privacy rules are enforced before this point and tested on these shapes.
 */
interface BriefBase {
  locale: string;
  /** ISO timestamp; printed in the footer. */
  generatedAt: string;
  /** Printed in the header of every page. */
  foundationName: string;
}

export interface PlannedSpread {
  total: number;
  byPillar: Record<Pillar, number>;
  byPurpose: Record<Purpose, number>;
}

export interface CohortBriefData extends BriefBase {
  kind: "cohort";
  cohort: { name: string; purpose: string; startsOn: string; endsOn: string; facilitators: string[] };
  memberOrganisations: number;
  sessions: { title: string; startsAt: string; timeZone: string; attended: number }[];
  resources: { title: string; tier: EvidenceTier | null; note: string }[];
  planned: PlannedSpread;
  minGroupSize: number;
  /**
   * Counts of organisations at each stage per pillar, from the latest finished self-assessment of
   * each member organisation that shares its journey with this foundation. Null below the
   * minimum group size. Never carries an organisation's name or id.
   */
  continuum: { organisations: number; byPillar: Record<Pillar, Record<ContinuumStage, number>> } | null;
}

export interface OrganisationPlanBriefData extends BriefBase {
  kind: "organisation-plan";
  organisationName: string;
  grants: {
    title: string;
    foundationName: string;
    grantLineName: string;
    fiscalYear: number;
    allowance: number;
    planned: number;
    lines: { pillar: Pillar; purpose: Purpose | null; description: string; amount: number; practice: string | null }[];
  }[];
  /** Only when the director chose to include it when downloading. */
  journey: { finishedAt: string; stages: Partial<Record<Pillar, ContinuumStage>> }[] | null;
}

export interface FoundationBriefData extends BriefBase {
  kind: "foundation";
  portfolio: {
    grantLines: number;
    grants: number;
    proposed: number;
    awarded: number;
    allowance: number;
    planned: number;
    spread: PlannedSpread;
    byLine: { name: string; fiscalYear: number; grants: number; awarded: number; allowance: number; planned: number }[];
  };
  staffAssessment: {
    periodLabel: string;
    minGroupSize: number;
    /** Null when fewer than minGroupSize people answered in the period. */
    respondents: number | null;
    questions: { label: string; counts: Record<ContinuumStage, number> | null }[];
  };
}

export type BriefRequest = CohortBriefData | OrganisationPlanBriefData | FoundationBriefData;
