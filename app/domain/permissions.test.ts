import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import type { TenantMembership } from "./memberships.server";
import { callerFor, can, foundationOf, organisationOf, PERMISSIONS, rolesWith, tenantOf, type Caller, type Permission } from "./permissions.server";

const membership = (kind: "foundation" | "organisation", role: TenantMembership["role"], tenantId = crypto.randomUUID()): TenantMembership => ({
  id: crypto.randomUUID(),
  kind,
  role,
  tenantId,
  tenantName: "Somewhere",
});

const ALL = Object.keys(PERMISSIONS) as Permission[];

/** What a guard answers: the tenant id it hands over, or the status of its refusal. */
function answer(run: () => unknown) {
  try {
    return run();
  } catch (e) {
    return e instanceof DomainError ? e.status : e;
  }
}

describe("permissions", () => {
  it("grants each permission to a role of one kind of tenant only where the table says so", () => {
    const admin = membership("foundation", "admin");
    const officer = membership("foundation", "program_officer");
    const fStaff = membership("foundation", "staff");
    const director = membership("organisation", "director");
    const oStaff = membership("organisation", "staff");
    expect(can(admin, "manage:foundation-settings")).toBe(true);
    expect(can(officer, "manage:foundation-settings")).toBe(false);
    expect(can(officer, "read:portfolio")).toBe(true);
    expect(can(fStaff, "read:portfolio")).toBe(false);
    expect(can(fStaff, "take:foundation-self-assessment")).toBe(true);
    expect(can(director, "edit:plan")).toBe(true);
    expect(can(oStaff, "edit:plan")).toBe(false);
    expect(can(oStaff, "read:organisation-grants")).toBe(true);
    // "staff" of a foundation is not "staff" of an organisation.
    expect(can(fStaff, "read:organisation-grants")).toBe(false);
    expect(can(oStaff, "take:foundation-self-assessment")).toBe(false);
  });

  it("denies by default: no membership, no permission", () => {
    for (const p of ALL) expect(can(null, p)).toBe(false);
  });

  it("keeps the people who decide grants apart from foundation staff", () => {
    expect(rolesWith("foundation", "manage:grant").sort()).toEqual(["admin", "program_officer"]);
    expect(rolesWith("foundation", "edit:plan")).toEqual([]);
    expect(rolesWith("organisation", "edit:plan")).toEqual(["director"]);
  });

  it("hands a domain function only the tenant the caller acts for, and only with the permission", () => {
    const f = membership("foundation", "program_officer");
    const caller = callerFor("user-1", f);
    expect(foundationOf(caller, "manage:grant-line")).toBe(f.tenantId);
    expect(answer(() => foundationOf(caller, "manage:foundation-members"))).toBe(403);
    expect(answer(() => organisationOf(caller, "read:organisation"))).toBe(403);
    expect(tenantOf(caller, "read:library")).toEqual({ foundationId: f.tenantId });
    const o = callerFor("user-2", membership("organisation", "staff"));
    expect(answer(() => organisationOf(o, "edit:plan"))).toBe(403);
    expect(answer(() => foundationOf(o, "read:library"))).toBe(403);
  });

  it("refuses a caller that was not made by callerFor", () => {
    const forged = { userId: "user-1", membership: membership("foundation", "admin") } as unknown as Caller;
    expect(answer(() => foundationOf(forged, "manage:foundation-settings"))).toBe(403);
    // Nor a copy of a real one with another tenant or role put in.
    const real = callerFor("user-1", membership("foundation", "staff"));
    const copied = { ...real, membership: { ...real.membership, role: "admin" } } as Caller;
    expect(answer(() => foundationOf(copied, "manage:foundation-settings"))).toBe(403);
  });

  it("opens a grant to both its sides, and its conversation to the grant makers and the director", () => {
    const officer = membership("foundation", "program_officer");
    const fStaff = membership("foundation", "staff");
    const director = membership("organisation", "director");
    const oStaff = membership("organisation", "staff");
    expect([officer, fStaff, director, oStaff].map((m) => can(m, "read:grant"))).toEqual([true, false, true, true]);
    expect([officer, fStaff, director, oStaff].map((m) => can(m, "comment:grant"))).toEqual([true, false, true, false]);
    // The journey is the director's; staff only contribute to a draft they were invited to.
    expect([director, oStaff].map((m) => can(m, "read:continuum"))).toEqual([true, false]);
    expect([director, oStaff].map((m) => can(m, "contribute:continuum"))).toEqual([true, true]);
  });

  it("names only roles that exist", () => {
    const known = new Set(["foundation:admin", "foundation:program_officer", "foundation:staff", "organisation:director", "organisation:staff"]);
    for (const p of ALL) for (const r of PERMISSIONS[p]) expect(known.has(r), `${p}: ${r}`).toBe(true);
  });
});
