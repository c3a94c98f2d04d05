import { Link, useSearchParams } from "@remix-run/react";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";
import { Icon } from "./icon";

export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Money and counts: right-aligned, tabular figures. */
  numeric?: boolean;
  /** The column that names the row: first, never hidden, the card's title on a phone. */
  primary?: boolean;
  /** A sort key the loader accepts; the header becomes a link that sorts by it. */
  sortKey?: string;
  /** Hidden in the table below this width (still shown in the phone's cards). */
  hideBelow?: "md" | "lg" | "xl";
}

const HIDE: Record<NonNullable<Column<unknown>["hideBelow"]>, string> = {
  md: "hidden md:table-cell",
  lg: "hidden lg:table-cell",
  xl: "hidden xl:table-cell",
};

function SortHeader({ column, sort, dir }: { column: Column<never>; sort: string | null; dir: string | null }) {
  const [params] = useSearchParams();
  const active = sort === column.sortKey;
  const next = new URLSearchParams(params);
  next.set("sort", column.sortKey!);
  next.set("dir", active && dir !== "desc" ? "desc" : "asc");
  next.delete("page");
  next.delete("message");
  return (
    <Link to={`?${next.toString()}`} className="inline-flex items-center gap-1 text-ink no-underline hover:underline" preventScrollReset>
      {column.header}
      <Icon icon={active ? (dir === "desc" ? ArrowDown : ArrowUp) : ArrowUpDown} className={cn("size-3.5", !active && "text-muted")} />
    </Link>
  );
}

/**
 * A table that fits its container at every width: from `sm` up, a table whose less important columns
 * step aside as it narrows; on a phone, one card per row with every column as label and value. Only one of
 * the two is displayed, so assistive technology meets the rows once.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  sort,
  dir,
}: {
  caption: ReactNode;
  columns: Array<Column<Row>>;
  rows: Row[];
  rowKey: (row: Row) => string;
  sort?: string | null;
  dir?: string | null;
}) {
  const primary = columns.find((c) => c.primary) ?? columns[0];
  const rest = columns.filter((c) => c !== primary);
  return (
    <>
      <div className="hidden overflow-x-auto rounded-card border border-line bg-card sm:block">
        <table className="w-full border-collapse text-left">
          <caption className="visually-hidden">{caption}</caption>
          <thead className="bg-paper">
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={c.sortKey && sort === c.sortKey ? (dir === "desc" ? "descending" : "ascending") : undefined}
                  className={cn("border-b border-line px-3 py-2 text-sm font-semibold", c.numeric && "text-right", c.hideBelow && HIDE[c.hideBelow])}
                >
                  {c.sortKey ? <SortHeader column={c as Column<never>} sort={sort ?? null} dir={dir ?? null} /> : c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)} className="border-b border-line last:border-b-0 hover:bg-paper">
                {columns.map((c) =>
                  c === primary ? (
                    <th key={c.key} scope="row" className="px-3 py-2 text-left font-semibold">
                      {c.cell(row)}
                    </th>
                  ) : (
                    <td key={c.key} className={cn("px-3 py-2 align-top", c.numeric && "text-right tabular-nums", c.hideBelow && HIDE[c.hideBelow])}>
                      {c.cell(row)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="m-0 flex list-none flex-col gap-3 p-0 sm:hidden" aria-label={typeof caption === "string" ? caption : undefined}>
        {rows.map((row) => (
          <li key={rowKey(row)} className="rounded-card border border-line bg-card p-3">
            <p className="m-0 mb-2 font-semibold break-words">{primary.cell(row)}</p>
            <dl className="m-0 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              {rest.map((c) => (
                <div key={c.key} className="contents">
                  <dt className="text-muted">{c.header}</dt>
                  <dd className={cn("m-0 min-w-0 break-words", c.numeric && "tabular-nums")}>{c.cell(row)}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
