/** The organisation's own data download. */
export const dataExport = {
  title: "Your organisation's data",
  intro:
    "Download everything your organisation holds here: people, grants and plans, the learning conversation, your self-assessments, whom you share them with and who viewed them, and your cohorts. Each download is recorded in your organisation's log.",
  everythingJson: "Download everything (JSON)",
  csvTitle: "One table at a time (CSV)",
  csvIntro: "For spreadsheets. Amounts are in cents; times are in UTC.",
  nav: "Your data",
  dataset: {
    organisation: "Organisation",
    members: "People and roles",
    grants: "Grants and STS allowances",
    plan_lines: "STS plan lines",
    conversation: "Learning conversation",
    self_assessments: "Self-assessments",
    self_assessment_answers: "Self-assessment answers per pillar",
    sharing: "Foundations you share your journey with",
    journey_views: "Who viewed your journey",
    cohorts: "Cohorts",
  },
};
