import { afterAll, describe, expect, it } from "vitest";
import { sql, type Kysely } from "kysely";
import type { DB } from "#db/schema";
import { APP_ROLE } from "#db/app-role";
import { setSharing, startAssessment } from "~/domain/continuum.server";
import { inTenantScope } from "~/domain/tenant-scope.server";
import { asOwner, createTestDatabase } from "../support/db";
import { addOrganisationMember, callerOf, createFoundation, createOrganisation, createUser, fundOrganisation } from "../support/factories";
import { finishedAssessment, respondent } from "../support/continuum-factories";

const database = await createTestDatabase();
const db = database.db;
afterAll(() => database.close());

const SENSITIVE = ["continuum_assessment", "continuum_pillar_answer", "continuum_share", "foundation_self_assessment"] as const;

/** Two foundations, each funding its own organisation; A shares with F, B shares with nobody and keeps a draft. */
async function world() {
  const f = await createFoundation(db);
  const g = await createFoundation(db);
  const a = await createOrganisation(db);
  const b = await createOrganisation(db);
  await fundOrganisation(db, f.id, a.id);
  await fundOrganisation(db, g.id, b.id);
  const directorA = await createUser(db);
  const directorB = await createUser(db);
  await addOrganisationMember(db, directorA.id, a.id, "director");
  await addOrganisationMember(db, directorB.id, b.id, "director");
  const finishedA = await finishedAssessment(db, { organisationId: a.id, actorId: directorA.id, stage: "competence" });
  const draftA = await startAssessment(db, await callerOf(db, directorA.id, a.id));
  const finishedB = await finishedAssessment(db, { organisationId: b.id, actorId: directorB.id, stage: "pre_competence" });
  const draftB = await startAssessment(db, await callerOf(db, directorB.id, b.id));
  await setSharing(db, await callerOf(db, directorA.id, a.id), { foundationId: f.id, share: true });
  await respondent(db, { foundationId: f.id });
  await respondent(db, { foundationId: g.id });
  return { f, g, a, b, directorA, finishedA, draftA, finishedB, draftB };
}

const count = async (trx: Kysely<DB>, table: (typeof SENSITIVE)[number]) =>
  Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(trx)).rows[0].n);

