import type { LoaderFunctionArgs } from "@remix-run/node";
import { cohortBriefData } from "~/domain/briefs.server";
import { requireCohort } from "~/utils/cohort-access.server";
import { forbidden } from "~/utils/http.server";
import { briefFileName, briefResponse } from "~/utils/brief-response.server";

/** The cohort brief, for its facilitators (others in the cohort get 403; everyone else 404). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, access } = await requireCohort(request, context, params.cohortId);
  if (!access.canFacilitate) forbidden();
  const now = context.now();
  const data = await cohortBriefData(context.db, access, { viewerId: viewer.user.id, locale: viewer.user.locale, now });
  return briefResponse(context, data, briefFileName("cohort-brief", access.cohort.name, now), `/cohorts/${access.cohort.id}`);
}
