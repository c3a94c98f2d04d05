import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Database } from "#db/client";
import { allowanceCents } from "~/domain/allowance";
import { DomainError } from "~/domain/errors";
import {
  addComment,
  allowanceSql,
  createGrant,
  createGrantLine,
  getGrant,
  getPlan,
  grantPageData,
  listComments,
  listOrganisationGrants,
  savePlan,
  updateGrant,
  updateGrantLine,
  type GrantFields,
} from "~/domain/grants.server";
import { MAX_MONEY_CENTS } from "~/utils/money";
import { createTestDatabase } from "../support/db";
import {
  addFoundationMember,
  callerOf,
  addOrganisationMember,
  createFoundation,
  createFoundationWithAdmin,
  createOrganisation,
  createUser,
  fundOrganisation,
} from "../support/factories";
import { addPlanLines, createGrantRow, createLine } from "../support/grants-factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** The caller `userId` is when acting for `tenantId`. */
const as = (userId: string, tenantId: string) => callerOf(database.db, userId, tenantId);

async function setting() {
  const db = database.db;
  const { foundation, admin } = await createFoundationWithAdmin(db);
  const officer = await createUser(db);
  await addFoundationMember(db, officer.id, foundation.id, "program_officer");
  const organisation = await createOrganisation(db);
  await fundOrganisation(db, foundation.id, organisation.id);
  const director = await createUser(db);
  await addOrganisationMember(db, director.id, organisation.id, "director");
  return { foundation, admin, officer, organisation, director };
}

const fields = (over: Partial<GrantFields> = {}): GrantFields => ({
  title: "Casework team",
  proposedBudgetCents: 200_000_00,
  awardedCents: null,
  startsOn: "2026-01-01",
  endsOn: "2026-12-31",
  status: "active",
  officerUserId: null,
  ...over,
});

const auditOf = (objectId: string) =>
  database.db.selectFrom("audit_event").select(["action", "before", "after", "actor_user_id"]).where("object_id", "=", objectId).orderBy("id").execute();

describe("grant lines", () => {
  it("takes the foundation's default allowance for an enhancement line, and none for a dedicated one", async () => {
    const { foundation, officer } = await setting();
    await database.db.updateTable("foundation").set({ default_allowance_bps: 1250 }).where("id", "=", foundation.id).execute();
    const enhanced = await createGrantLine(database.db, await callerOf(database.db, officer.id, foundation.id), {
      name: "Youth",
      fiscalYear: 2026,
      description: "",
      kind: "enhancement",
    });
    const chosen = await createGrantLine(database.db, await callerOf(database.db, officer.id, foundation.id), {
      name: "Legal",
      fiscalYear: 2026,
      description: "",
      kind: "enhancement",
      allowanceBps: 0,
    });
    const dedicated = await createGrantLine(database.db, await callerOf(database.db, officer.id, foundation.id), {
      name: "STS",
      fiscalYear: 2026,
      description: "",
      kind: "dedicated",
      allowanceBps: 500,
    });
    expect([enhanced.allowance_bps, chosen.allowance_bps, dedicated.allowance_bps]).toEqual([1250, 0, null]);
    expect((await auditOf(enhanced.id))[0]).toMatchObject({ action: "grant_line.created", actor_user_id: officer.id });
  });

  it("refuses a lower allowance than a grant's plan needs, saying how much must come out first", async () => {
    const { foundation, officer, organisation } = await setting();
    const line = await createLine(database.db, foundation.id, { allowanceBps: 1000 });
    const grant = await createGrantRow(database.db, line, organisation.id, { proposedCents: 100_000_00, title: "Shelter" });
    await addPlanLines(database.db, grant.id, [{ pillar: "supervision", amountCents: 8_000_00 }]);
    const input = { name: line.name, fiscalYear: 2026, description: "", kind: "enhancement" as const, allowanceBps: 500, version: line.version };
    const e = await refusal(updateGrantLine(database.db, await callerOf(database.db, officer.id, foundation.id), line.id, input));
    expect(e.message).toBe("grants.errors.lineBelowPlanned");
    expect(e.values).toMatchObject({ title: "Shelter", amount: "$3,000.00" });
    const updated = await updateGrantLine(database.db, await callerOf(database.db, officer.id, foundation.id), line.id, { ...input, allowanceBps: 800 });
    expect(updated.allowance_bps).toBe(800);
    const audit = await auditOf(line.id);
    expect(audit.at(-1)).toMatchObject({ action: "grant_line.updated", before: { allowance_bps: 1000 }, after: { allowance_bps: 800 } });
    // Based on the old version: a visible conflict, not an overwrite.
    expect(
      (await refusal(updateGrantLine(database.db, await callerOf(database.db, officer.id, foundation.id), line.id, { ...input, allowanceBps: 900 }))).status,
    ).toBe(409);
  });

  it("is another foundation's secret", async () => {
    const { foundation } = await setting();
    const other = await setting();
    const line = await createLine(database.db, foundation.id);
    const input = { name: "x", fiscalYear: 2026, description: "", kind: "dedicated" as const, version: line.version };
    expect((await refusal(updateGrantLine(database.db, await callerOf(database.db, other.officer.id, other.foundation.id), line.id, input))).status).toBe(404);
  });
});

