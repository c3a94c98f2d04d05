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
    if (acting.role === "admin") {
      items.push({ to: "/foundation/members", label: "home.members" });
      items.push({ to: "/foundation/settings", label: "home.settings" });
      items.push({ to: "/foundation/outbox", label: "home.outbox" });
    }
    return items;
  }
  const base = `/organisations/${acting.tenantId}`;
  const items = [home, { to: base, label: "home.organisation", end: true }, { to: `${base}/grants`, label: "grants.nav.grants" }];
  if (acting.role === "director") {
    items.push({ to: `${base}/members`, label: "home.orgMembers" });
    items.push({ to: `${base}/outbox`, label: "home.outbox" });
  }
  return items;
}
