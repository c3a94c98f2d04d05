import type { LoaderFunctionArgs } from "@remix-run/node";
import { organisationPlanBriefData } from "~/domain/briefs.server";
import { requireOrganisationCaller } from "~/utils/auth.server";
import { briefFileName, briefResponse } from "~/utils/brief-response.server";
import { recordAudit } from "~/domain/audit.server";

/**
 * The organisation's plan brief, for its director. The continuum journey is included only when
 * the director ticks it when downloading (`journey=1`); nothing else turns it on.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, caller, organisationId } = await requireOrganisationCaller(request, context, params.organisationId, "read:organisation-brief");
  const includeJourney = new URL(request.url).searchParams.get("journey") === "1";
  const now = context.now();
  const data = await organisationPlanBriefData(context.db, caller, { includeJourney, locale: viewer.user.locale, now });
  // An export of the organisation's plans (and journey, when ticked): audited like its data export.
  await recordAudit(context.db, {
    actorUserId: viewer.user.id,
    organisationId,
    action: "organisation.brief_exported",
    objectType: "organisation",
    objectId: organisationId,
    after: { includeJourney },
  });
  return briefResponse(context, data, briefFileName("sts-plan-brief", data.organisationName, now), `/organisations/${organisationId}/grants`);
}
