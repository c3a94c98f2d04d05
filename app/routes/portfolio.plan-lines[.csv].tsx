import type { LoaderFunctionArgs } from "@remix-run/node";
import { parsePortfolioQuery, planLinesCsv } from "~/domain/portfolio.server";
import { requireFoundationRole } from "~/utils/auth.server";
import { badRequest } from "~/utils/http.server";
import { unknownSort } from "~/utils/portfolio-query";
import { recordAudit } from "~/domain/audit.server";

/** The plan lines of the portfolio's grants as CSV, for the same query string as the page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { foundationId, viewer } = await requireFoundationRole(request, context, ["admin", "program_officer"]);
  const unknown = unknownSort(new URL(request.url).searchParams);
  if (unknown) badRequest(`unknown-sort: ${unknown}`);
  const csv = await planLinesCsv(context.db, foundationId, parsePortfolioQuery(new URL(request.url).searchParams));
  const query = new URL(request.url).searchParams.toString();
  await recordAudit(context.db, {
    actorUserId: viewer.user.id,
    foundationId,
    action: "portfolio.plan_lines_exported",
    objectType: "foundation",
    objectId: foundationId,
    after: { query },
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="plan-lines-${context.now().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
