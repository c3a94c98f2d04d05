import type { Kysely } from "kysely";
import type { DB, GrantLineKind, GrantStatus } from "../schema";
import type { Pillar, Purpose } from "../../app/domain/vocabulary";

interface SeedIds {
  foundationId: string;
  organisationIds: Map<string, string>;
  userIds: Map<string, string>;
}

const DEMO_PRACTICE_FOR: Record<string, string> = {
  leadership: "organisational-support",
  workload: "lower-caseloads",
  workspace: "work-environment",
  supervision: "supervisory-support",
  peer_support: "collegial-support",
  individualisation: "self-care",
};

const LINES: { key: string; name: string; fiscalYear: number; kind: GrantLineKind; bps: number | null; description: string }[] = [
  {
    key: "refugee26",
    name: "Refugee and asylum services",
    fiscalYear: 2026,
    kind: "enhancement",
    bps: 1000,
    description: "Core support for casework, legal aid and resettlement.",
  },
  {
    key: "trafficking26",
    name: "Anti-trafficking response",
    fiscalYear: 2026,
    kind: "enhancement",
    bps: 1250,
    description: "Hotlines, outreach and survivor advocacy.",
  },
  {
    key: "sts26",
    name: "STS fund",
    fiscalYear: 2026,
    kind: "dedicated",
    bps: null,
    description: "Grants entirely for STS education, prevention and mitigation.",
  },
  {
    key: "family25",
    name: "Family social work",
    fiscalYear: 2025,
    kind: "enhancement",
    bps: 1000,
    description: "Child protection and family support.",
  },
  {
    key: "sts25",
    name: "STS fund",
    fiscalYear: 2025,
    kind: "dedicated",
    bps: null,
    description: "Grants entirely for STS education, prevention and mitigation.",
  },
];

type Plan = [Pillar, Purpose | null, string, number][];

const GRANTS: {
  org: string;
  line: string;
  title: string;
  proposed: number;
  awarded: number | null;
  status: GrantStatus;
  starts?: string;
  ends?: string;
  plan: Plan;
}[] = [
  {
    org: "Riverside Refugee Services",
    line: "refugee26",
    title: "Caseworker team expansion",
    proposed: 240_000_00,
    awarded: 240_000_00,
    status: "active",
    starts: "2026-01-01",
    ends: "2026-12-31",
    plan: [
      ["supervision", "prevention", "Monthly reflective supervision with an external clinician", 8_000_00],
      ["peer_support", "mitigation", "Peer support circles after difficult cases", 4_500_00],
    ],
  },
  {
    org: "Riverside Refugee Services",
    line: "sts26",
    title: "Reflective supervision programme",
    proposed: 60_000_00,
    awarded: 60_000_00,
    status: "active",
    starts: "2026-02-01",
    ends: "2027-01-31",
    plan: [
      ["leadership", "education", "STS training for the board and senior leaders", 10_000_00],
      ["supervision", "prevention", "Trauma-informed supervision training for team leads", 35_000_00],
      ["workspace", "mitigation", "A quiet room to step away after interviews", 15_000_00],
    ],
  },
  {
    org: "Riverside Refugee Services",
    line: "family25",
    title: "Interpreter services",
    proposed: 120_000_00,
    awarded: 110_000_00,
    status: "closed",
    starts: "2025-01-01",
    ends: "2025-12-31",
    plan: [],
  },
  {
    org: "Safe Passage Anti-Trafficking Network",
    line: "trafficking26",
    title: "Survivor advocacy hotline",
    proposed: 180_000_00,
    awarded: 175_000_00,
    status: "active",
    plan: [["workload", "prevention", "Shift limits and cover for hotline staff", 12_000_00]],
  },
  {
    org: "Safe Passage Anti-Trafficking Network",
    line: "trafficking26",
    title: "Street outreach workers",
    proposed: 95_000_00,
    awarded: null,
    status: "proposed",
    plan: [],
  },
  {
    org: "Safe Passage Anti-Trafficking Network",
    line: "sts26",
    title: "Secondary trauma training",
    proposed: 40_000_00,
    awarded: 40_000_00,
    status: "active",
    plan: [["individualisation", "education", "Self-care plans for every advocate", 18_000_00]],
  },
  {
    org: "Northside Family Social Work",
    line: "family25",
    title: "Child protection caseload",
    proposed: 300_000_00,
    awarded: 300_000_00,
    status: "active",
    plan: [
      ["supervision", "mitigation", "Debriefs after removals", 9_000_00],
      ["leadership", null, "", 3_000_00],
    ],
  },
  {
    org: "Northside Family Social Work",
    line: "refugee26",
    title: "Family support workers",
    proposed: 150_000_00,
    awarded: null,
    status: "proposed",
    plan: [],
  },
  {
    org: "Northside Family Social Work",
    line: "sts25",
    title: "Staff wellness days",
    proposed: 25_000_00,
    awarded: 25_000_00,
    status: "closed",
    plan: [["workload", "prevention", "Two paid wellness days per person", 20_000_00]],
  },
  {
    org: "Harbour Asylum Legal Aid",
    line: "refugee26",
    title: "Legal aid caseworkers",
    proposed: 210_000_00,
    awarded: 200_000_00,
    status: "active",
    plan: [["peer_support", "prevention", "Cross-agency peer consultation group", 6_500_00]],
  },
  {
    org: "Harbour Asylum Legal Aid",
    line: "trafficking26",
    title: "Detention visits",
    proposed: 75_000_00,
    awarded: 75_000_00,
    status: "active",
    plan: [],
  },
  {
    org: "Harbour Asylum Legal Aid",
    line: "sts26",
    title: "Self-care plans for attorneys",
    proposed: 30_000_00,
    awarded: null,
    status: "proposed",
    plan: [],
  },
];

