/** Labels of the fixed vocabulary (app/domain/vocabulary.ts), in the product's own words. */
export const vocabulary = {
  pillar: {
    leadership: "Leadership",
    workload: "Workload",
    workspace: "Workspace",
    supervision: "Supervision",
    peer_support: "Peer support",
    individualisation: "Individualisation",
  },
  pillarHint: {
    leadership: "Senior leaders and the board understand STS and back wellness policies.",
    workload: "A sustainable week, around 40 hours, with self-care inside paid time.",
    workspace: "Comfortable, confidential space, with somewhere to step away.",
    supervision: "Proactive, trauma-informed supervision.",
    peer_support: "Colleagues supporting each other, informally and formally, across agencies too.",
    individualisation: "A self-care plan for each person and a prevention and mitigation plan for the organisation.",
  },
  purpose: {
    education: "Education",
    prevention: "Prevention",
    mitigation: "Mitigation",
  },
  stage: {
    blindness: "Blindness",
    pre_competence: "Pre-competence",
    competence: "Competence",
    proficiency: "Proficiency",
  },
  stageHint: {
    blindness: "Not yet aware of STS, or no need to act is seen.",
    pre_competence: "Thinking about STS; no action taken yet.",
    competence: "Action has been taken.",
    proficiency: "A model others can learn from.",
  },
  tier: {
    best: "Best practice",
    promising: "Promising",
    emerging: "Emerging",
    contraindicated: "Contraindicated",
  },
  level: {
    organisational: "Organisational",
    individual: "Individual",
  },
};
