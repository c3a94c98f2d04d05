import { describe, expect, it } from "vitest";
import { EVIDENCE_TIERS, PILLARS } from "../../app/domain/vocabulary";
import { FIELD_STUDY, methodTotal } from "../../app/domain/evidence";
import { PRACTICES, citationLine } from "./practices";

/**
 * The library checked against the field study (seeds/003), transcribed here a second time and
 * independently of the seed: for each practice, the tier the study gives, whether it sorts the practice
 * as organisational or individual, and every source it cites for it ("STUDY" where it names none),
 * with the tier the study gives that source where it gives one. A change to the seed that is not a
 * change in the study fails here.
 */
type Row = { tier: string; level: string | null; sources: string[] };
const STUDY: Record<string, Row> = {
  // Summary and "Organizational Strategies": best practices, sorted as organisational by the study.
  "improved-schedules": { tier: "best", level: "organisational", sources: ["STUDY"] },
  "lower-caseloads": { tier: "best", level: "organisational", sources: ["STUDY", "Pross 2006 emerging"] },
  "caseload-diversity": { tier: "best", level: "organisational", sources: ["STUDY", "Iliffe & Steed 2000 promising"] },
  "job-rotation": { tier: "best", level: "organisational", sources: ["STUDY"] },
  "organisational-support": { tier: "best", level: "organisational", sources: ["Brend, Krane & Saunders 2019", "Hesse 2002", "Bober & Regehr 2006"] },
  "work-environment": { tier: "best", level: "organisational", sources: ["Pross & Schweitzer 2010 emerging"] },
  "collegial-support": {
    tier: "best",
    level: "organisational",
    sources: ["Becvar 2003", "Berthold & Fischman 2014 emerging", "Chamberlain & Miller 2009", "Coetzee & Laschinger 2018"],
  },
  "team-building": { tier: "best", level: "organisational", sources: ["STUDY", "Berger & Gelkopf 2011 best"] },
  // "Individual Strategies".
  psychoeducation: { tier: "best", level: "individual", sources: ["Berger & Gelkopf 2011 best"] },
  "stress-management-training": {
    tier: "best",
    level: "individual",
    sources: ["Axisa, Nash, Kelly & Willcock 2019", "Phipps & Byrne 2003", "Newmeyer, Keyes, Gregory, Palmer, Buford, Mondt & Okai 2014 promising"],
  },
  "debriefing-communication": {
    tier: "best",
    level: "individual",
    sources: ["Jacobs, Horne-Moyer & Jones 2004", "Phipps & Byrne 2003", "Van Mol, Kompanje, Benoit, Bakker & Nijkamp 2015"],
  },
  "relaxation-mindfulness": {
    tier: "best",
    level: "individual",
    sources: ["Van Mol, Kompanje, Benoit, Bakker & Nijkamp 2015", "Slatyer, Craigie, Heritage, Davis & Rees 2017", "Kabat-Zinn 2003"],
  },
  "coping-strategies": {
    tier: "best",
    level: "individual",
    sources: ["Van Mol, Kompanje, Benoit, Bakker & Nijkamp 2015", "Cohen & Collens 2013", "Akinsulure-Smith, Espinosa, Chu & Hallock 2018 emerging"],
  },
  "social-support": {
    tier: "best",
    level: "individual",
    sources: [
      "Greinacher, Derezza-Greeven, Herzog & Nikendei 2019 best",
      "Hensel, Ruiz, Finney & Dewa 2015 best",
      "Van Mol, Kompanje, Benoit, Bakker & Nijkamp 2015 best",
      "Bride, Robinson, Yegidis & Figley 2004 promising",
      "Hecktman 2012 promising",
      "Phelps, Lloyd, Creamer & Forbes 2009 promising",
      "Caringi & Pearlman 2009 promising",
    ],
  },
  counselling: { tier: "best", level: "individual", sources: ["Van Mol, Kompanje, Benoit, Bakker & Nijkamp 2015"] },
  "resiliency-training": {
    tier: "best",
    level: "individual",
    sources: [
      "Back, Deignan & Potter 2014 best",
      "Berger, Abu-Raiya & Benatov 2016 best",
      "Gillman et al. 2015 best",
      "Slatyer, Craigie, Heritage, Davis & Rees 2017 best",
      "Cocker & Joss 2016 promising",
      "Kinman & Grant 2017 promising",
    ],
  },
  // Promising: the study does not sort these by level, except the channel, "a component of organizational support".
  "supervisory-support": { tier: "promising", level: null, sources: ["Brend, Krane & Saunders 2019"] },
  "self-care": { tier: "promising", level: null, sources: ["Posluns & Gall 2019"] },
  "systemic-issues-channel": { tier: "promising", level: "organisational", sources: ["McNamara 2010"] },
  "guided-meditation": { tier: "promising", level: null, sources: ["Cocker & Joss 2016", "Hevezi 2016"] },
  "therapy-approaches": {
    tier: "promising",
    level: null,
    sources: [
      "Phelps, Lloyd, Creamer & Forbes 2009",
      "Rohlf 2018",
      "Naturale 2007",
      "Mosek & Gilboa 2016",
      "Boyle 2011",
      "Hecktman 2012",
      "Keenan & Royle 2007",
    ],
  },
  // Emerging: only the Sanctuary Model is called organisational by the study.
  "accelerated-recovery": { tier: "emerging", level: null, sources: ["Gentry, Baranowsky & Dunning 2002"] },
  "compassion-training": { tier: "emerging", level: null, sources: ["Brito-Pons & Librada-Flores 2018"] },
  "sanctuary-model": { tier: "emerging", level: "organisational", sources: ["Madsen, Blitz, McCorkle & Panzer 2003"] },
  "provider-resilience-app": {
    tier: "emerging",
    level: null,
    sources: ["Wood, Prins, Bush et al. 2016", "Jakel, Kenney, Ludan, Miller, McNair & Matesic 2016"],
  },
  "evidence-based-client-care": { tier: "emerging", level: null, sources: ["Voss Horrell, Holohan, Didion & Vance 2011"] },
  reiki: { tier: "contraindicated", level: null, sources: ["Novoa & Cain 2014 contraindicated"] },
};

