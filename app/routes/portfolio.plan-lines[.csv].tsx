import type { LoaderFunctionArgs } from "@remix-run/node";
import { parsePortfolioQuery, planLinesCsv } from "~/domain/portfolio.server";
import { badRequest } from "~/utils/http.server";
import { unknownSort } from "~/utils/portfolio-query";
import { requireFoundationCaller } from "~/utils/auth.server";
import { recordAudit } from "~/domain/audit.server";
import { csvFile } from "~/utils/csv.server";

/** The plan lines of the portfolio's grants as CSV, for the same query string as the page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { foundationId, viewer, caller } = await requireFoundationCaller(request, context, "read:portfolio");
  const unknown = unknownSort(new URL(request.url).searchParams);
  if (unknown) badRequest(`unknown-sort: ${unknown}`);
  const csv = await planLinesCsv(context.db, caller, parsePortfolioQuery(new URL(request.url).searchParams));
  const query = new URL(request.url).searchParams.toString();
  await recordAudit(context.db, {
    actorUserId: viewer.user.id,
    foundationId,
    action: "portfolio.plan_lines_exported",
    objectType: "foundation",
    objectId: foundationId,
    after: { query },
  });
  return csvFile(csv, `plan-lines-${context.now().toISOString().slice(0, 10)}.csv`);
}