/** Demo grant lines and a dozen grants with plans in different states (empty, partial, one fully planned). */
export async function seedGrants(db: Kysely<DB>, ids: SeedIds) {
  const officerId = ids.userIds.get("officer@demo.test") ?? null;
  const lineIds = new Map<string, string>();
  for (const l of LINES) {
    const row = await db
      .insertInto("grant_line")
      .values({
        foundation_id: ids.foundationId,
        name: l.name,
        fiscal_year: l.fiscalYear,
        kind: l.kind,
        allowance_bps: l.bps,
        description: l.description,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    lineIds.set(l.key, row.id);
  }
  for (const g of GRANTS) {
    const organisationId = ids.organisationIds.get(g.org);
    if (!organisationId) continue;
    const grant = await db
      .insertInto("grant")
      .values({
        foundation_id: ids.foundationId,
        grant_line_id: lineIds.get(g.line)!,
        organisation_id: organisationId,
        title: g.title,
        proposed_budget_cents: g.proposed,
        awarded_cents: g.awarded,
        starts_on: g.starts ?? null,
        ends_on: g.ends ?? null,
        status: g.status,
        officer_user_id: officerId,
        plan_version: g.plan.length > 0 ? 1 : 0,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (g.plan.length > 0) {
      await db
        .insertInto("plan_line")
        .values(
          g.plan.map(([pillar, purpose, description, amount], position) => ({
            grant_id: grant.id,
            position,
            pillar,
            purpose,
            description,
            amount_cents: amount,
            // Some lines name a practice from the library, as a grantee might; most do not.
            practice_id: position === 0 ? DEMO_PRACTICE_FOR[pillar] : null,
          })),
        )
        .execute();
    }
    if (g.title === "Caseworker team expansion") {
      const director = ids.userIds.get("director@demo.test");
      await db
        .insertInto("grant_comment")
        .values([
          {
            grant_id: grant.id,
            author_user_id: officerId,
            side: "foundation",
            body: "What have you noticed since supervision started? No report needed, just curious.",
          },
          ...(director
            ? [
                {
                  grant_id: grant.id,
                  author_user_id: director,
                  side: "organisation" as const,
                  body: "Fewer sick days so far. The peer circles are the part people talk about most.",
                },
              ]
            : []),
        ])
        .execute();
    }
  }
}
