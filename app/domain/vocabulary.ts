import type { FoundationRole, OrganisationRole } from "#db/schema";
/**
 * The product's fixed vocabulary (DESIGN.md, "Domain vocabulary"). These keys are what the
 * database stores (text columns with check constraints) and what i18n labels are keyed on
 * (`vocabulary.pillar.<key>` …), so one concept has one name everywhere.
 */
export const PILLARS = ["leadership", "workload", "workspace", "supervision", "peer_support", "individualisation"] as const;
export type Pillar = (typeof PILLARS)[number];

export const PURPOSES = ["education", "prevention", "mitigation"] as const;
export type Purpose = (typeof PURPOSES)[number];

/** The competence continuum, in order: movement along it is a journey, never a grade. */
export const CONTINUUM_STAGES = ["blindness", "pre_competence", "competence", "proficiency"] as const;
export type ContinuumStage = (typeof CONTINUUM_STAGES)[number];

export const EVIDENCE_TIERS = ["best", "promising", "emerging", "contraindicated"] as const;
export type EvidenceTier = (typeof EVIDENCE_TIERS)[number];

export const PRACTICE_LEVELS = ["organisational", "individual"] as const;
export type PracticeLevel = (typeof PRACTICE_LEVELS)[number];

/** SQL list for a check constraint in a migration: `check (pillar in (${sqlList(PILLARS)}))`. */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ");
}

/** The roles a person can hold, as data (what a membership says); what each may do is in permissions.server.ts. */
export const FOUNDATION_ROLES = ["admin", "program_officer", "staff"] as const satisfies readonly FoundationRole[];
export const ORGANISATION_ROLES = ["director", "staff"] as const satisfies readonly OrganisationRole[];
