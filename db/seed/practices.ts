import { sql, type Kysely } from "kysely";
import type { EvidenceTier, Pillar, PracticeLevel } from "../../app/domain/vocabulary";
import { citationText } from "../../app/domain/evidence";

/**
 * One source the field study gives for a practice. `kind: "study"` is the field study itself, for the
 * practices it names without a source of their own. `sourceTier` is set only where the study states
 * the tier of that source (e.g. "best practice studies: …"); otherwise the study's tier is the
 * practice's, not the source's.
 */
export interface CitationSeed {
  kind: "study" | "source";
  authors?: string;
  year?: string;
  sourceTier?: EvidenceTier;
  /** What the study cites it for, or where the study says it: product's words. */
  note?: string;
}

export interface PracticeSeed {
  id: string;
  name: string;
  tier: EvidenceTier;
  level: PracticeLevel;
  /** True when the study does not say whether the practice is organisational or individual: the level is our reading. */
  levelIsReading: boolean;
  pillars: Pillar[];
  /** Always true: the study never tags a practice with a pillar (docs/decisions/0066-practice-evidence.md). */
  pillarsAreReading: true;
  summary: string;
  /** What the study found, in the product's words, no stronger than the study puts it. */
  finding: string;
  /** Where the study qualifies the tier or disagrees with itself; null when it does not. */
  tierNote: string | null;
  citations: CitationSeed[];
}

const study = (note: string): CitationSeed => ({ kind: "study", note });
const source = (authors: string, year: string, extra: { sourceTier?: EvidenceTier; note?: string } = {}): CitationSeed => ({
  kind: "source",
  authors,
  year,
  ...extra,
});

const VAN_MOL = "Van Mol, Kompanje, Benoit, Bakker & Nijkamp";
const FAILED_ONCE = (what: string) =>
  `${what} is one of the interventions that showed no effect on STS in the studies the review classed as contraindicated; the study keeps it in its tier because many other studies support it.`;

/**
 * The practices library: every practice the field study (seeds/003) names, with the tier it gives,
 * the sources it cites and what it found, in the product's own words. Reference data, present in
 * every environment (docs/decisions/0030 and 0066). Transcribed line by line against the study;
 * db/seed/practices.test.ts holds the same facts in a second, independent table.
 */
