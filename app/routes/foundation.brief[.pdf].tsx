import type { LoaderFunctionArgs } from "@remix-run/node";
import { foundationBriefData } from "~/domain/briefs.server";
import { requireFoundationCaller } from "~/utils/auth.server";
import { briefFileName, briefResponse } from "~/utils/brief-response.server";
import { recordAudit } from "~/domain/audit.server";

/** The foundation brief, for admins: portfolio investment and the staff self-assessment aggregate of a year. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer, caller, foundationId } = await requireFoundationCaller(request, context, "read:foundation-brief");
  const now = context.now();
  const asked = Number.parseInt(new URL(request.url).searchParams.get("year") ?? "", 10);
  const year = asked >= 2000 && asked <= now.getUTCFullYear() ? asked : now.getUTCFullYear();
  const data = await foundationBriefData(context.db, caller, { year, locale: viewer.user.locale, now });
  // An export of the staff aggregate and the portfolio's spread: audited like the portfolio CSVs.
  await recordAudit(context.db, {
    actorUserId: viewer.user.id,
    foundationId,
    action: "foundation.brief_exported",
    objectType: "foundation",
    objectId: foundationId,
    after: { year },
  });
  return briefResponse(context, data, briefFileName("foundation-brief", data.foundationName, now), `/foundation/self-assessment/summary?year=${year}`);
}
