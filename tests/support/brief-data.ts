import { CONTINUUM_STAGES, PILLARS, PURPOSES, type ContinuumStage, type Pillar, type Purpose } from "~/domain/vocabulary";
import type { FoundationBriefData, PlannedSpread } from "~/pdf/briefs/types";

export function spreadOf(cents: number): PlannedSpread {
  return {
    total: cents * PILLARS.length,
    byPillar: Object.fromEntries(PILLARS.map((p) => [p, cents])) as Record<Pillar, number>,
    byPurpose: Object.fromEntries(PURPOSES.map((p, i) => [p, i === 0 ? cents * PILLARS.length : 0])) as Record<Purpose, number>,
  };
}

export function stageCounts(n: number): Record<ContinuumStage, number> {
  return Object.fromEntries(CONTINUUM_STAGES.map((s, i) => [s, i === 0 ? n : 0])) as Record<ContinuumStage, number>;
}

/** A foundation brief's data, with accented names so the font's coverage is exercised. */
export function foundationBriefData(overrides: Partial<FoundationBriefData> = {}): FoundationBriefData {
  return {
    kind: "foundation",
    locale: "en",
    generatedAt: "2026-11-25T10:00:00.000Z",
    foundationName: "Fundación Peñalara",
    portfolio: {
      grantLines: 2,
      grants: 40,
      proposed: 1_000_000_00,
      awarded: 900_000_00,
      allowance: 100_000_00,
      planned: 60_000_00,
      spread: spreadOf(10_000_00),
      byLine: Array.from({ length: 40 }, (_, i) => ({
        name: `Línea ${i + 1}`,
        fiscalYear: 2026,
        grants: 1,
        awarded: 22_500_00,
        allowance: 2_500_00,
        planned: 1_500_00,
      })),
    },
    staffAssessment: {
      periodLabel: "2026",
      minGroupSize: 5,
      respondents: 6,
      questions: [{ label: "Our own understanding of STS", counts: stageCounts(6) }],
    },
    ...overrides,
  };
}