export const PRACTICES: PracticeSeed[] = [
  // Organisational best practices: the study names these in its summary and under "Organizational Strategies".
  {
    id: "improved-schedules",
    name: "Improved work schedules",
    tier: "best",
    level: "organisational",
    levelIsReading: false,
    pillars: ["workload"],
    pillarsAreReading: true,
    summary: "Working hours and rosters arranged so that the work stays sustainable.",
    finding: "Listed among the best-practice organisational interventions in the study's summary. The study does not describe it further.",
    tierNote: "The study names no single source for this practice; it rests on the best-practice studies as a group.",
    citations: [study("Summary of the literature review: best-practice organisational interventions.")],
  },
  {
    id: "lower-caseloads",
    name: "Lower caseloads",
    tier: "best",
    level: "organisational",
    levelIsReading: false,
    pillars: ["workload"],
    pillarsAreReading: true,
    summary: "Fewer clients per person, so each worker's exposure to other people's trauma stays manageable.",
    finding: "Limiting how many clients each person carries reduces their exposure to clients' trauma.",
    tierNote: "The study names no single source for this practice; it rests on the best-practice studies as a group.",
    citations: [
      study("Literature review, best practices: lower caseload and balanced work tasks."),
      source("Pross", "2006", {
        sourceTier: "emerging",
        note: "Addendum (refugee studies): names limiting caseload among the factors that prevent burnout and vicarious trauma.",
      }),
    ],
  },
  {
    id: "caseload-diversity",
    name: "More diverse caseloads and balanced tasks",
    tier: "best",
    level: "organisational",
    levelIsReading: false,
    pillars: ["workload"],
    pillarsAreReading: true,
    summary: "A smaller share of clients with trauma in each caseload, and time for work beyond direct client contact, such as policy advocacy.",
    finding:
      "Exposure to clients' trauma falls when fewer of a person's clients carry trauma, or when client work is balanced with other tasks such as policy advocacy. In one promising study, staff said political engagement eased their STS because it gave their anger and powerlessness about failing systems somewhere to go.",
    tierNote:
      "Best practice in the study's summary, which names no single source for it. The one study cited here, on political engagement (Iliffe & Steed, 2000), the study counts as promising.",
    citations: [
      study("Literature review, best practices: lower caseload and balanced work tasks."),
      source("Iliffe & Steed", "2000", { sourceTier: "promising", note: "Political engagement alongside client work." }),
    ],
  },
  {
    id: "job-rotation",
    name: "Job rotation",
    tier: "best",
    level: "organisational",
    levelIsReading: false,
    pillars: ["workload"],
    pillarsAreReading: true,
    summary: "Moving people between roles over time so nobody carries the most trauma-heavy work indefinitely.",
    finding: "Listed among the best-practice organisational interventions in the study's summary. The study does not describe it further.",
    tierNote: "The study names no single source for this practice; it rests on the best-practice studies as a group.",
    citations: [study("Summary of the literature review: best-practice organisational interventions.")],
  },
  {
    id: "organisational-support",
    name: "Organisational support",
    tier: "best",
    level: "organisational",
    levelIsReading: false,
    pillars: ["leadership", "workspace"],
    pillarsAreReading: true,
    summary: "The organisation names STS as normal, removes the stigma of asking for help, and gives time off, breaks and a safe, comfortable place to work.",
    finding:
      "The organisation recognises STS, treats it and asking for help as normal and without stigma, provides physical safety and comfort, and gives time off and breaks. Removing the stigma may matter particularly in immigrant- and refugee-serving organisations, where many staff come from cultures in which mental health problems carry shame.",
    tierNote: null,
    citations: [
      source("Brend, Krane & Saunders", "2019"),
      source("Hesse", "2002"),
      source("Bober & Regehr", "2006", {
        note: "Argues that strategies aimed only at educating counsellors and their coping skills make the problem an individual one.",
      }),
    ],
  },
  {
    id: "work-environment",
    name: "Improved work environment",
    tier: "best",
    level: "organisational",
    levelIsReading: false,
    pillars: ["workspace", "leadership"],
    pillarsAreReading: true,
    summary: "Clear organisational structure in place of a chaotic, unpredictable workplace.",
    finding:
      "In a study of thirteen organisations working with survivors of extreme trauma, staff of organisations with structural deficiencies showed STS symptoms, which subsided after the organisation was restructured; staff of well-structured organisations showed almost no symptoms.",
    tierNote:
      "The study lists improved work environment among its best practices and illustrates it with Pross & Schweitzer (2010), a qualitative study that its addendum lists as emerging.",
    citations: [
      source("Pross & Schweitzer", "2010", { sourceTier: "emerging", note: "Qualitative comparison of 13 organisations; listed as emerging in the addendum." }),
    ],
  },
  {
    id: "collegial-support",
    name: "Collegial support",
    tier: "best",
    level: "organisational",
    levelIsReading: false,
    pillars: ["peer_support"],
    pillarsAreReading: true,
    summary: "Room to share what the work does to you with colleagues, one to one or in peer groups, alongside respect, recognition and shared decisions.",
    finding:
      "Being able to share experiences of STS with co-workers, one to one or in peer groups, matters; so do respect and professionalism at work, positive feedback, recognition of staff and shared decision-making.",
    tierNote: "One of the four sources, Berthold & Fischman (2014), is listed as emerging in the study's addendum.",
    citations: [
      source("Becvar", "2003"),
      source("Berthold & Fischman", "2014", { sourceTier: "emerging" }),
      source("Chamberlain & Miller", "2009"),
      source("Coetzee & Laschinger", "2018"),
    ],
  },
  {
    id: "team-building",
    name: "Team building",
    tier: "best",
    level: "organisational",
    levelIsReading: false,
    pillars: ["peer_support"],
    pillarsAreReading: true,
    summary: "Deliberate work on the team itself, so that mutual support is there when someone needs it.",
    finding:
      "Listed among the best-practice organisational interventions. The best-practice programme the study describes for nurses included techniques to strengthen team building and mutual support.",
    tierNote: null,
    citations: [
      study("Summary of the literature review: best-practice organisational interventions."),
      source("Berger & Gelkopf", "2011", { sourceTier: "best", note: "Team building and mutual support as one part of a larger programme." }),
    ],
  },
  // Individual best practices: the study's "Individual Strategies".
  {
    id: "psychoeducation",
    name: "Psychoeducation about stress, trauma and STS",
    tier: "best",
    level: "individual",
    levelIsReading: false,
    pillars: ["individualisation", "leadership"],
    pillarsAreReading: true,
    summary: "Learning how stress and trauma work, and what STS looks like, tailored to the people the team serves.",
    finding:
      "In a randomised trial with nurses in war- and terror-affected areas, a 12-week psychoeducational programme left participants with significantly lower STS than a waiting-list group. The study infers that such training should fit the needs and experiences of the population the staff serve.",
    tierNote: `Best practice in one study and promising in nineteen others, which the study does not name. ${FAILED_ONCE("STS education")}`,
    citations: [source("Berger & Gelkopf", "2011", { sourceTier: "best", note: "Randomised trial; the study's best-practice example." })],
  },
  {
    id: "stress-management-training",
    name: "Stress management training",
    tier: "best",
    level: "individual",
    levelIsReading: false,
    pillars: ["individualisation"],
    pillarsAreReading: true,
    summary: "Short, practical workshops on wellbeing, resilience and stress strategies, using cases from the participants' own work.",
    finding:
      "Supported by two best-practice and four promising studies. In a randomised trial, a half-day workshop on wellbeing and stress strategies, built on case studies from the participants' work, had positive effects. Critical Incident Stress Management is another example.",
    tierNote: null,
    citations: [
      source("Axisa, Nash, Kelly & Willcock", "2019", { note: "Randomised trial of a half-day workshop." }),
      source("Phipps & Byrne", "2003", { note: "Critical Incident Stress Management." }),
      source("Newmeyer, Keyes, Gregory, Palmer, Buford, Mondt & Okai", "2014", {
        sourceTier: "promising",
        note: "Addendum (refugee studies): Critical Incident Stress Management with providers in Kenya.",
      }),
    ],
  },
  {
    id: "debriefing-communication",
    name: "Debriefing and communication skills",
    tier: "best",
    level: "individual",
    levelIsReading: false,
    pillars: ["supervision", "peer_support"],
    pillarsAreReading: true,
    summary: "Structured conversations after hard incidents, repeated over time rather than once, plus frequent team meetings and conflict prevention.",
    finding:
      "Structured debriefing such as Critical Incident Stress Debriefing appears to reduce STS when it is repeated over time. Frequent team meetings and conflict prevention also reduce STS.",
    tierNote: `The study warns that Critical Incident Stress Debriefing is contraindicated for primary victims of trauma and as a single counselling session for staff with STS. ${FAILED_ONCE("Debriefing")}`,
    citations: [
      source("Jacobs, Horne-Moyer & Jones", "2004"),
      source("Phipps & Byrne", "2003", { note: "The steps of Critical Incident Stress Debriefing; one footnote gives it as Phipps, 2003." }),
      source(VAN_MOL, "2015", { note: "Frequent team meetings and conflict prevention." }),
    ],
  },
  {
    id: "relaxation-mindfulness",
    name: "Relaxation and mindfulness",
    tier: "best",
    level: "individual",
    levelIsReading: false,
    pillars: ["individualisation"],
    pillarsAreReading: true,
    summary: "Practices such as yoga, breathing, body scans and mindful movement that bring attention back to the present.",
    finding:
      "Relaxation such as yoga, which often includes mindfulness, reduced STS. A brief mindful self-care and resiliency intervention for nurses, five sessions within a wider workshop on STS, was effective.",
    tierNote: null,
    citations: [
      source(VAN_MOL, "2015", { note: "Relaxation practices such as yoga." }),
      source("Slatyer, Craigie, Heritage, Davis & Rees", "2017", { note: "Brief Mindful Self-Care and Resiliency intervention." }),
      source("Kabat-Zinn", "2003", { note: "The definition of mindfulness the study uses." }),
    ],
  },
  {
    id: "coping-strategies",
    name: "Coping strategies",
    tier: "best",
    level: "individual",
    levelIsReading: false,
    pillars: ["individualisation"],
    pillarsAreReading: true,
    summary: "Training that helps people notice and reduce coping habits that make STS worse, such as withdrawal or substance use.",
    finding:
      "Coping skills training appears to affect STS, and a meta-synthesis of 20 qualitative studies found that coping through peer support, supervision and self-care reduced it. In a study of refugee resettlement workers, habits such as self-distraction, venting, substance use, disengagement and self-blame went with higher STS, while 'positive' coping showed no link, so reducing the harmful habits may help more than promoting the positive ones.",
    tierNote: "The refugee-worker study the section draws on (Akinsulure-Smith et al., 2018) is listed as emerging in the study's addendum.",
    citations: [
      source(VAN_MOL, "2015", { note: "Coping skills training." }),
      source("Cohen & Collens", "2013", { note: "Meta-synthesis of 20 qualitative studies." }),
      source("Akinsulure-Smith, Espinosa, Chu & Hallock", "2018", { sourceTier: "emerging", note: "Refugee resettlement workers." }),
    ],
  },
  {
    id: "social-support",
    name: "Social support",
    tier: "best",
    level: "individual",
    levelIsReading: false,
    pillars: ["individualisation"],
    pillarsAreReading: true,
    summary: "Leaning on family and friends outside work; the kind of support that helps most is still an open question.",
    finding:
      "Support from family and friends reduced STS in three best-practice and four promising studies. Which kind of support (emotional, practical or informational) helps most has not been established.",
    tierNote: null,
    citations: [
      source("Greinacher, Derezza-Greeven, Herzog & Nikendei", "2019", { sourceTier: "best" }),
      source("Hensel, Ruiz, Finney & Dewa", "2015", { sourceTier: "best" }),
      source(VAN_MOL, "2015", { sourceTier: "best" }),
      source("Bride, Robinson, Yegidis & Figley", "2004", { sourceTier: "promising" }),
      source("Hecktman", "2012", { sourceTier: "promising" }),
      source("Phelps, Lloyd, Creamer & Forbes", "2009", { sourceTier: "promising" }),
      source("Caringi & Pearlman", "2009", { sourceTier: "promising" }),
    ],
  },
  {
    id: "counselling",
    name: "Counselling",
    tier: "best",
    level: "individual",
    levelIsReading: false,
    pillars: ["individualisation"],
    pillarsAreReading: true,
    summary: "Access to a counsellor for staff affected by the work.",
    finding: "A systematic review found counselling effective against STS, though the type of counselling is mostly not specified.",
    tierNote: null,
    citations: [source(VAN_MOL, "2015", { note: "Systematic review." })],
  },
  {
    id: "resiliency-training",
    name: "Resiliency training",
    tier: "best",
    level: "individual",
    levelIsReading: false,
    pillars: ["individualisation"],
    pillarsAreReading: true,
    summary: "Programmes such as ERASE-Stress or the Compassion Fatigue Resiliency Program that build skills to recover and keep going.",
    finding:
      "Best practice in four studies and supported by two promising ones. A randomised trial found that ERASE-Stress training lowered teachers' STS after an earthquake; the Compassion Fatigue Resiliency Program reduced STS in a pilot with 15 oncology nurses.",
    tierNote: "ERASE-Stress addressed a single traumatic event, not the complex trauma common among refugees.",
    citations: [
      source("Back, Deignan & Potter", "2014", { sourceTier: "best", note: "Compassion Fatigue Resiliency Program." }),
      source("Berger, Abu-Raiya & Benatov", "2016", { sourceTier: "best", note: "ERASE-Stress." }),
      source("Gillman et al.", "2015", { sourceTier: "best" }),
      source("Slatyer, Craigie, Heritage, Davis & Rees", "2017", { sourceTier: "best" }),
      source("Cocker & Joss", "2016", { sourceTier: "promising" }),
      source("Kinman & Grant", "2017", { sourceTier: "promising" }),
    ],
  },
  // Promising practices: the study does not sort these into organisational and individual.
  {
    id: "supervisory-support",
    name: "Supportive supervision",
    tier: "promising",
    level: "organisational",
    levelIsReading: true,
    pillars: ["supervision"],
    pillarsAreReading: true,
    summary: "Supervisors who name STS, spot its signs and regularly invite staff to talk about it, backed by organisational policy.",
    finding:
      "Supervision helps only when the supervisor acknowledges STS, recognises its signs and regularly invites staff to talk about it, attending to the worker's trauma as well as the client's, with organisational policy behind it.",
    tierNote: `Reported as promising again and again but never reached best practice, perhaps because it is broad and often part of larger programmes. The study's interviews add support for proactive supervision. ${FAILED_ONCE("Supervision")}`,
    citations: [source("Brend, Krane & Saunders", "2019")],
  },
  {
    id: "self-care",
    name: "Self-care",
    tier: "promising",
    level: "individual",
    levelIsReading: true,
    pillars: ["individualisation", "workload"],
    pillarsAreReading: true,
    summary: "Balance, flexibility, physical health, social ties and meaning; learning about self-care, planning it and doing it are different steps.",
    finding:
      "Thirteen studies found self-care promising. Its activities fall into balance, flexibility, physical health, social support and spirituality; learning about self-care, making a plan and doing it are different steps that likely work differently.",
    tierNote: `Reported as promising again and again but never reached best practice, perhaps because it is broad and often part of larger programmes. ${FAILED_ONCE("Self-care")}`,
    citations: [source("Posluns & Gall", "2019", { note: "The self-care domains and activities." })],
  },
  {
    id: "systemic-issues-channel",
    name: "A channel to raise systemic issues",
    tier: "promising",
    level: "organisational",
    levelIsReading: false,
    pillars: ["leadership"],
    pillarsAreReading: true,
    summary: "A way for staff to name what in the system makes STS worse and propose fixes, with visible follow-up on each proposal.",
    finding:
      "A promising part of organisational support: a way for staff to name systemic issues that make their STS worse and recommend solutions, with accountable, transparent follow-up so that staff feel heard.",
    tierNote: null,
    citations: [source("McNamara", "2010")],
  },
  {
    id: "guided-meditation",
    name: "Guided meditation and imagery",
    tier: "promising",
    level: "individual",
    levelIsReading: true,
    pillars: ["individualisation"],
    pillarsAreReading: true,
    summary: "Structured audio meditations and guided imagery as a complement to mindfulness.",
    finding: "Forms of meditation other than mindfulness, namely structured audio meditations and guided imagery, have shown promise.",
    tierNote: null,
    citations: [source("Cocker & Joss", "2016"), source("Hevezi", "2016")],
  },
  {
    id: "therapy-approaches",
    name: "Specific therapy approaches",
    tier: "promising",
    level: "individual",
    levelIsReading: true,
    pillars: ["individualisation"],
    pillarsAreReading: true,
    summary: "Cognitive behavioural therapy, crisis counselling, narrative therapy, art therapy and EMDR for affected staff.",
    finding:
      "Cognitive behavioural therapy, crisis counselling, narrative therapy, art therapy and eye movement desensitisation and reprocessing (EMDR) show promise for staff with STS.",
    tierNote: null,
    citations: [
      source("Phelps, Lloyd, Creamer & Forbes", "2009", { note: "Cognitive behavioural therapy." }),
      source("Rohlf", "2018", { note: "Cognitive behavioural therapy." }),
      source("Naturale", "2007", { note: "Crisis counselling; narrative therapy." }),
      source("Mosek & Gilboa", "2016", { note: "Narrative therapy; art therapy." }),
      source("Boyle", "2011", { note: "Art therapy." }),
      source("Hecktman", "2012", { note: "Art therapy." }),
      source("Keenan & Royle", "2007", { note: "EMDR." }),
    ],
  },
  // Emerging practices: the four the study names that appear in no higher tier, and evidence-based client care.
  {
    id: "accelerated-recovery",
    name: "Accelerated Recovery Program",
    tier: "emerging",
    level: "individual",
    levelIsReading: true,
    pillars: ["individualisation"],
    pillarsAreReading: true,
    summary: "A five-session protocol: map your triggers, build a self-treatment plan, learn grounding skills and leave with an after-care plan.",
    finding: "A standardised five-session treatment protocol that packages several components the study rates best or promising.",
    tierNote: null,
    citations: [source("Gentry, Baranowsky & Dunning", "2002")],
  },
  {
    id: "compassion-training",
    name: "Compassion training",
    tier: "emerging",
    level: "individual",
    levelIsReading: true,
    pillars: ["individualisation"],
    pillarsAreReading: true,
    summary: "Cultivating compassion for oneself and others, for example loving-kindness within meditation.",
    finding: "Fosters compassion towards oneself and others, for example by bringing loving-kindness into mindfulness meditation.",
    tierNote: null,
    citations: [source("Brito-Pons & Librada-Flores", "2018")],
  },
  {
    id: "sanctuary-model",
    name: "Sanctuary Model",
    tier: "emerging",
    level: "organisational",
    levelIsReading: false,
    pillars: ["leadership", "peer_support"],
    pillarsAreReading: true,
    summary: "A trauma-informed way of running the whole organisation: flatter hierarchy, shared norms, and attention to safety for clients and staff alike.",
    finding:
      "A trauma-informed organisational approach from domestic violence shelters, meant to ease clients' trauma and staff's STS: a flattened hierarchy, room for many perspectives, group consensus on norms and values, psychoeducation, and a focus on safety, affect modulation, grieving and emancipation.",
    tierNote: "Emerging as a model, though its elements match the organisational best practices.",
    citations: [source("Madsen, Blitz, McCorkle & Panzer", "2003")],
  },
  {
    id: "provider-resilience-app",
    name: "Provider Resilience mobile app",
    tier: "emerging",
    level: "individual",
    levelIsReading: true,
    pillars: ["individualisation"],
    pillarsAreReading: true,
    summary: "A free app that tracks burnout and time since the last day off, with small tools for resilience; results so far are mixed.",
    finding:
      "A free app for mental health professionals with burnout self-assessments, a resilience rating, a count of days since the last day off and small tools for resilience.",
    tierNote: "Promising in one study and ineffective in another, so the study classes it as emerging.",
    citations: [
      source("Wood, Prins, Bush et al.", "2016", { note: "Found the app promising." }),
      source("Jakel, Kenney, Ludan, Miller, McNair & Matesic", "2016", { note: "Found the app ineffective." }),
    ],
  },
  {
    id: "evidence-based-client-care",
    name: "Evidence-based practices for client trauma",
    tier: "emerging",
    level: "individual",
    levelIsReading: true,
    pillars: ["individualisation"],
    pillarsAreReading: true,
    summary: "Structured, proven methods with clients can raise clinicians' sense of competence, as long as they are applied flexibly.",
    finding:
      "It has been suggested that clinicians who use evidence-based practices with trauma clients have lower STS, through a greater sense of competence and satisfaction; used rigidly, without regard to a client's needs, they may raise stress instead.",
    tierNote: null,
    citations: [source("Voss Horrell, Holohan, Didion & Vance", "2011")],
  },
  // Contraindicated
  {
    id: "reiki",
    name: "Reiki",
    tier: "contraindicated",
    level: "individual",
    levelIsReading: true,
    pillars: ["individualisation"],
    pillarsAreReading: true,
    summary: "A controlled trial found no effect on STS compared with placebo or no treatment. Not recommended as an STS intervention.",
    finding: "A randomised controlled trial found Reiki had no effect on STS compared with placebo or with no treatment.",
    tierNote: "The only one of the six contraindicated studies whose intervention no other study supports.",
    citations: [source("Novoa & Cain", "2014", { sourceTier: "contraindicated", note: "Randomised controlled trial." })],
  },
];

