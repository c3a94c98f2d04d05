import { describe, expect, it } from "vitest";
import { parsePortfolioQuery, SORT_KEYS, unknownSort } from "./portfolio-query";

const parse = (q: string) => parsePortfolioQuery(new URLSearchParams(q));
const LINE = "0f8fad5b-d9cb-469f-a165-70867728950e";

describe("parsePortfolioQuery", () => {
  it("defaults to every grant by title, first page", () => {
    expect(parse("")).toEqual({ sort: "title", dir: "asc", page: 1 });
  });
  it("reads every filter, the sort and the page", () => {
    expect(parse(`line=${LINE}&year=2026&status=closed&officer=${LINE}&organisation=%20River%20&sort=planned&dir=desc&page=3`)).toEqual({
      line: LINE,
      year: 2026,
      status: "closed",
      officer: LINE,
      organisation: "River",
      sort: "planned",
      dir: "desc",
      page: 3,
    });
  });
  it("ignores what it does not understand instead of failing", () => {
    expect(parse("line=1%3Bdrop&year=26&status=overdue&officer=x&sort=assessment&dir=up&page=-2&organisation=")).toEqual({
      sort: "title",
      dir: "asc",
      page: 1,
    });
    expect(parse("page=1.5").page).toBe(1);
    expect(parse(`organisation=${"a".repeat(500)}`).organisation).toHaveLength(200);
  });

  it("names a sort it does not have, so that the page refuses it instead of sorting by title unnoticed", () => {
    const unknown = (q: string) => unknownSort(new URLSearchParams(q));
    expect(unknown("sort=stage")).toBe("sort=stage");
    expect(unknown("sort=assessment&dir=desc")).toBe("sort=assessment");
    expect(unknown("sort=title&dir=up")).toBe("dir=up");
    expect(unknown("")).toBeNull();
    expect(unknown("sort=&dir=")).toBeNull();
    for (const key of SORT_KEYS) for (const dir of ["asc", "desc"]) expect(unknown(`sort=${key}&dir=${dir}`)).toBeNull();
  });
});
