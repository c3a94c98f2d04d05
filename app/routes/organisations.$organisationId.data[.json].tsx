import type { LoaderFunctionArgs } from "@remix-run/node";
import { asObjects, DATASETS, exportOrganisationData } from "~/domain/organisation-export.server";
import { requireOrganisationCaller } from "~/utils/auth.server";
import { fileSlug } from "~/utils/brief-response.server";

/** Everything the organisation holds, as one JSON file (director only). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { caller } = await requireOrganisationCaller(request, context, params.organisationId, "export:organisation-data");
  const now = context.now();
  const tables = await exportOrganisationData(context.db, caller, { datasets: DATASETS, format: "json" });
  const body = JSON.stringify({ exportedAt: now.toISOString(), datasets: Object.fromEntries(DATASETS.map((d) => [d, asObjects(tables[d])])) }, null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileSlug(caller.membership.tenantName)}-data-${now.toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
