import type { FoundationRole, OrganisationRole, Role } from "#db/schema";
import { DomainError } from "./errors";
import type { TenantKind, TenantMembership } from "./memberships.server";

/**
 * Who may do what: the one place that knows. Routes, navigation, home pages, domain functions and the
 * authorization matrix test all ask `can` (or one of the guards below); nothing else names a role to decide
 * a permission. See docs/decisions/0071-permissions.md.
 *
 * A permission is "action:thing". It is granted to a role as held in one kind of tenant ("foundation:admin",
 * "organisation:staff"), and it applies to that tenant only: an admin of foundation A can do nothing to B.
 * Which rows belong to the tenant is for the domain query (and row-level security) to say.
 */
export { FOUNDATION_ROLES, ORGANISATION_ROLES } from "./vocabulary";

export type RoleKey = `foundation:${FoundationRole}` | `organisation:${OrganisationRole}`;

const ADMIN = ["foundation:admin"] as const satisfies readonly RoleKey[];
/** The people who decide grants: they see the portfolio, never who asked for help or a continuum score of their own making. */
const GRANT_MAKERS = ["foundation:admin", "foundation:program_officer"] as const satisfies readonly RoleKey[];
const FOUNDATION_PEOPLE = ["foundation:admin", "foundation:program_officer", "foundation:staff"] as const satisfies readonly RoleKey[];
const DIRECTOR = ["organisation:director"] as const satisfies readonly RoleKey[];
const ORGANISATION_PEOPLE = ["organisation:director", "organisation:staff"] as const satisfies readonly RoleKey[];

export const PERMISSIONS = {
  // The foundation and its people.
  "read:foundation": FOUNDATION_PEOPLE,
  "manage:foundation-settings": ADMIN,
  "manage:foundation-members": ADMIN,
  "read:foundation-outbox": ADMIN,
  "read:foundation-audit": ADMIN,
  "read:foundation-brief": ADMIN,
  "read:foundation-self-assessment-summary": ADMIN,
  "take:foundation-self-assessment": FOUNDATION_PEOPLE,
  /** Sends the year's invitation to every member of the foundation. */
  "send:foundation-self-assessment-invitation": ADMIN,

  // Grant making.
  "manage:grant-line": GRANT_MAKERS,
  "manage:grant": GRANT_MAKERS,
  /** One grant's page, its plan and its conversation, from either side: the funding foundation or the grantee. */
  "read:grant": [...GRANT_MAKERS, ...ORGANISATION_PEOPLE],
  /** Writes in a grant's conversation, from either side. */
  "comment:grant": [...GRANT_MAKERS, ...DIRECTOR],
  /** May be named a grant's program officer. */
  "hold:grant": GRANT_MAKERS,
  "read:portfolio": GRANT_MAKERS,
  "read:grantees": GRANT_MAKERS,
  /** Adds an organisation to the foundation's grantees and invites its director. */
  "create:grantee": ADMIN,
  /** An organisation's overview page, for a foundation connected to it by a grant or a cohort (the domain checks the connection). */
  "read:connected-organisation": GRANT_MAKERS,
  /** An organisation's journey, only where it shares it with the foundation (the domain checks consent on every read). */
  "read:shared-continuum": GRANT_MAKERS,

  // Learning.
  "manage:resource": GRANT_MAKERS,
  "create:cohort": GRANT_MAKERS,
  /** Facilitates every cohort of the foundation (others facilitate only the cohorts that name them). */
  "facilitate:foundation-cohorts": GRANT_MAKERS,
  "read:library": [...FOUNDATION_PEOPLE, ...ORGANISATION_PEOPLE],
  /** The cohorts page: everyone sees the cohorts they take part in (what they may do in one follows from their part in it). */
  "read:cohorts": [...FOUNDATION_PEOPLE, ...ORGANISATION_PEOPLE],

  // The organisation's own.
  "read:organisation": ORGANISATION_PEOPLE,
  "read:organisation-grants": ORGANISATION_PEOPLE,
  "edit:plan": DIRECTOR,
  /** The organisation's finished self-assessments (its journey); staff see only a draft they were invited to. */
  "read:continuum": DIRECTOR,
  "manage:continuum": DIRECTOR,
  /** Answers a draft self-assessment the director invited staff to (the domain checks the invitation). */
  "contribute:continuum": ORGANISATION_PEOPLE,
  "share:continuum": DIRECTOR,
  "manage:organisation-members": DIRECTOR,
  "read:organisation-outbox": DIRECTOR,
  "export:organisation-data": DIRECTOR,
  "read:organisation-brief": DIRECTOR,
  /** Accepts cohort invitations and chooses who of the organisation takes part. */
  "join:cohort": DIRECTOR,
} as const satisfies Record<string, readonly RoleKey[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleKey(kind: TenantKind, role: Role): RoleKey {
  return `${kind}:${role}` as RoleKey;
}

/** Whether a membership's role carries the permission (in that membership's tenant). */
export function can(membership: Pick<TenantMembership, "kind" | "role"> | null | undefined, permission: Permission): boolean {
  if (!membership) return false;
  return (PERMISSIONS[permission] as readonly RoleKey[]).includes(roleKey(membership.kind, membership.role));
}

/** The roles of one kind of tenant that carry a permission, for queries that list people by what they may do. */
export function rolesWith(kind: "foundation", permission: Permission): FoundationRole[];
export function rolesWith(kind: "organisation", permission: Permission): OrganisationRole[];
export function rolesWith(kind: TenantKind, permission: Permission): Role[] {
  const prefix = `${kind}:`;
  return (PERMISSIONS[permission] as readonly RoleKey[]).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length) as Role);
}