describe("grants", () => {
  it("are created for an existing grantee only, with an audit entry", async () => {
    const { foundation, officer, organisation } = await setting();
    const line = await createLine(database.db, foundation.id);
    const caller = await as(officer.id, foundation.id);
    const base = {
      lineId: line.id,
      publicUrl: "http://localhost",
      ...fields({ officerUserId: officer.id }),
    };
    const { id } = await createGrant(database.db, caller, { ...base, grantee: { organisationId: organisation.id } });
    const audit = await auditOf(id);
    expect(audit[0]).toMatchObject({
      action: "grant.created",
      after: { title: "Casework team", allowance_cents: 20_000_00, proposed_budget_cents: 200_000_00 },
    });

    const stranger = await createOrganisation(database.db);
    expect((await refusal(createGrant(database.db, caller, { ...base, grantee: { organisationId: stranger.id } }))).field).toBe("organisationId");
    const director = await createUser(database.db);
    expect((await refusal(createGrant(database.db, caller, { ...base, officerUserId: director.id, grantee: { organisationId: organisation.id } }))).field).toBe(
      "officerUserId",
    );
    const otherLine = await createLine(database.db, (await createFoundation(database.db)).id);
    expect((await refusal(createGrant(database.db, caller, { ...base, lineId: otherLine.id, grantee: { organisationId: organisation.id } }))).status).toBe(404);
  });

  it("can bring in a new organisation and invite its director in the same step", async () => {
    const { foundation, officer } = await setting();
    const line = await createLine(database.db, foundation.id);
    const email = `new-director-${Date.now()}@example.org`;
    const { organisationId } = await createGrant(database.db, await as(officer.id, foundation.id), {
      lineId: line.id,
      publicUrl: "http://localhost",
      grantee: { newOrganisation: { name: "Eastside Advocacy", directorEmail: email } },
      ...fields(),
    });
    const grantee = await database.db.selectFrom("grantee").selectAll().where("organisation_id", "=", organisationId).executeTakeFirst();
    expect(grantee?.foundation_id).toBe(foundation.id);
    const invitation = await database.db.selectFrom("invitation").selectAll().where("organisation_id", "=", organisationId).executeTakeFirstOrThrow();
    expect(invitation).toMatchObject({ email, role: "director" });
    expect(await database.db.selectFrom("outbox").select("id").where("to_address", "=", email).execute()).toHaveLength(1);
  });

  it("are seen by the funding foundation and the grantee, and by nobody else", async () => {
    const { foundation, organisation, officer, director } = await setting();
    const other = await setting();
    const line = await createLine(database.db, foundation.id);
    const grant = await createGrantRow(database.db, line, organisation.id);
    expect((await getGrant(database.db, await as(officer.id, foundation.id), grant.id))?.id).toBe(grant.id);
    expect((await getGrant(database.db, await as(director.id, organisation.id), grant.id))?.id).toBe(grant.id);
    expect(await getGrant(database.db, await as(other.officer.id, other.foundation.id), grant.id)).toBeUndefined();
    expect(await getGrant(database.db, await as(other.director.id, other.organisation.id), grant.id)).toBeUndefined();
  });

  it("refuse, with a 403 and nothing read or written, a caller whose role lacks the permission", async () => {
    const { foundation, organisation, director } = await setting();
    const staff = await createUser(database.db);
    await addFoundationMember(database.db, staff.id, foundation.id, "staff");
    const orgStaff = await createUser(database.db);
    await addOrganisationMember(database.db, orgStaff.id, organisation.id, "staff");
    const line = await createLine(database.db, foundation.id);
    const grant = await createGrantRow(database.db, line, organisation.id);
    const foundationStaff = await as(staff.id, foundation.id);
    // Foundation staff do not read grants; organisation staff read them but neither plan nor comment.
    expect((await refusal(getGrant(database.db, foundationStaff, grant.id))).status).toBe(403);
    expect((await refusal(grantPageData(database.db, foundationStaff, grant.id))).status).toBe(403);
    expect((await refusal(updateGrant(database.db, foundationStaff, grant.id, { ...fields(), version: grant.version }))).status).toBe(403);
    const plan = { basedOnVersion: 0, lines: [{ pillar: "leadership" as const, purpose: null, description: "", amountCents: 100 }] };
    expect((await refusal(savePlan(database.db, await as(orgStaff.id, organisation.id), grant.id, plan))).status).toBe(403);
    expect((await refusal(addComment(database.db, await as(orgStaff.id, organisation.id), grant.id, { body: "x" }))).status).toBe(403);
    // A director's caller is an organisation's: it cannot act on the foundation's side.
    expect((await refusal(updateGrant(database.db, await as(director.id, organisation.id), grant.id, { ...fields(), version: grant.version }))).status).toBe(
      403,
    );
    expect((await refusal(listOrganisationGrants(database.db, foundationStaff))).status).toBe(403);
    expect(await getPlan(database.db, await as(director.id, organisation.id), grant.id)).toEqual([]);
    expect(await database.db.selectFrom("grant_comment").select("id").where("grant_id", "=", grant.id).execute()).toEqual([]);
    expect((await database.db.selectFrom("grant").select("version").where("id", "=", grant.id).executeTakeFirstOrThrow()).version).toBe(grant.version);
  });

  it("tell the page what the caller may do there", async () => {
    const { foundation, organisation, officer, director } = await setting();
    const orgStaff = await createUser(database.db);
    await addOrganisationMember(database.db, orgStaff.id, organisation.id, "staff");
    const grant = await createGrantRow(database.db, await createLine(database.db, foundation.id), organisation.id);
    expect((await grantPageData(database.db, await as(officer.id, foundation.id), grant.id))?.may).toEqual({ editGrant: true, editPlan: false, comment: true });
    expect((await grantPageData(database.db, await as(director.id, organisation.id), grant.id))?.may).toEqual({
      editGrant: false,
      editPlan: true,
      comment: true,
    });
    expect((await grantPageData(database.db, await as(orgStaff.id, organisation.id), grant.id))?.may).toEqual({
      editGrant: false,
      editPlan: false,
      comment: false,
    });
  });

  it("show a director every grant of their organisation, across every foundation that funds it", async () => {
    const { foundation, organisation, director } = await setting();
    const second = await createFoundation(database.db);
    await fundOrganisation(database.db, second.id, organisation.id);
    const a = await createGrantRow(database.db, await createLine(database.db, foundation.id, { allowanceBps: 1000 }), organisation.id, {
      proposedCents: 12_345_67,
    });
    const b = await createGrantRow(database.db, await createLine(database.db, second.id, { kind: "dedicated" }), organisation.id, {
      awardedCents: 50_000_00,
    });
    const elsewhere = await setting();
    await createGrantRow(database.db, await createLine(database.db, elsewhere.foundation.id), elsewhere.organisation.id);
    const list = await listOrganisationGrants(database.db, await as(director.id, organisation.id));
    expect(list.map((g) => [g.id, g.allowance_cents]).sort()).toEqual(
      [
        [a.id, 1_234_56],
        [b.id, 50_000_00],
      ].sort(),
    );
  });

  it("refuse a budget lowered below what is planned, saying how much must come out of the plan first", async () => {
    const { foundation, officer, organisation } = await setting();
    const line = await createLine(database.db, foundation.id, { allowanceBps: 1000 });
    const grant = await createGrantRow(database.db, line, organisation.id, { proposedCents: 100_000_00 });
    await addPlanLines(database.db, grant.id, [{ pillar: "workload", amountCents: 7_500_00 }]);
    const caller = await as(officer.id, foundation.id);
    const base = { version: grant.version };
    const e = await refusal(updateGrant(database.db, caller, grant.id, { ...base, ...fields({ proposedBudgetCents: 50_000_00 }) }));
    expect(e).toMatchObject({ field: "proposedBudget", message: "grants.errors.belowPlanned" });
    expect(e.values).toMatchObject({ amount: "$2,500.00", planned: "$7,500.00", minimum: "$75,000.00" });
    await updateGrant(database.db, caller, grant.id, { ...base, ...fields({ proposedBudgetCents: 75_000_00 }) });
    const audit = await auditOf(grant.id);
    expect(audit.at(-1)).toMatchObject({
      action: "grant.updated",
      before: { proposed_budget_cents: 100_000_00, allowance_cents: 10_000_00 },
      after: { proposed_budget_cents: 75_000_00, allowance_cents: 7_500_00, starts_on: "2026-01-01" },
    });
    expect((await refusal(updateGrant(database.db, caller, grant.id, { ...base, ...fields() }))).status).toBe(409);
  });

  it("refuse an award on a dedicated line lowered below what is planned", async () => {
    const { foundation, officer, organisation } = await setting();
    const line = await createLine(database.db, foundation.id, { kind: "dedicated" });
    const grant = await createGrantRow(database.db, line, organisation.id, { awardedCents: 40_000_00 });
    await addPlanLines(database.db, grant.id, [{ pillar: "peer_support", amountCents: 30_000_00 }]);
    const e = await refusal(
      updateGrant(database.db, await as(officer.id, foundation.id), grant.id, {
        version: grant.version,
        ...fields({ awardedCents: 25_000_00 }),
      }),
    );
    expect(e).toMatchObject({ field: "awarded" });
    expect(e.values?.amount).toBe("$5,000.00");
  });

  it("compute the allowance in SQL exactly as the arithmetic does, up to $10 billion", async () => {
    const { foundation, organisation } = await setting();
    const cases = [
      [0, 1000],
      [999, 1000],
      [12_345, 1234],
      [MAX_MONEY_CENTS, 10000],
      [MAX_MONEY_CENTS - 1, 9999],
      [999_999_999_999, 3333],
      [123_456_78, 0],
    ] as const;
    for (const [proposed, bps] of cases) {
      const line = await createLine(database.db, foundation.id, { allowanceBps: bps });
      const grant = await createGrantRow(database.db, line, organisation.id, { proposedCents: proposed });
      const row = await database.db
        .selectFrom("grant as g")
        .innerJoin("grant_line as gl", "gl.id", "g.grant_line_id")
        .select([allowanceSql.as("allowance"), sql<number>`g.proposed_budget_cents`.as("proposed")])
        .where("g.id", "=", grant.id)
        .executeTakeFirstOrThrow();
      expect(row.proposed).toBe(proposed);
      expect(row.allowance).toBe(allowanceCents({ kind: "enhancement", allowanceBps: bps, proposedBudgetCents: proposed, awardedCents: null }));
    }
  });
});

