import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSession } from "~/domain/cohorts.server";
import { requireCohort } from "~/utils/cohort-access.server";
import { notFound, paramId } from "~/utils/http.server";
import { sessionCalendar } from "~/utils/ics.server";

/** The session as a calendar file, for members only (same 404 as every cohort page otherwise). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { access } = await requireCohort(request, context, params.cohortId);
  const session = await getSession(context.db, access, paramId(params, "sessionId"));
  if (!session) notFound();
  const url = `${context.config.publicUrl}/cohorts/${access.cohort.id}/sessions/${session.id}`;
  const body = sessionCalendar(session, access.cohort.name, url, context.now());
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="session-${session.id}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
