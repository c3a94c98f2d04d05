import type { TenantKind, TenantMembership } from "~/domain/memberships.server";
import { can, type Permission } from "~/domain/permissions.server";

export interface NavItem {
  to: string;
  /** An i18n key. */
  label: string;
  end?: boolean;
}

interface NavPage extends NavItem {
  /** The kind of tenant the page belongs to; `:organisationId` in `to` is the organisation acted for. */
  kind: TenantKind;
  /** The permission the page's own guard asks for, so the header never offers a page that would answer 403. */
  permission: Permission;
}

/** Every page the header offers, in order, each with the permission that opens it. */
export const NAV_PAGES: readonly NavPage[] = [
  { kind: "foundation", to: "/", label: "app.home", end: true, permission: "read:foundation" },
  { kind: "foundation", to: "/foundation/organisations", label: "home.organisations", permission: "read:grantees" },
  { kind: "foundation", to: "/grant-lines", label: "grants.nav.grantLines", permission: "manage:grant-line" },
  { kind: "foundation", to: "/portfolio", label: "grants.nav.portfolio", permission: "read:portfolio" },
  { kind: "foundation", to: "/cohorts", label: "learning.nav.cohorts", permission: "read:cohorts" },
  { kind: "foundation", to: "/practices", label: "learning.nav.library", permission: "read:library" },
  { kind: "foundation", to: "/foundation/resources", label: "learning.nav.resources", permission: "manage:resource" },
  { kind: "foundation", to: "/foundation/self-assessment", label: "continuum.selfTitle", end: true, permission: "take:foundation-self-assessment" },
  { kind: "foundation", to: "/foundation/self-assessment/summary", label: "continuum.resultsLink", permission: "read:foundation-self-assessment-summary" },
  { kind: "foundation", to: "/foundation/members", label: "home.members", permission: "manage:foundation-members" },
  { kind: "foundation", to: "/foundation/settings", label: "home.settings", permission: "manage:foundation-settings" },
  { kind: "foundation", to: "/foundation/outbox", label: "home.outbox", permission: "read:foundation-outbox" },
  { kind: "foundation", to: "/foundation/audit", label: "audit.title", permission: "read:foundation-audit" },

  { kind: "organisation", to: "/", label: "app.home", end: true, permission: "read:organisation" },
  { kind: "organisation", to: "/organisations/:organisationId", label: "home.organisation", end: true, permission: "read:organisation" },
  { kind: "organisation", to: "/organisations/:organisationId/grants", label: "grants.nav.grants", permission: "read:organisation-grants" },
  { kind: "organisation", to: "/organisations/:organisationId/continuum", label: "continuum.title", permission: "contribute:continuum" },
  { kind: "organisation", to: "/cohorts", label: "learning.nav.cohorts", permission: "read:cohorts" },
  { kind: "organisation", to: "/practices", label: "learning.nav.library", permission: "read:library" },
  { kind: "organisation", to: "/organisations/:organisationId/members", label: "home.orgMembers", permission: "manage:organisation-members" },
  { kind: "organisation", to: "/organisations/:organisationId/outbox", label: "home.outbox", permission: "read:organisation-outbox" },
  { kind: "organisation", to: "/organisations/:organisationId/data", label: "dataExport.nav", permission: "export:organisation-data" },
];

/** What the header offers whoever acts for this membership: the pages of its kind of tenant its role may open. */
export function navigationFor(acting: Pick<TenantMembership, "kind" | "role" | "tenantId">): NavItem[] {
  return NAV_PAGES.filter((page) => page.kind === acting.kind && can(acting, page.permission)).map(({ to, label, end }) => ({
    to: to.replace(":organisationId", acting.tenantId),
    label,
    ...(end ? { end } : {}),
  }));
}
