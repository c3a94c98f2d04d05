import type { GrantStatus } from "#db/schema";

/** The portfolio's view as a query string (bookmarkable, shared by the page and both CSV exports). */
export const PORTFOLIO_PAGE_SIZE = 50;
export const SORT_KEYS = ["title", "organisation", "line", "year", "status", "officer", "proposed", "awarded", "allowance", "planned", "unplanned"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface PortfolioFilters {
  line?: string;
  year?: number;
  status?: GrantStatus;
  officer?: string;
  organisation?: string;
  sort: SortKey;
  dir: "asc" | "desc";
  page: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A sort the portfolio does not have (`sort=stage`, `dir=up`), or null. Unlike a filter, an unknown sort is
 * refused (400) rather than silently replaced by title order: a list that looks sorted by something it is not
 * sorted by is how a funding screen would pass unnoticed. Continuum data is never a sort key.
 */
export function unknownSort(params: URLSearchParams): string | null {
  const sort = params.get("sort");
  if (sort !== null && sort !== "" && !(SORT_KEYS as readonly string[]).includes(sort)) return `sort=${sort}`;
  const dir = params.get("dir");
  if (dir !== null && dir !== "" && dir !== "asc" && dir !== "desc") return `dir=${dir}`;
  return null;
}

/** The query string is the view: unknown or malformed filters are ignored, never an error (an unknown sort: see unknownSort). */
export function parsePortfolioQuery(params: URLSearchParams): PortfolioFilters {
  const line = params.get("line") ?? "";
  const year = Number(params.get("year"));
  const status = params.get("status") ?? "";
  const officer = params.get("officer") ?? "";
  const organisation = (params.get("organisation") ?? "").trim().slice(0, 200);
  const sort = params.get("sort") ?? "";
  const page = Number(params.get("page"));
  return {
    line: UUID.test(line) ? line : undefined,
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
    status: (["proposed", "active", "closed"] as readonly string[]).includes(status) ? (status as GrantStatus) : undefined,
    officer: UUID.test(officer) ? officer : undefined,
    organisation: organisation || undefined,
    sort: (SORT_KEYS as readonly string[]).includes(sort) ? (sort as SortKey) : "title",
    dir: params.get("dir") === "desc" ? "desc" : "asc",
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}