describe("plans", () => {
  it("save within the allowance, refuse above it without saving anything, and record before and after", async () => {
    const { foundation, organisation, director } = await setting();
    const line = await createLine(database.db, foundation.id, { allowanceBps: 1000 });
    const grant = await createGrantRow(database.db, line, organisation.id, { proposedCents: 50_000_00 });
    const caller = await as(director.id, organisation.id);
    const saved = await savePlan(database.db, caller, grant.id, {
      basedOnVersion: 0,
      lines: [
        { pillar: "supervision", purpose: "prevention", description: "Reflective supervision", amountCents: 3_000_00 },
        { pillar: "workspace", purpose: null, description: "", amountCents: 1_999_99 },
      ],
    });
    expect(saved).toMatchObject({ planVersion: 1, totalCents: 4_999_99, allowanceCents: 5_000_00 });
    const e = await refusal(
      savePlan(database.db, caller, grant.id, {
        basedOnVersion: 1,
        lines: [{ pillar: "leadership", purpose: "education", description: "", amountCents: 5_000_01 }],
      }),
    );
    expect(e.message).toBe("grants.errors.overAllowance");
    expect(e.values).toMatchObject({ amount: "$0.01", allowance: "$5,000.00" });
    expect((await getPlan(database.db, caller, grant.id))?.map((l) => l.amount_cents)).toEqual([3_000_00, 1_999_99]);
    const audit = await auditOf(grant.id);
    expect(audit.map((a) => a.action)).toEqual(["plan.saved"]);
    expect(audit[0].after).toMatchObject({ plan_version: 1, lines: [{ pillar: "supervision", amount_cents: 3_000_00 }, { pillar: "workspace" }] });
  });

  it("refuse a save based on a plan someone else has changed since", async () => {
    const { foundation, organisation, director } = await setting();
    const grant = await createGrantRow(database.db, await createLine(database.db, foundation.id), organisation.id);
    const caller = await as(director.id, organisation.id);
    const base = { lines: [{ pillar: "leadership" as const, purpose: null, description: "", amountCents: 100 }] };
    await savePlan(database.db, caller, grant.id, { ...base, basedOnVersion: 0 });
    const e = await refusal(savePlan(database.db, caller, grant.id, { ...base, basedOnVersion: 0, lines: [] }));
    expect(e).toMatchObject({ status: 409, message: "grants.errors.planStale" });
    expect(await getPlan(database.db, caller, grant.id)).toHaveLength(1);
  });

  it("can be emptied, and are written only by the grantee organisation", async () => {
    const { foundation, organisation, director } = await setting();
    const other = await setting();
    const grant = await createGrantRow(database.db, await createLine(database.db, foundation.id), organisation.id);
    await addPlanLines(database.db, grant.id, [{ pillar: "workload", amountCents: 100 }]);
    expect(
      (
        await refusal(
          savePlan(database.db, await as(other.director.id, other.organisation.id), grant.id, {
            basedOnVersion: 0,
            lines: [],
          }),
        )
      ).status,
    ).toBe(404);
    const caller = await as(director.id, organisation.id);
    await savePlan(database.db, caller, grant.id, { basedOnVersion: 0, lines: [] });
    expect(await getPlan(database.db, caller, grant.id)).toEqual([]);
    // The other organisation does not learn the plan either.
    expect(await getPlan(database.db, await as(other.director.id, other.organisation.id), grant.id)).toBeUndefined();
  });
});