describe("row-level security on the continuum tables", () => {
  it("is on for every sensitive table, and the app acts as a role that can neither bypass it nor own the tables", async () => {
    const { rows } = await sql<{ relname: string; relrowsecurity: boolean; owner: string }>`
      select c.relname, c.relrowsecurity, pg_get_userbyid(c.relowner) as owner from pg_class c
      where c.relnamespace = current_schema()::regnamespace and c.relname in (${sql.join([...SENSITIVE])})`.execute(db);
    expect(rows.map((r) => r.relname).sort()).toEqual([...SENSITIVE].sort());
    for (const r of rows) {
      expect(r.relrowsecurity, r.relname).toBe(true);
      expect(r.owner).not.toBe(APP_ROLE);
    }
    const me = await sql<{ current_user: string; rolsuper: boolean; rolbypassrls: boolean }>`
      select current_user, rolsuper, rolbypassrls from pg_roles where rolname = current_user`.execute(db);
    expect(me.rows[0]).toEqual({ current_user: APP_ROLE, rolsuper: false, rolbypassrls: false });
  });

  it("a query without the tenant setting sees nothing and writes nothing, though the rows are there", async () => {
    const w = await world();
    for (const table of SENSITIVE) {
      expect(await asOwner(db, (o) => count(o, table)), table).toBeGreaterThan(0);
      expect(await count(db, table), table).toBe(0);
    }
    await expect(
      db.insertInto("continuum_share").values({ organisation_id: w.b.id, foundation_id: w.f.id, granted_by: w.directorA.id }).execute(),
    ).rejects.toThrow(/row-level security/);
    const deleted = await db.deleteFrom("continuum_share").executeTakeFirst();
    expect(Number(deleted.numDeletedRows)).toBe(0);
    expect(await asOwner(db, (o) => o.selectFrom("continuum_share").select("organisation_id").where("organisation_id", "=", w.a.id).execute())).toHaveLength(1);
  });

  it("an organisation's scope shows its own rows only, even to a query that forgets to filter", async () => {
    const w = await world();
    const seen = await inTenantScope(db, { organisationId: w.a.id }, (trx) =>
      trx.selectFrom("continuum_assessment").select(["id", "organisation_id"]).execute(),
    );
    expect(seen.map((r) => r.id).sort()).toEqual([w.finishedA, w.draftA].sort());
    const answers = await inTenantScope(db, { organisationId: w.a.id }, (trx) =>
      trx.selectFrom("continuum_pillar_answer").select("assessment_id").distinct().execute(),
    );
    expect(answers.map((r) => r.assessment_id).sort()).toEqual([w.finishedA, w.draftA].sort());
    // Another organisation's draft cannot be changed from A's scope: the update finds no row.
    const updated = await inTenantScope(db, { organisationId: w.a.id }, (trx) =>
      trx.updateTable("continuum_assessment").set({ reflection: "not yours" }).where("id", "=", w.draftB).executeTakeFirst(),
    );
    expect(Number(updated.numUpdatedRows)).toBe(0);
    // Nor can A write a row in B's name.
    await expect(
      inTenantScope(db, { organisationId: w.a.id }, (trx) => trx.insertInto("continuum_assessment").values({ organisation_id: w.b.id }).execute()),
    ).rejects.toThrow(/row-level security/);
    // A's scope reads no foundation staff's self-assessment.
    expect(await inTenantScope(db, { organisationId: w.a.id }, (trx) => count(trx, "foundation_self_assessment"))).toBe(0);
  });

  it("a foundation's scope shows finished assessments shared with it, never a draft, and it cannot change consent", async () => {
    const w = await world();
    const seen = await inTenantScope(db, { foundationId: w.f.id }, (trx) => trx.selectFrom("continuum_assessment").select("id").execute());
    expect(seen.map((r) => r.id)).toEqual([w.finishedA]);
    expect(await inTenantScope(db, { foundationId: w.g.id }, (trx) => count(trx, "continuum_assessment"))).toBe(0);
    // Its own staff's responses only.
    const own = await inTenantScope(db, { foundationId: w.f.id }, (trx) => trx.selectFrom("foundation_self_assessment").select("foundation_id").execute());
    expect(own.map((r) => r.foundation_id)).toEqual([w.f.id]);
    // Consent belongs to the organisation: the foundation can neither grant nor withdraw it.
    await expect(
      inTenantScope(db, { foundationId: w.f.id }, (trx) =>
        trx.insertInto("continuum_share").values({ organisation_id: w.b.id, foundation_id: w.f.id, granted_by: w.directorA.id }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    const withdrawn = await inTenantScope(db, { foundationId: w.f.id }, (trx) =>
      trx.deleteFrom("continuum_share").where("organisation_id", "=", w.a.id).executeTakeFirst(),
    );
    expect(Number(withdrawn.numDeletedRows)).toBe(0);
    // Nor can it alter a shared answer (the policy refuses before the frozen-assessment trigger would).
    const altered = await inTenantScope(db, { foundationId: w.f.id }, (trx) =>
      trx.updateTable("continuum_pillar_answer").set({ note: "edited" }).where("assessment_id", "=", w.finishedA).executeTakeFirst(),
    );
    expect(Number(altered.numUpdatedRows)).toBe(0);
  });

  it("the setting lasts only for its transaction, so a pooled connection never carries it to the next request", async () => {
    const w = await world();
    expect(await inTenantScope(db, { organisationId: w.a.id }, (trx) => count(trx, "continuum_assessment"))).toBe(2);
    const after = await sql<{ org: string | null }>`select current_setting('app.organisation_id', true) as org`.execute(db);
    expect(after.rows[0].org ?? "").toBe("");
    expect(await count(db, "continuum_assessment")).toBe(0);
  });

  it("once consent is withdrawn, the foundation's scope loses the organisation's assessments at once", async () => {
    const w = await world();
    expect(await inTenantScope(db, { foundationId: w.f.id }, (trx) => count(trx, "continuum_assessment"))).toBe(1);
    await setSharing(db, await callerOf(db, w.directorA.id, w.a.id), { foundationId: w.f.id, share: false });
    expect(await inTenantScope(db, { foundationId: w.f.id }, (trx) => count(trx, "continuum_assessment"))).toBe(0);
    expect(await inTenantScope(db, { foundationId: w.f.id }, (trx) => count(trx, "continuum_pillar_answer"))).toBe(0);
  });
});
