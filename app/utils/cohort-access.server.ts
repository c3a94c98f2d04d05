import { data } from "@remix-run/node";
import { canSeeContent, getCohortAccess, type CohortAccess } from "~/domain/cohorts.server";
import { DomainError } from "~/domain/errors";
import { t, translateKey } from "~/i18n";
import type { AppContext } from "./context";
import { actingCaller, requireViewer, type Viewer } from "./auth.server";
import { forbidden, notFound } from "./http.server";
import { isId } from "./ids";

/**
 * Every cohort page and action starts here: someone with no part in the cohort gets a
 * 404, whatever id they put in the URL. `content` also requires a view of its sessions,
 * resources and discussion (a director whose organisation has not accepted only sees the invitation).
 */
export async function requireCohort(
  request: Request,
  context: AppContext,
  cohortId: string | undefined,
  content = true,
): Promise<{ viewer: Viewer; access: CohortAccess }> {
  const viewer = await requireViewer(request, context);
  const caller = actingCaller(viewer);
  // The cohort is reached as a person (see getCohortAccess); the caller says who, whichever tenant they act for.
  const access = caller && isId(cohortId) ? await getCohortAccess(context.db, caller, cohortId) : null;
  if (!access || (content && !canSeeContent(access))) notFound();
  return { viewer, access };
}

/** A rule's refusal as an HTTP answer: 404 and 403 as pages, anything else as a message for the form. */
export function refusalResponse(e: unknown, intent: string) {
  if (!(e instanceof DomainError)) throw e;
  if (e.status === 404) notFound();
  if (e.status === 403) forbidden();
  return data({ intent, field: e.field ?? null, message: translateKey(t, e.message, e.values) }, { status: e.status });
}
