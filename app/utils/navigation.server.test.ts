import { describe, expect, it } from "vitest";
import type { TenantMembership } from "~/domain/memberships.server";
import { can, FOUNDATION_ROLES, ORGANISATION_ROLES } from "~/domain/permissions.server";
import { NAV_PAGES, navigationFor } from "./navigation.server";

const membership = (kind: TenantMembership["kind"], role: TenantMembership["role"]): TenantMembership => ({
  id: crypto.randomUUID(),
  kind,
  role,
  tenantId: "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
  tenantName: "Somewhere",
});

const everyone = [...FOUNDATION_ROLES.map((role) => membership("foundation", role)), ...ORGANISATION_ROLES.map((role) => membership("organisation", role))];

describe("navigation", () => {
  it("offers each role exactly the pages of its kind of tenant whose permission it holds", () => {
    for (const m of everyone) {
      const expected = NAV_PAGES.filter((p) => p.kind === m.kind && can(m, p.permission)).map((p) => p.to.replace(":organisationId", m.tenantId));
      expect(
        navigationFor(m).map((i) => i.to),
        `${m.kind}:${m.role}`,
      ).toEqual(expected);
    }
  });

  it("never offers a page whose permission the role lacks, nor a page of the other kind of tenant", () => {
    for (const m of everyone) {
      const offered = new Set(navigationFor(m).map((i) => i.to));
      for (const page of NAV_PAGES) {
        const to = page.to.replace(":organisationId", m.tenantId);
        if (page.kind !== m.kind) continue;
        expect(offered.has(to), `${m.kind}:${m.role} ${to}`).toBe(can(m, page.permission));
      }
      if (m.kind === "foundation") expect([...offered].some((to) => to.startsWith("/organisations/"))).toBe(false);
      if (m.kind === "organisation") expect([...offered].some((to) => to.startsWith("/foundation/"))).toBe(false);
    }
  });

  it("keeps the menus people know (a regression guard on the table itself)", () => {
    const menu = (kind: TenantMembership["kind"], role: TenantMembership["role"]) => navigationFor(membership(kind, role)).map((i) => i.label);
    expect(menu("foundation", "admin")).toEqual([
      "app.home",
      "home.organisations",
      "grants.nav.grantLines",
      "grants.nav.portfolio",
      "learning.nav.cohorts",
      "learning.nav.library",
      "learning.nav.resources",
      "continuum.selfTitle",
      "continuum.resultsLink",
      "home.members",
      "home.settings",
      "home.outbox",
      "audit.title",
    ]);
    expect(menu("foundation", "program_officer")).toEqual([
      "app.home",
      "home.organisations",
      "grants.nav.grantLines",
      "grants.nav.portfolio",
      "learning.nav.cohorts",
      "learning.nav.library",
      "learning.nav.resources",
      "continuum.selfTitle",
    ]);
    expect(menu("foundation", "staff")).toEqual(["app.home", "learning.nav.cohorts", "learning.nav.library", "continuum.selfTitle"]);
    expect(menu("organisation", "director")).toEqual([
      "app.home",
      "home.organisation",
      "grants.nav.grants",
      "continuum.title",
      "learning.nav.cohorts",
      "learning.nav.library",
      "home.orgMembers",
      "home.outbox",
      "dataExport.nav",
    ]);
    expect(menu("organisation", "staff")).toEqual([
      "app.home",
      "home.organisation",
      "grants.nav.grants",
      "continuum.title",
      "learning.nav.cohorts",
      "learning.nav.library",
    ]);
  });
});
