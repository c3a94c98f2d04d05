import { describe, expect, it } from "vitest";
import { aggregateSelfAssessments, periodBounds, type AggregateRole, type SelfAssessmentResponse } from "./self-assessment-aggregate";
import type { ContinuumStage } from "./vocabulary";

function response(i: number, role: AggregateRole = "staff", stage: ContinuumStage = "competence", comment = "", shareComment = false): SelfAssessmentResponse {
  return {
    userId: `user-${i}`,
    role,
    answers: {
      foundation_understanding: stage,
      learning_together: stage,
      funding_support: "blindness",
      needs_differ: "proficiency",
      own_understanding: stage,
    },
    comment,
    shareComment,
  };
}
const people = (n: number, role: AggregateRole = "staff", from = 0) => Array.from({ length: n }, (_, i) => response(from + i, role));

describe("aggregateSelfAssessments", () => {
  it("shows nothing at n = 4 and counts at n = 5", () => {
    expect(aggregateSelfAssessments(people(4), 5)).toEqual({ enough: false });
    const five = aggregateSelfAssessments(people(5), 5);
    expect(five.enough).toBe(true);
    if (!five.enough) return;
    expect(five.respondents).toBe(5);
    expect(five.questions.foundation_understanding).toEqual({ blindness: 0, pre_competence: 0, competence: 5, proficiency: 0 });
    expect(five.questions.funding_support.blindness).toBe(5);
  });

  it("counts distinct people, not responses", () => {
    const repeated = [...people(4), response(0, "staff", "proficiency"), response(1, "staff", "proficiency")];
    expect(aggregateSelfAssessments(repeated, 5)).toEqual({ enough: false });
    const five = aggregateSelfAssessments([...people(5), response(0, "staff", "proficiency")], 5);
    if (!five.enough) throw new Error("expected an aggregate");
    expect(five.questions.own_understanding).toEqual({ blindness: 0, pre_competence: 0, competence: 4, proficiency: 1 });
  });

  it("follows the foundation's minimum group size, never below 5", () => {
    expect(aggregateSelfAssessments(people(6), 7)).toEqual({ enough: false });
    expect(aggregateSelfAssessments(people(7), 7).enough).toBe(true);
    expect(aggregateSelfAssessments(people(4), 2)).toEqual({ enough: false });
  });

  it("hides the role breakdown when a group's complement is below the threshold", () => {
    // 5 staff + 5 officers + 1 admin: the admin group is too small, so no breakdown at all.
    const mixed = [...people(5, "staff"), ...people(5, "program_officer", 10), ...people(1, "admin", 20)];
    const a = aggregateSelfAssessments(mixed, 5);
    if (!a.enough) throw new Error("expected an aggregate");
    expect(a.byRole).toBeNull();
    // 6 staff + 4 officers: complement of staff (4) is below 5.
    const b = aggregateSelfAssessments([...people(6, "staff"), ...people(4, "program_officer", 10)], 5);
    if (!b.enough) throw new Error("expected an aggregate");
    expect(b.byRole).toBeNull();
    // A single role: the breakdown would only repeat the total.
    const c = aggregateSelfAssessments(people(12), 5);
    if (!c.enough) throw new Error("expected an aggregate");
    expect(c.byRole).toBeNull();
  });

  it("shows the role breakdown when every group and its complement reach the threshold", () => {
    const a = aggregateSelfAssessments([...people(5, "staff"), ...people(5, "program_officer", 10)], 5);
    if (!a.enough) throw new Error("expected an aggregate");
    expect(a.byRole?.map((g) => [g.role, g.respondents])).toEqual([
      ["program_officer", 5],
      ["staff", 5],
    ]);
  });

  it("shows only anonymously shared comments, and only from 8 respondents", () => {
    const seven = [
      ...people(5),
      response(5, "staff", "competence", "We talk about it more now", true),
      response(6, "staff", "competence", "Private thought", false),
    ];
    const a = aggregateSelfAssessments(seven, 5);
    if (!a.enough) throw new Error("expected an aggregate");
    expect(a.comments).toBeNull();
    const eight = [...seven, response(7, "staff", "competence", "An earlier note", true)];
    const b = aggregateSelfAssessments(eight, 5);
    if (!b.enough) throw new Error("expected an aggregate");
    expect(b.comments).toEqual(["An earlier note", "We talk about it more now"]);
    expect(JSON.stringify(b)).not.toContain("Private thought");
    expect(JSON.stringify(b)).not.toContain("user-");
  });
});

describe("periodBounds", () => {
  it("is one calendar year in UTC", () => {
    expect(periodBounds(2026)).toEqual({ from: new Date("2026-01-01T00:00:00Z"), to: new Date("2027-01-01T00:00:00Z") });
  });
});