const sourcesOf = (id: string) =>
  PRACTICES.find((p) => p.id === id)!.citations.map((c) => (c.kind === "study" ? "STUDY" : [`${c.authors} ${c.year}`, c.sourceTier].filter(Boolean).join(" ")));

describe("the practices library against the field study", () => {
  it("holds exactly the practices transcribed from the study, nothing more", () => {
    expect(PRACTICES.map((p) => p.id).sort()).toEqual(Object.keys(STUDY).sort());
    expect(new Set(PRACTICES.map((p) => p.id)).size).toBe(PRACTICES.length);
  });

  for (const [id, row] of Object.entries(STUDY)) {
    it(`${id}: the study's tier, level and sources, in full`, () => {
      const p = PRACTICES.find((x) => x.id === id)!;
      expect(p.tier).toBe(row.tier);
      expect(sourcesOf(id)).toEqual(row.sources);
      // Where the study sorts a practice, the seed follows it and says so; elsewhere the level is marked as ours.
      if (row.level) {
        expect(p.level).toBe(row.level);
        expect(p.levelIsReading).toBe(false);
      } else expect(p.levelIsReading).toBe(true);
    });
  }

  it("gives every practice a citation, a tier, a finding and pillars marked as our reading", () => {
    for (const p of PRACTICES) {
      expect(p.citations.length, p.id).toBeGreaterThan(0);
      expect(EVIDENCE_TIERS, p.id).toContain(p.tier);
      expect(p.finding.trim().length, p.id).toBeGreaterThan(20);
      expect(p.pillarsAreReading, p.id).toBe(true);
      expect(p.pillars.length, p.id).toBeGreaterThan(0);
      for (const pillar of p.pillars) expect(PILLARS).toContain(pillar);
      for (const c of p.citations) if (c.kind === "source") expect(c.year, p.id).toMatch(/^\d{4}$/);
      expect(citationLine(p)).toMatch(/\d{4}/);
    }
  });

  it("keeps the corrections the study asks for", () => {
    const has = (id: string, author: string) => sourcesOf(id).some((s) => s.startsWith(author));
    // Hensel is the study's meta-analysis of trauma therapists and a social-support source, nothing else.
    for (const id of ["improved-schedules", "lower-caseloads", "job-rotation"]) expect(has(id, "Hensel")).toBe(false);
    expect(has("caseload-diversity", "Bober")).toBe(false);
    expect(has("coping-strategies", "Van Mol")).toBe(true);
    // Social support is family and friends, not peers; the Sanctuary Model's components do not include supervision.
    expect(PRACTICES.find((p) => p.id === "social-support")!.pillars).not.toContain("peer_support");
    expect(PRACTICES.find((p) => p.id === "sanctuary-model")!.pillars).not.toContain("supervision");
    const ebp = PRACTICES.find((p) => p.id === "evidence-based-client-care")!;
    expect([ebp.level, ebp.pillars.includes("supervision")]).toEqual(["individual", false]);
    // The study says "almost no" symptoms; nothing stronger.
    const environment = PRACTICES.find((p) => p.id === "work-environment")!;
    expect(`${environment.summary} ${environment.finding}`).not.toMatch(/far fewer|physical space|calm/i);
    expect(environment.finding).toMatch(/almost no/);
    // Policy advocacy is part of balanced caseloads, not a second entry.
    expect(PRACTICES.some((p) => p.id === "advocacy-work")).toBe(false);
  });
});

describe("the study's figures", () => {
  it("are the ones the study reports: 127 studies, 9 best, 44 promising, 68 emerging, 6 contraindicated", () => {
    expect(FIELD_STUDY.review.reviewed).toBe(127);
    expect(FIELD_STUDY.review.byTier).toEqual({ best: 9, promising: 44, emerging: 68, contraindicated: 6 });
    expect(Object.values(FIELD_STUDY.review.byTier).reduce((a, b) => a + b, 0)).toBe(FIELD_STUDY.review.reviewed);
  });

  it("add up: each tier's column of the design table equals the tier's count", () => {
    for (const tier of EVIDENCE_TIERS) expect(methodTotal(tier), tier).toBe(FIELD_STUDY.review.byTier[tier]);
  });
});
