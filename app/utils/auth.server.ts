import { redirect } from "@remix-run/node";
import type { User } from "#db/schema";
import { listMemberships, type TenantMembership } from "~/domain/memberships.server";
import { callerFor, can, type Caller, type Permission } from "~/domain/permissions.server";
import type { AppContext } from "./context";
import { forbidden, notFound } from "./http.server";
import { isId } from "./ids";
import { readSessionToken, setSessionMembership, validateSessionToken, type Session, type SessionPolicy } from "./session.server";

export interface Viewer {
  user: User;
  session: Session;
  memberships: TenantMembership[];
  /** The foundation or organisation the user is acting for on this request. */
  acting: TenantMembership | null;
}

export function sessionPolicy(context: Pick<AppContext, "config">): SessionPolicy {
  return {
    idleMs: context.config.sessionIdleMs,
    absoluteMs: context.config.sessionAbsoluteMs,
    secureCookie: context.config.production,
  };
}

// Root and route loaders of one request share the lookup, keyed on the request's scope (without one, as when a
// test calls a loader directly, on the Request itself). An action is never shared: it may sign in, switch
// context or rename the user, and the loaders that run after it (with GET copies of the request) must see that.
const viewers = new WeakMap<object, Promise<Viewer | null>>();

export function getViewer(request: Request, context: AppContext): Promise<Viewer | null> {
  const read = request.method === "GET" || request.method === "HEAD";
  const key = (read && context.requestScope) || request;
  let pending = viewers.get(key);
  if (!pending) {
    pending = loadViewer(request, context);
    viewers.set(key, pending);
  }
  return pending;
}

async function loadViewer(request: Request, context: AppContext): Promise<Viewer | null> {
  const token = readSessionToken(request, sessionPolicy(context));
  if (!token) return null;
  const result = await validateSessionToken(context.db, sessionPolicy(context), token, context.now());
  if (!result) return null;
  const memberships = await listMemberships(context.db, result.user.id);
  const acting = memberships.find((m) => m.id === result.session.membershipId) ?? memberships[0] ?? null;
  return { ...result, memberships, acting };
}

export async function requireViewer(request: Request, context: AppContext): Promise<Viewer> {
  const viewer = await getViewer(request, context);
  if (!viewer) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return viewer;
}

/** The caller for the tenant the viewer acts for on this request, or null when they act for none. */
export function actingCaller(viewer: Viewer): Caller | null {
  return viewer.acting ? callerFor(viewer.user.id, viewer.acting) : null;
}

/**
 * A page of the foundation the viewer acts for: 403 unless their role there carries `permission`.
 * The caller it returns is what the page hands the domain, which checks the permission again.
 */
export async function requireFoundationCaller(
  request: Request,
  context: AppContext,
  permission: Permission,
): Promise<{ viewer: Viewer; caller: Caller; foundationId: string }> {
  const viewer = await requireViewer(request, context);
  const m = viewer.acting;
  if (!m || m.kind !== "foundation" || !can(m, permission)) forbidden();
  return { viewer, caller: callerFor(viewer.user.id, m), foundationId: m.tenantId };
}

/**
 * A page of one organisation: 404 unless the viewer belongs to it (so another tenant's id reveals nothing,
 * and an id that is not one is no page), 403 if they do but their role there does not carry `permission`.
 * Visiting it makes it the organisation the viewer acts for.
 */
export async function requireOrganisationCaller(
  request: Request,
  context: AppContext,
  organisationId: string | undefined,
  permission: Permission,
): Promise<{ viewer: Viewer; caller: Caller; organisationId: string }> {
  const viewer = await requireViewer(request, context);
  if (!isId(organisationId)) notFound();
  const m = viewer.memberships.find((x) => x.kind === "organisation" && x.tenantId === organisationId);
  if (!m) notFound();
  if (!can(m, permission)) forbidden();
  if (viewer.acting?.id !== m.id) {
    await setSessionMembership(context.db, viewer.session.id, m.id);
    viewer.acting = m;
  }
  return { viewer, caller: callerFor(viewer.user.id, m), organisationId };
}