/** The practice's citations in one line, as the `practice.citation` column holds them (search, briefs). */
export function citationLine(p: PracticeSeed): string {
  return p.citations.map((c) => citationText({ kind: c.kind, authors: c.authors ?? null, year: c.year ?? null })).join("; ");
}

/**
 * Inserts or refreshes every practice's core columns; safe to run any number of times. Plain SQL,
 * so any handle will do: migration 0030's, typed as the database was then, as well as the app's.
 * It writes only the columns 0030 created; `syncPracticeEvidence` writes the rest (migration 0066).
 */
export async function syncPracticeLibrary<T>(db: Kysely<T>) {
  for (const [position, p] of PRACTICES.entries()) {
    await sql`
      insert into practice (id, name, tier, level, pillars, summary, citation, position)
      values (${p.id}, ${p.name}, ${p.tier}, ${p.level}, ${sql.raw(pillarArray(p.pillars))}, ${p.summary}, ${citationLine(p)}, ${position})
      on conflict (id) do update set name = excluded.name, tier = excluded.tier, level = excluded.level,
        pillars = excluded.pillars, summary = excluded.summary, citation = excluded.citation, position = excluded.position`.execute(db);
  }
}

/**
 * Writes what the study found and its citations for every practice (columns and table of migration
 * 0066), replacing the citations each time. Any later migration that changes the library calls
 * `syncPracticeLibrary` and then this.
 */
export async function syncPracticeEvidence<T>(db: Kysely<T>) {
  for (const p of PRACTICES) {
    await sql`
      update practice set finding = ${p.finding}, tier_note = ${p.tierNote}, level_is_reading = ${p.levelIsReading},
        pillars_are_reading = ${p.pillarsAreReading}
      where id = ${p.id}`.execute(db);
    await sql`delete from practice_citation where practice_id = ${p.id}`.execute(db);
    for (const [position, c] of p.citations.entries()) {
      await sql`
        insert into practice_citation (practice_id, position, kind, authors, year, source_tier, note)
        values (${p.id}, ${position}, ${c.kind}, ${c.authors ?? null}, ${c.year ?? null}, ${c.sourceTier ?? null}, ${c.note ?? null})`.execute(db);
    }
  }
}

function pillarArray(pillars: readonly string[]) {
  // Pillar keys come from the fixed vocabulary (checked by the column constraint), never from input.
  return `array[${pillars.map((p) => `'${p.replace(/'/g, "''")}'`).join(", ")}]::text[]`;
}
