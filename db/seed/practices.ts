import { sql, type Kysely } from "kysely";
import type { EvidenceTier, Pillar, PracticeLevel } from "../../app/domain/vocabulary";

export interface PracticeSeed {
  id: string;
  name: string;
  tier: EvidenceTier;
  level: PracticeLevel;
  pillars: Pillar[];
  summary: string;
  citation: string;
}

/**
 * The practices library: every practice the field study (report 003) names, with the
 * evidence tier it found, in the product's own words. Reference data, present in every
 * environment (see docs/decisions/0030-practices-library-as-reference-data.md).
 */
export const PRACTICES: PracticeSeed[] = [
  // Organisational best practices
  {
    id: "improved-schedules",
    name: "Improved work schedules",
    tier: "best",
    level: "organisational",
    pillars: ["workload"],
    summary: "Rosters and hours planned so that people get predictable time to recover between demanding days.",
    citation: "Hensel, Ruiz, Finney & Dewa, 2015",
  },
  {
    id: "lower-caseloads",
    name: "Lower caseloads",
    tier: "best",
    level: "organisational",
    pillars: ["workload"],
    summary: "Fewer clients per person, so each worker's exposure to other people's trauma stays manageable.",
    citation: "Hensel, Ruiz, Finney & Dewa, 2015",
  },
  {
    id: "caseload-diversity",
    name: "More diverse caseloads and balanced tasks",
    tier: "best",
    level: "organisational",
    pillars: ["workload"],
    summary: "Mixing clients with and without trauma histories, and adding work beyond direct contact such as policy advocacy.",
    citation: "Bober & Regehr, 2006; Iliffe & Steed, 2000",
  },
  {
    id: "job-rotation",
    name: "Job rotation",
    tier: "best",
    level: "organisational",
    pillars: ["workload"],
    summary: "Moving people between roles over time so nobody carries the most trauma-heavy work indefinitely.",
    citation: "Hensel, Ruiz, Finney & Dewa, 2015",
  },
  {
    id: "organisational-support",
    name: "Organisational support",
    tier: "best",
    level: "organisational",
    pillars: ["leadership", "workspace"],
    summary: "The organisation names STS as normal, removes the stigma of asking for help, and gives time off, breaks and a safe, comfortable place to work.",
    citation: "Brend, Krane & Saunders, 2019; Hesse, 2002",
  },
  {
    id: "work-environment",
    name: "Improved work environment",
    tier: "best",
    level: "organisational",
    pillars: ["workspace", "leadership"],
    summary: "Clear structure, predictable routines and a calm physical space; well-structured organisations see far fewer symptoms.",
    citation: "Pross & Schweitzer, 2010",
  },
  {
    id: "collegial-support",
    name: "Collegial support",
    tier: "best",
    level: "organisational",
    pillars: ["peer_support"],
    summary: "Room to share what the work does to you with colleagues, one to one or in peer groups, alongside respect, recognition and shared decisions.",
    citation: "Becvar, 2003; Berthold & Fischman, 2014; Chamberlain & Miller, 2009",
  },
  {
    id: "team-building",
    name: "Team building",
    tier: "best",
    level: "organisational",
    pillars: ["peer_support"],
    summary: "Deliberate work on the team itself, so that mutual support is there when someone needs it.",
    citation: "Berger & Gelkopf, 2011",
  },
  // Individual best practices
  {
    id: "psychoeducation",
    name: "Psychoeducation about stress, trauma and STS",
    tier: "best",
    level: "individual",
    pillars: ["individualisation", "leadership"],
    summary: "Learning how stress and trauma work, and what STS looks like, tailored to the people the team serves.",
    citation: "Berger & Gelkopf, 2011",
  },
  {
    id: "stress-management-training",
    name: "Stress management training",
    tier: "best",
    level: "individual",
    pillars: ["individualisation"],
    summary: "Short, practical workshops on wellbeing, resilience and stress strategies, using cases from the participants' own work.",
    citation: "Axisa, Nash, Kelly & Willcock, 2019; Phipps & Byrne, 2003",
  },
  {
    id: "debriefing-communication",
    name: "Debriefing and communication skills",
    tier: "best",
    level: "individual",
    pillars: ["supervision", "peer_support"],
    summary: "Structured conversations after hard incidents, repeated over time rather than once, plus frequent team meetings and conflict prevention.",
    citation: "Jacobs, Horne-Moyer & Jones, 2004; Van Mol, Kompanje, Benoit, Bakker & Nijkamp, 2015",
  },
  {
    id: "relaxation-mindfulness",
    name: "Relaxation and mindfulness",
    tier: "best",
    level: "individual",
    pillars: ["individualisation"],
    summary: "Practices such as yoga, breathing, body scans and mindful movement that bring attention back to the present.",
    citation: "Slatyer, Craigie, Heritage, Davis & Rees, 2017",
  },
  {
    id: "coping-strategies",
    name: "Coping strategies",
    tier: "best",
    level: "individual",
    pillars: ["individualisation"],
    summary: "Training that helps people notice and reduce coping habits that make STS worse, such as withdrawal or substance use.",
    citation: "Cohen & Collens, 2013; Akinsulure-Smith, Espinosa, Chu & Hallock, 2018",
  },
  {
    id: "social-support",
    name: "Social support",
    tier: "best",
    level: "individual",
    pillars: ["peer_support", "individualisation"],
    summary: "Leaning on family and friends outside work; the kind of support that helps most is still an open question.",
    citation: "Greinacher, Derezza-Greeven, Herzog & Nikendei, 2019; Hensel, Ruiz, Finney & Dewa, 2015",
  },
  {
    id: "counselling",
    name: "Counselling",
    tier: "best",
    level: "individual",
    pillars: ["individualisation"],
    summary: "Access to a counsellor for staff affected by the work.",
    citation: "Van Mol, Kompanje, Benoit, Bakker & Nijkamp, 2015",
  },
  {
    id: "resiliency-training",
    name: "Resiliency training",
    tier: "best",
    level: "individual",
    pillars: ["individualisation"],
    summary: "Programmes such as ERASE-Stress or the Compassion Fatigue Resiliency Program that build skills to recover and keep going.",
    citation: "Back, Deignan & Potter, 2014; Berger, Abu-Raiya & Benatov, 2016",
  },
  // Promising practices
  {
    id: "supervisory-support",
    name: "Supportive supervision",
    tier: "promising",
    level: "organisational",
    pillars: ["supervision"],
    summary: "Supervisors who name STS, spot its signs and regularly invite staff to talk about it, backed by organisational policy.",
    citation: "Brend, Krane & Saunders, 2019",
  },
  {
    id: "self-care",
    name: "Self-care",
    tier: "promising",
    level: "individual",
    pillars: ["individualisation", "workload"],
    summary: "Balance, flexibility, physical health, social ties and meaning; learning about self-care, planning it and doing it are different steps.",
    citation: "Posluns & Gall, 2019",
  },
  {
    id: "systemic-issues-channel",
    name: "A channel to raise systemic issues",
    tier: "promising",
    level: "organisational",
    pillars: ["leadership"],
    summary: "A way for staff to name what in the system makes STS worse and propose fixes, with visible follow-up on each proposal.",
    citation: "McNamara, 2010",
  },
  {
    id: "advocacy-work",
    name: "Advocacy alongside client work",
    tier: "promising",
    level: "organisational",
    pillars: ["workload"],
    summary: "Time for policy or political engagement, which lets people turn frustration with failing systems into action.",
    citation: "Iliffe & Steed, 2000",
  },
  {
    id: "guided-meditation",
    name: "Guided meditation and imagery",
    tier: "promising",
    level: "individual",
    pillars: ["individualisation"],
    summary: "Structured audio meditations and guided imagery as a complement to mindfulness.",
    citation: "Cocker & Joss, 2016; Hevezi, 2016",
  },
  {
    id: "therapy-approaches",
    name: "Specific therapy approaches",
    tier: "promising",
    level: "individual",
    pillars: ["individualisation"],
    summary: "Cognitive behavioural therapy, crisis counselling, narrative therapy, art therapy and EMDR for affected staff.",
    citation: "Phelps, Lloyd, Creamer & Forbes, 2009; Naturale, 2007; Mosek & Gilboa, 2016; Keenan & Royle, 2007",
  },
  // Emerging practices
  {
    id: "accelerated-recovery",
    name: "Accelerated Recovery Program",
    tier: "emerging",
    level: "individual",
    pillars: ["individualisation"],
    summary: "A five-session protocol: map your triggers, build a self-treatment plan, learn grounding skills and leave with an after-care plan.",
    citation: "Gentry, Baranowsky & Dunning, 2002",
  },
  {
    id: "compassion-training",
    name: "Compassion training",
    tier: "emerging",
    level: "individual",
    pillars: ["individualisation"],
    summary: "Cultivating compassion for oneself and others, for example loving-kindness within meditation.",
    citation: "Brito-Pons & Librada-Flores, 2018",
  },
  {
    id: "sanctuary-model",
    name: "Sanctuary Model",
    tier: "emerging",
    level: "organisational",
    pillars: ["leadership", "supervision", "peer_support"],
    summary: "A trauma-informed way of running the whole organisation: flatter hierarchy, shared norms, and attention to safety for clients and staff alike.",
    citation: "Madsen, Blitz, McCorkle & Panzer, 2003",
  },
  {
    id: "provider-resilience-app",
    name: "Provider Resilience mobile app",
    tier: "emerging",
    level: "individual",
    pillars: ["individualisation"],
    summary: "A free app that tracks burnout and time since the last day off, with small tools for resilience; results so far are mixed.",
    citation: "Wood, Prins, Bush et al., 2016; Jakel, Kenney, Ludan, Miller, McNair & Matesic, 2016",
  },
  {
    id: "evidence-based-client-care",
    name: "Evidence-based practices for client trauma",
    tier: "emerging",
    level: "organisational",
    pillars: ["supervision"],
    summary: "Structured, proven methods with clients can raise clinicians' sense of competence, as long as they are applied flexibly.",
    citation: "Voss Horrell, Holohan, Didion & Vance, 2011",
  },
  // Contraindicated
  {
    id: "reiki",
    name: "Reiki",
    tier: "contraindicated",
    level: "individual",
    pillars: ["individualisation"],
    summary: "A controlled trial found no effect on STS compared with placebo or no treatment. Not recommended as an STS intervention.",
    citation: "Novoa & Cain, 2014",
  },
];

/**
 * Inserts or refreshes every practice; safe to run any number of times. Plain SQL, so any handle will do:
 * migration 0030's, typed as the database was then, as well as the app's.
 */
export async function syncPracticeLibrary<T>(db: Kysely<T>) {
  for (const [position, p] of PRACTICES.entries()) {
    await sql`
      insert into practice (id, name, tier, level, pillars, summary, citation, position)
      values (${p.id}, ${p.name}, ${p.tier}, ${p.level}, ${sql.raw(pillarArray(p.pillars))}, ${p.summary}, ${p.citation}, ${position})
      on conflict (id) do update set name = excluded.name, tier = excluded.tier, level = excluded.level,
        pillars = excluded.pillars, summary = excluded.summary, citation = excluded.citation, position = excluded.position`.execute(db);
  }
}

function pillarArray(pillars: readonly string[]) {
  // Pillar keys come from the fixed vocabulary (checked by the column constraint), never from input.
  return `array[${pillars.map((p) => `'${p.replace(/'/g, "''")}'`).join(", ")}]::text[]`;
}