const CALLER = Symbol("caller");

/**
 * The person a domain function acts for, and the tenant they act in on this request. Only `callerFor`
 * makes one, from a membership read from the database for the signed-in user, so a route cannot invent one.
 */
export interface Caller {
  readonly [CALLER]: true;
  readonly userId: string;
  readonly membership: TenantMembership;
}

// The callers callerFor made. The brand alone would survive a spread ({ ...caller, membership: other }), so a
// caller is recognised by identity, not by shape.
const made = new WeakSet<object>();

export function callerFor(userId: string, membership: TenantMembership): Caller {
  const caller: Caller = Object.freeze({ [CALLER]: true as const, userId, membership: Object.freeze({ ...membership }) });
  made.add(caller);
  return caller;
}

export function isCaller(value: unknown): value is Caller {
  return typeof value === "object" && value !== null && made.has(value);
}

function refuse(): never {
  throw new DomainError("app.forbiddenBody", undefined, undefined, 403);
}

/**
 * Every domain function that reads or changes a foundation's data starts here: the caller must act for a
 * foundation with a role that carries the permission. Returns that foundation's id, the only one the
 * function may touch.
 */
export function foundationOf(caller: Caller, permission: Permission): string {
  if (!isCaller(caller) || caller.membership.kind !== "foundation" || !can(caller.membership, permission)) refuse();
  return caller.membership.tenantId;
}

/** As `foundationOf`, for an organisation's own data. */
export function organisationOf(caller: Caller, permission: Permission): string {
  if (!isCaller(caller) || caller.membership.kind !== "organisation" || !can(caller.membership, permission)) refuse();
  return caller.membership.tenantId;
}

/**
 * For what a person reaches through their own part in something rather than through a tenant's role (the cohorts
 * they take part in or facilitate, the resources of those cohorts' foundations): any real caller. Returns who they are.
 */
export function personOf(caller: Caller): string {
  if (!isCaller(caller)) refuse();
  return caller.userId;
}

/** The caller acts for a tenant that holds the permission; returns which tenant, for functions open to both sides. */
export function tenantOf(caller: Caller, permission: Permission): { foundationId: string } | { organisationId: string } {
  if (!isCaller(caller) || !can(caller.membership, permission)) refuse();
  return caller.membership.kind === "foundation" ? { foundationId: caller.membership.tenantId } : { organisationId: caller.membership.tenantId };
}
