import type { TenantMembership } from "~/domain/memberships.server";

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
}

/** What the header offers depends on whom you act for and your role there. */
export function navigationFor(acting: Pick<TenantMembership, "kind" | "role" | "tenantId">): NavItem[] {
  const home: NavItem = { to: "/", label: "app.home", end: true };
  if (acting.kind === "foundation") {
    const items = [home];
    if (acting.role === "admin" || acting.role === "program_officer") items.push({ to: "/foundation/organisations", label: "home.organisations" });
    if (acting.role === "admin" || acting.role === "program_officer") {
      items.push({ to: "/grant-lines", label: "grants.nav.grantLines" });
      items.push({ to: "/portfolio", label: "grants.nav.portfolio" });
    }
    items.push({ to: "/cohorts", label: "learning.nav.cohorts" });
    items.push({ to: "/practices", label: "learning.nav.library" });
    if (acting.role === "admin" || acting.role === "program_officer") items.push({ to: "/foundation/resources", label: "learning.nav.resources" });
    items.push({ to: "/foundation/self-assessment", label: "continuum.selfTitle", end: true });
    if (acting.role === "admin") items.push({ to: "/foundation/self-assessment/summary", label: "continuum.resultsLink" });
    if (acting.role === "admin") {
      items.push({ to: "/foundation/members", label: "home.members" });
      items.push({ to: "/foundation/settings", label: "home.settings" });
      items.push({ to: "/foundation/outbox", label: "home.outbox" });
      items.push({ to: "/foundation/audit", label: "audit.title" });
    }
    return items;
  }
  const base = `/organisations/${acting.tenantId}`;
  const items = [
    home,
    { to: base, label: "home.organisation", end: true },
    { to: `${base}/grants`, label: "grants.nav.grants" },
    { to: `${base}/continuum`, label: "continuum.title" },
  ];
  items.push({ to: "/cohorts", label: "learning.nav.cohorts" });
  items.push({ to: "/practices", label: "learning.nav.library" });
  if (acting.role === "director") {
    items.push({ to: `${base}/members`, label: "home.orgMembers" });
    items.push({ to: `${base}/outbox`, label: "home.outbox" });
    items.push({ to: `${base}/data`, label: "dataExport.nav" });
  }
  return items;
}
