import type { LoaderFunctionArgs } from "@remix-run/node";
import { DATASETS, exportOrganisationData, type Dataset } from "~/domain/organisation-export.server";
import { requireOrganisationCaller } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { csvFile, toCsv } from "~/utils/csv.server";
import { fileSlug } from "~/utils/brief-response.server";

/** One dataset of the organisation's data as CSV (director only): ?dataset=grants, plan_lines, … */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { caller } = await requireOrganisationCaller(request, context, params.organisationId, "export:organisation-data");
  const dataset = new URL(request.url).searchParams.get("dataset");
  if (!dataset || !(DATASETS as readonly string[]).includes(dataset)) notFound();
  const d = dataset as Dataset;
  const tables = await exportOrganisationData(context.db, caller, { datasets: [d], format: "csv" });
  const now = context.now();
  return csvFile(
    toCsv(tables[d].header, tables[d].rows),
    `${fileSlug(caller.membership.tenantName)}-${d.replace(/_/g, "-")}-${now.toISOString().slice(0, 10)}.csv`,
  );
}
