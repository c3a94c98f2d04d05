import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { asOwner, createTestDatabase } from "../support/db";
import { addFoundationMember, callerOf, createFoundationWithAdmin, createUser } from "../support/factories";
import { DomainError } from "~/domain/errors";
import { foundationAuditFacets, listFoundationAudit, recordAudit, AUDIT_PAGE_SIZE } from "~/domain/audit.server";

const database = await createTestDatabase();
const db = database.db;
afterAll(() => database.close());

let ours: Awaited<ReturnType<typeof createFoundationWithAdmin>>;
let theirs: Awaited<ReturnType<typeof createFoundationWithAdmin>>;
let colleague: Awaited<ReturnType<typeof createUser>>;

async function eventAt(at: string, entry: Parameters<typeof recordAudit>[1]) {
  await recordAudit(db, entry);
  // Backdate the row just written; the append-only trigger is lifted for this test setup only.
  await asOwner(db, async (o) => {
    await sql`alter table audit_event disable trigger audit_event_append_only`.execute(o);
    await sql`update audit_event set at = ${at} where id = (select max(id) from audit_event)`.execute(o);
    await sql`alter table audit_event enable trigger audit_event_append_only`.execute(o);
  });
}

beforeAll(async () => {
  ours = await createFoundationWithAdmin(db);
  theirs = await createFoundationWithAdmin(db);
  colleague = await createUser(db, { name: "Colleague" });
  await eventAt("2026-01-10T12:00:00Z", {
    actorUserId: ours.admin.id,
    foundationId: ours.foundation.id,
    action: "foundation.settings_changed",
    objectType: "foundation",
    objectId: ours.foundation.id,
    before: { min_group_size: 5 },
    after: { min_group_size: 6 },
  });
  await eventAt("2026-02-10T12:00:00Z", {
    actorUserId: colleague.id,
    foundationId: ours.foundation.id,
    action: "grant.updated",
    objectType: "grant",
    objectId: "g1",
  });
  await eventAt("2026-03-10T12:00:00Z", {
    actorUserId: ours.admin.id,
    foundationId: ours.foundation.id,
    action: "grant.created",
    objectType: "grant",
    objectId: "g2",
  });
  await eventAt("2026-02-15T12:00:00Z", {
    actorUserId: theirs.admin.id,
    foundationId: theirs.foundation.id,
    action: "grant.created",
    objectType: "grant",
    objectId: "secret-of-another-foundation",
  });
});

describe("the foundation's audit trail", () => {
  it("lists only this foundation's entries, newest first", async () => {
    const { rows, total } = await listFoundationAudit(db, await callerOf(db, ours.admin.id, ours.foundation.id), {}, 1);
    expect(total).toBe(3);
    expect(rows.map((r) => r.object_id)).toEqual(["g2", "g1", ours.foundation.id]);
    expect(rows.some((r) => r.object_id === "secret-of-another-foundation")).toBe(false);
    expect(rows[2].after).toEqual({ min_group_size: 6 });
  });

  it("filters by person, kind of record and an inclusive date range", async () => {
    expect(
      (await listFoundationAudit(db, await callerOf(db, ours.admin.id, ours.foundation.id), { actorUserId: colleague.id }, 1)).rows.map((r) => r.object_id),
    ).toEqual(["g1"]);
    expect((await listFoundationAudit(db, await callerOf(db, ours.admin.id, ours.foundation.id), { objectType: "grant" }, 1)).total).toBe(2);
    const february = await listFoundationAudit(db, await callerOf(db, ours.admin.id, ours.foundation.id), { from: "2026-02-10", to: "2026-02-10" }, 1);
    expect(february.rows.map((r) => r.object_id)).toEqual(["g1"]);
    // Another foundation's admin as the "person" filter finds nothing here.
    expect((await listFoundationAudit(db, await callerOf(db, ours.admin.id, ours.foundation.id), { actorUserId: theirs.admin.id }, 1)).total).toBe(0);
  });

  it("offers as filters only the people and kinds of record of this foundation", async () => {
    const facets = await foundationAuditFacets(db, await callerOf(db, ours.admin.id, ours.foundation.id));
    expect(facets.people.map((p) => p.id).sort()).toEqual([ours.admin.id, colleague.id].sort());
    expect(facets.objectTypes).toEqual(["foundation", "grant"]);
  });

  it("pages through long trails", async () => {
    const busy = await createFoundationWithAdmin(db);
    for (let i = 0; i < AUDIT_PAGE_SIZE + 3; i++) {
      await recordAudit(db, { actorUserId: busy.admin.id, foundationId: busy.foundation.id, action: "grant.updated", objectType: "grant", objectId: `n${i}` });
    }
    const second = await listFoundationAudit(db, await callerOf(db, busy.admin.id, busy.foundation.id), {}, 2);
    expect(second.total).toBe(AUDIT_PAGE_SIZE + 3);
    expect(second.rows).toHaveLength(3);
  });

  it("is read only by those who may, and only for the foundation they act for", async () => {
    const officer = await createUser(db);
    await addFoundationMember(db, officer.id, ours.foundation.id, "program_officer");
    const refusal = (run: Promise<unknown>) =>
      run.then(
        () => null,
        (e: unknown) => (e instanceof DomainError ? e.status : e),
      );
    const asOfficer = await callerOf(db, officer.id, ours.foundation.id);
    expect(await refusal(listFoundationAudit(db, asOfficer, {}, 1))).toBe(403);
    expect(await refusal(foundationAuditFacets(db, asOfficer))).toBe(403);
    // Another foundation's admin reads their own trail, never this one's.
    const theirRows = await listFoundationAudit(db, await callerOf(db, theirs.admin.id, theirs.foundation.id), {}, 1);
    expect(theirRows.rows.map((r) => r.object_id)).toEqual(["secret-of-another-foundation"]);
  });

  it("refuses to change or remove an entry", async () => {
    await expect(sql`update audit_event set action = 'x' where foundation_id = ${ours.foundation.id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_event where foundation_id = ${ours.foundation.id}`.execute(db)).rejects.toThrow(/append-only/);
    expect((await listFoundationAudit(db, await callerOf(db, ours.admin.id, ours.foundation.id), {}, 1)).total).toBe(3);
  });
});