describe("no reporting burden", () => {
  it("gives plans no due dates, reminders or overdue states: no date column but when a line was written", async () => {
    const columns = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = current_schema() and table_name in ('plan_line', 'grant_comment')
        and (data_type like 'date%' or data_type like 'timestamp%' or column_name ~ '(due|remind|overdue|deadline)')`.execute(database.db);
    expect(columns.rows.map((c) => `${c.table_name}.${c.column_name}`).sort()).toEqual(["grant_comment.created_at", "plan_line.created_at"]);
  });
});

describe("the learning conversation", () => {
  it("is one thread both sides read and write, closed to anyone else", async () => {
    const { foundation, organisation, officer, director } = await setting();
    const other = await setting();
    const grant = await createGrantRow(database.db, await createLine(database.db, foundation.id), organisation.id);
    await addComment(database.db, await as(officer.id, foundation.id), grant.id, {
      body: "How is supervision going?",
      now: new Date("2026-03-01T10:00:00Z"),
    });
    await addComment(database.db, await as(director.id, organisation.id), grant.id, {
      body: "Better since March.",
      now: new Date("2026-03-02T10:00:00Z"),
    });
    expect((await listComments(database.db, await as(director.id, organisation.id), grant.id))?.map((c) => [c.side, c.body])).toEqual([
      ["foundation", "How is supervision going?"],
      ["organisation", "Better since March."],
    ]);
    expect((await refusal(addComment(database.db, await as(other.officer.id, other.foundation.id), grant.id, { body: "x" }))).status).toBe(404);
    expect((await refusal(addComment(database.db, await as(other.director.id, other.organisation.id), grant.id, { body: "x" }))).status).toBe(404);
    expect(await listComments(database.db, await as(other.officer.id, other.foundation.id), grant.id)).toBeUndefined();
  });
});
