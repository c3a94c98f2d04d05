import type { EvidenceTier } from "./vocabulary";

/**
 * The field study the practices library comes from (seeds/003, abstract in seeds/004), in one place:
 * the about page, the practice pages and the seed test all read these figures from here, so a
 * number shown to people can only change together with the test that checks it against the study.
 */
export const FIELD_STUDY = {
  title: "Addressing Secondary Traumatic Stress: Models and Promising Practices",
  year: 2020,
  /** The rapid literature review. */
  review: {
    databases: ["MEDLINE", "CINAHL", "PsycINFO", "Social Work Abstracts", "Social Services Abstracts", "ASSIA", "PILOTS"],
    publishedSince: 2000,
    found: 537,
    reviewed: 127,
    /** Studies per tier (the study's Table 2, last row). */
    byTier: { best: 9, promising: 44, emerging: 68, contraindicated: 6 } satisfies Record<EvidenceTier, number>,
    /**
     * How each tier's studies were designed (the study's Table 2), which is how the tiers were
     * decided: the design of a study placed it on the study's hierarchy of evidence.
     */
    methods: [
      { method: "systematicReview", best: 4, promising: 0, emerging: 0, contraindicated: 1 },
      { method: "randomisedTrial", best: 3, promising: 0, emerging: 0, contraindicated: 2 },
      { method: "quasiExperiment", best: 2, promising: 0, emerging: 0, contraindicated: 1 },
      { method: "realistReview", best: 0, promising: 26, emerging: 0, contraindicated: 0 },
      { method: "prePost", best: 0, promising: 11, emerging: 0, contraindicated: 1 },
      { method: "caseStudy", best: 0, promising: 7, emerging: 0, contraindicated: 0 },
      { method: "opinion", best: 0, promising: 0, emerging: 30, contraindicated: 0 },
      { method: "crossSectional", best: 0, promising: 0, emerging: 23, contraindicated: 1 },
      { method: "qualitative", best: 0, promising: 0, emerging: 8, contraindicated: 0 },
      { method: "programDescription", best: 0, promising: 0, emerging: 7, contraindicated: 0 },
    ] as const,
  },
  /** The two qualitative parts of the study. */
  interviews: { managers: 15 },
  focusGroups: { staff: 29, cities: 4 },
} as const;

export type StudyMethod = (typeof FIELD_STUDY.review.methods)[number]["method"];

/** The limits the study states for its own review; the about page names each one. */
export const STUDY_LIMITS = ["oneReviewer", "publishedOnly", "englishOnly", "databases", "noEffectSizes"] as const;

/** Sum of a tier's column in the methods table: equals `byTier` when the transcription is whole. */
export function methodTotal(tier: EvidenceTier): number {
  return FIELD_STUDY.review.methods.reduce((sum, row) => sum + row[tier], 0);
}

/** How a practice's citation reads in one line, e.g. "Berger & Gelkopf, 2011" or the field study itself. */
export function citationText(c: { kind: "study" | "source"; authors: string | null; year: string | null }): string {
  if (c.kind === "study") return `${FIELD_STUDY.title} (${FIELD_STUDY.year})`;
  return `${c.authors}, ${c.year}`;
}
