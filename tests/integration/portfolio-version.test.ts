import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type Kysely } from "kysely";
import type { Database } from "#db/client";
import type { DB } from "#db/schema";
import { updateProfile } from "~/domain/accounts.server";
import { removeFoundationMember } from "~/domain/foundations.server";
import { savePlan } from "~/domain/grants.server";
import { parsePortfolioQuery, portfolioCacheStats, portfolioPage, portfolioVersion } from "~/domain/portfolio.server";
import { asOwner, createTestDatabase } from "../support/db";
import {
  addFoundationMember,
  callerOf,
  addOrganisationMember,
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

const q = (query: string) => parsePortfolioQuery(new URLSearchParams(query));

/**
 * The foundation's portfolio version as stored, read as the table's owner: these tests watch the triggers
 * that move it, for any foundation (one that has just been deleted too), inside a transaction or not.
 */
async function versionOf(db: Kysely<DB>, foundationId: string): Promise<number> {
  const read = (trx: Kysely<DB>) => trx.selectFrom("portfolio_version").select("version").where("foundation_id", "=", foundationId).executeTakeFirst();
  const row = db.isTransaction ? await read(db) : await asOwner(db, read);
  return row?.version ?? 0;
}

/** An admin of the foundation, as the caller the portfolio is read for. */
async function adminOf(foundationId: string) {
  const db = database.db;
  const admin = await db
    .selectFrom("membership")
    .select("user_id")
    .where("foundation_id", "=", foundationId)
    .where("role", "=", "admin")
    .executeTakeFirstOrThrow();
  return callerOf(db, admin.user_id, foundationId);
}

/** A foundation (with its admin) funding one organisation with one grant on one enhancement line. */
async function funder(db: Kysely<DB>, organisation?: { id: string }) {
  const { foundation, admin } = await createFoundationWithAdmin(db);
  const org = organisation ?? (await createOrganisation(db));
  await fundOrganisation(db, foundation.id, org.id);
  const line = await createLine(db, foundation.id, {
    kind: "enhancement",
    allowanceBps: 1000,
  });
  const grant = await createGrantRow(db, line, org.id, {
    proposedCents: 10_000_000,
  });
  return { foundation, admin, organisation: org, line, grant };
}

/** How far each foundation's version moved while `work` ran (and committed, or not). */
async function moves(foundationIds: string[], work: () => Promise<unknown>) {
  const db = database.db;
  const before = await Promise.all(foundationIds.map((id) => versionOf(db, id)));
  await work();
  const after = await Promise.all(foundationIds.map((id) => versionOf(db, id)));
  return after.map((v, i) => v - before[i]);
}

describe("portfolio_version (bumped by deferred triggers, once per transaction)", () => {
  it("is 0 for a foundation nothing has touched, and a number once something has", async () => {
    const db = database.db;
    const lonely = await db.insertInto("foundation").values({ name: "Untouched" }).returningAll().executeTakeFirstOrThrow();
    expect(await versionOf(db, lonely.id)).toBe(0);
    const { foundation } = await funder(db);
    const v = await versionOf(db, foundation.id);
    expect(typeof v).toBe("number");
    expect(v).toBeGreaterThan(0);
    // What the portfolio reads for its admin is the stored version.
    expect(await portfolioVersion(db, await adminOf(foundation.id))).toBe(v);
  });

  it("moves on grant insert, update and delete, only for the grant's foundation", async () => {
    const db = database.db;
    const a = await funder(db);
    const bystander = await funder(db);
    const ids = [a.foundation.id, bystander.foundation.id];

    let inserted: { id: string } | undefined;
    expect(await moves(ids, async () => (inserted = await createGrantRow(db, a.line, a.organisation.id)))).toEqual([1, 0]);
    expect(await moves(ids, () => db.updateTable("grant").set({ title: "Renamed" }).where("id", "=", inserted!.id).execute())).toEqual([1, 0]);
    await addPlanLines(db, inserted!.id, [{ pillar: "leadership", amountCents: 500 }]);
    // Its plan lines go with it: still one move.
    expect(await moves(ids, () => db.deleteFrom("grant").where("id", "=", inserted!.id).execute())).toEqual([1, 0]);
  });

  it("moves on grant line insert and update", async () => {
    const db = database.db;
    const a = await funder(db);
    const bystander = await funder(db);
    const ids = [a.foundation.id, bystander.foundation.id];
    expect(await moves(ids, () => createLine(db, a.foundation.id, { name: "New line" }))).toEqual([1, 0]);
    expect(await moves(ids, () => db.updateTable("grant_line").set({ name: "Renamed line" }).where("id", "=", a.line.id).execute())).toEqual([1, 0]);
  });

  it("moves on plan line insert, a pillar-only update (same money) and delete", async () => {
    const db = database.db;
    const a = await funder(db);
    const bystander = await funder(db);
    const ids = [a.foundation.id, bystander.foundation.id];

    expect(await moves(ids, () => addPlanLines(db, a.grant.id, [{ pillar: "leadership", amountCents: 1_000 }]))).toEqual([1, 0]);
    const plannedBefore = (await db.selectFrom("grant").select("planned_cents").where("id", "=", a.grant.id).executeTakeFirstOrThrow()).planned_cents;
    expect(
      await moves(ids, () => db.updateTable("plan_line").set({ pillar: "workload" }).where("grant_id", "=", a.grant.id).where("position", "=", 0).execute()),
    ).toEqual([1, 0]);
    const plannedAfter = (await db.selectFrom("grant").select("planned_cents").where("id", "=", a.grant.id).executeTakeFirstOrThrow()).planned_cents;
    expect(plannedAfter).toBe(plannedBefore);
    expect(await moves(ids, () => db.deleteFrom("plan_line").where("grant_id", "=", a.grant.id).execute())).toEqual([1, 0]);
  });

  it("moves by one for a statement touching many rows, or many statements in one transaction", async () => {
    const db = database.db;
    const a = await funder(db);
    const bystander = await funder(db);
    const ids = [a.foundation.id, bystander.foundation.id];
    const second = await createGrantRow(db, a.line, a.organisation.id, {
      proposedCents: 10_000_000,
    });

    // Several plan lines in one insert.
    expect(
      await moves(ids, () =>
        addPlanLines(db, a.grant.id, [
          { pillar: "leadership", amountCents: 100 },
          { pillar: "workload", amountCents: 200 },
          { pillar: "supervision", amountCents: 300 },
        ]),
      ),
    ).toEqual([1, 0]);
    // Several grants in one update.
    expect(
      await moves(ids, () =>
        db
          .updateTable("grant")
          .set({ title: sql`title || ' (renamed)'` })
          .where("foundation_id", "=", a.foundation.id)
          .execute(),
      ),
    ).toEqual([1, 0]);
    // Grants, lines and plan lines, in several statements of one transaction.
    expect(
      await moves(ids, () =>
        db.transaction().execute(async (trx) => {
          await trx.updateTable("grant").set({ status: "closed" }).where("id", "=", second.id).execute();
          await trx.updateTable("grant_line").set({ name: "Again" }).where("id", "=", a.line.id).execute();
          await addPlanLines(trx, second.id, [{ pillar: "peer_support", amountCents: 50 }]);
          await trx.updateTable("plan_line").set({ amount_cents: 75 }).where("grant_id", "=", second.id).execute();
        }),
      ),
    ).toEqual([1, 0]);
  });

  it("moves each foundation a transaction touches by one", async () => {
    const db = database.db;
    const a = await funder(db);
    const b = await funder(db);
    const bystander = await funder(db);
    expect(
      await moves([a.foundation.id, b.foundation.id, bystander.foundation.id], () =>
        db.transaction().execute(async (trx) => {
          await trx.updateTable("grant").set({ title: "A1" }).where("id", "=", a.grant.id).execute();
          await trx.updateTable("grant").set({ title: "B1" }).where("id", "=", b.grant.id).execute();
          await trx.updateTable("grant").set({ title: "A2" }).where("id", "=", a.grant.id).execute();
        }),
      ),
    ).toEqual([1, 1, 0]);
  });

  it("moves every foundation that funds a renamed organisation, and no other", async () => {
    const db = database.db;
    const organisation = await createOrganisation(db);
    const a = await funder(db, organisation);
    const b = await funder(db, organisation);
    // A second grant to the same organisation still moves its foundation once.
    await createGrantRow(db, b.line, organisation.id);
    const elsewhere = await funder(db);
    expect(
      await moves([a.foundation.id, b.foundation.id, elsewhere.foundation.id], () =>
        db.updateTable("organisation").set({ name: "Renamed Organisation" }).where("id", "=", organisation.id).execute(),
      ),
    ).toEqual([1, 1, 0]);
  });

  it("moves the foundations a renamed user belongs to, and no other", async () => {
    const db = database.db;
    const a = await funder(db);
    const b = await funder(db);
    const c = await funder(db);
    const person = await createUser(db);
    await addFoundationMember(db, person.id, a.foundation.id, "program_officer");
    await addFoundationMember(db, person.id, b.foundation.id, "admin");
    // A member of an organisation that c funds: not one of c's people.
    await addOrganisationMember(db, person.id, c.organisation.id, "director");
    expect(
      await moves([a.foundation.id, b.foundation.id, c.foundation.id], () =>
        db.updateTable("app_user").set({ name: "Renamed Person" }).where("id", "=", person.id).execute(),
      ),
    ).toEqual([1, 1, 0]);
  });

  it("moves on a foundation member added, but not on an organisation member", async () => {
    const db = database.db;
    const a = await funder(db);
    const bystander = await funder(db);
    const ids = [a.foundation.id, bystander.foundation.id];
    const officer = await createUser(db);
    expect(await moves(ids, () => addFoundationMember(db, officer.id, a.foundation.id, "program_officer"))).toEqual([1, 0]);
    const director = await createUser(db);
    expect(await moves(ids, () => addOrganisationMember(db, director.id, a.organisation.id, "director"))).toEqual([0, 0]);
    // An organisation member's rename reaches no foundation either.
    expect(await moves(ids, () => db.updateTable("app_user").set({ name: "Director Renamed" }).where("id", "=", director.id).execute())).toEqual([0, 0]);
  });

  it("does not move when the transaction rolls back", async () => {
    const db = database.db;
    const a = await funder(db);
    const ids = [a.foundation.id];
    const deltas = await moves(ids, async () => {
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.updateTable("grant").set({ title: "Never" }).where("id", "=", a.grant.id).execute();
          await addPlanLines(trx, a.grant.id, [{ pillar: "leadership", amountCents: 100 }]);
          await trx.updateTable("organisation").set({ name: "Never either" }).where("id", "=", a.organisation.id).execute();
          throw new Error("x");
        }),
      ).rejects.toThrow("x");
    });
    expect(deltas).toEqual([0]);
    const grant = await db.selectFrom("grant").select("title").where("id", "=", a.grant.id).executeTakeFirstOrThrow();
    expect(grant.title).not.toBe("Never");
    // And the next committed change still moves it (nothing was left marked as done).
    expect(await moves(ids, () => db.updateTable("grant").set({ title: "Now" }).where("id", "=", a.grant.id).execute())).toEqual([1]);
  });

  it("moves only at commit: not yet visible inside the writing transaction", async () => {
    const db = database.db;
    const a = await funder(db);
    const before = await versionOf(db, a.foundation.id);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("grant").set({ title: "Pending" }).where("id", "=", a.grant.id).execute();
      expect(await versionOf(trx, a.foundation.id)).toBe(before);
    });
    expect(await versionOf(db, a.foundation.id)).toBe(before + 1);
  });

  // PGlite is a single connection: a second reader would wait behind the open transaction.
  it.skipIf(!process.env.DATABASE_URL)("is not visible to another connection before commit", async () => {
    const db = database.db;
    const a = await funder(db);
    const before = await versionOf(db, a.foundation.id);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("grant").set({ title: "Pending elsewhere" }).where("id", "=", a.grant.id).execute();
      await trx.updateTable("organisation").set({ name: "Pending organisation" }).where("id", "=", a.organisation.id).execute();
      expect(await versionOf(db, a.foundation.id)).toBe(before);
    });
    expect(await versionOf(db, a.foundation.id)).toBe(before + 1);
  });

  it("lets a foundation be deleted with its grants, and its version row goes too", async () => {
    const db = database.db;
    const doomed = await funder(db);
    await addPlanLines(db, doomed.grant.id, [{ pillar: "supervision", amountCents: 1_000 }]);
    await addFoundationMember(db, (await createUser(db)).id, doomed.foundation.id, "program_officer");
    const bystander = await funder(db);
    const count = async (id: string) =>
      (
        await db
          .selectFrom("portfolio_version")
          .select(sql<number>`count(*)::int`.as("n"))
          .where("foundation_id", "=", id)
          .executeTakeFirstOrThrow()
      ).n;
    expect(await count(doomed.foundation.id)).toBe(1);

    const deltas = await moves([bystander.foundation.id], async () => {
      await db.deleteFrom("foundation").where("id", "=", doomed.foundation.id).execute();
    });
    expect(deltas).toEqual([0]);
    expect(await db.selectFrom("foundation").select("id").where("id", "=", doomed.foundation.id).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom("grant").select("id").where("foundation_id", "=", doomed.foundation.id).execute()).toEqual([]);
    expect(await count(doomed.foundation.id)).toBe(0);
    expect(await versionOf(db, doomed.foundation.id)).toBe(0);
  });

  it("lets a foundation be deleted in the same transaction that changed it and another one", async () => {
    const db = database.db;
    const doomed = await funder(db);
    const other = await funder(db);
    const deltas = await moves([other.foundation.id], () =>
      db.transaction().execute(async (trx) => {
        await trx.updateTable("grant").set({ title: "Last words" }).where("id", "=", doomed.grant.id).execute();
        await addPlanLines(trx, doomed.grant.id, [{ pillar: "leadership", amountCents: 10 }]);
        await trx.updateTable("grant").set({ title: "Still here" }).where("id", "=", other.grant.id).execute();
        await trx.deleteFrom("foundation").where("id", "=", doomed.foundation.id).execute();
      }),
    );
    expect(deltas).toEqual([1]);
    expect(await versionOf(db, doomed.foundation.id)).toBe(0);
    expect(await db.selectFrom("foundation").select("id").where("id", "=", doomed.foundation.id).executeTakeFirst()).toBeUndefined();
  });
});

describe("portfolioPage (kept per database handle, foundation, version and filters)", () => {
  /** A funded organisation with a director who saves plans, on a foundation with one grant. */
  async function planned() {
    const db = database.db;
    const world = await funder(db);
    const director = await createUser(db);
    await addOrganisationMember(db, director.id, world.organisation.id, "director");
    await addPlanLines(db, world.grant.id, [{ pillar: "leadership", purpose: "education", amountCents: 1_000 }]);
    return { ...world, director };
  }
  const stats = (db: Kysely<DB>) => ({
    ...(portfolioCacheStats.get(db) ?? { hits: 0, misses: 0 }),
  });

  it("serves the same filters again from the cache while nothing changes", async () => {
    const db = database.db;
    const { foundation } = await planned();
    const filters = q("sort=title");
    const s0 = stats(db);
    const first = await portfolioPage(db, await adminOf(foundation.id), filters);
    const s1 = stats(db);
    expect(s1).toEqual({ hits: s0.hits, misses: s0.misses + 1 });
    const second = await portfolioPage(db, await adminOf(foundation.id), q("sort=title"));
    expect(stats(db)).toEqual({ hits: s1.hits + 1, misses: s1.misses });
    expect(second).toBe(first);
    expect(first.totals.plannedCents).toBe(1_000);
  });

  it("shares one computation between requests made at once", async () => {
    const db = database.db;
    const { foundation } = await planned();
    const s0 = stats(db);
    const [x, y] = await Promise.all([portfolioPage(db, await adminOf(foundation.id), q("")), portfolioPage(db, await adminOf(foundation.id), q(""))]);
    expect(stats(db)).toEqual({ hits: s0.hits + 1, misses: s0.misses + 1 });
    expect(y).toBe(x);
  });

  it("computes afresh after a plan save, and shows the new plan", async () => {
    const db = database.db;
    const world = await planned();
    const filters = q("");
    const before = await portfolioPage(db, await adminOf(world.foundation.id), filters);
    expect(before.totals.plannedCents).toBe(1_000);
    expect(before.spread.byPillar.find((p) => p.pillar === "leadership")!.cents).toBe(1_000);
    expect(before.spread.byPillar.find((p) => p.pillar === "peer_support")!.cents).toBe(0);

    const { plan_version } = await db.selectFrom("grant").select("plan_version").where("id", "=", world.grant.id).executeTakeFirstOrThrow();
    const versionBefore = await versionOf(db, world.foundation.id);
    await savePlan(db, await callerOf(db, world.director.id, world.organisation.id), world.grant.id, {
      basedOnVersion: plan_version,
      lines: [
        {
          pillar: "peer_support",
          purpose: "prevention",
          description: "",
          amountCents: 12_345,
        },
        {
          pillar: "workload",
          purpose: "mitigation",
          description: "",
          amountCents: 655,
        },
      ],
    });
    expect(await versionOf(db, world.foundation.id)).toBe(versionBefore + 1);

    const s0 = stats(db);
    const after = await portfolioPage(db, await adminOf(world.foundation.id), filters);
    expect(stats(db)).toEqual({ hits: s0.hits, misses: s0.misses + 1 });
    expect(after).not.toBe(before);
    expect(after.totals.plannedCents).toBe(13_000);
    expect(after.totals.unplannedCents).toBe(after.totals.allowanceCents - 13_000);
    const pillar = (p: string) => after.spread.byPillar.find((c) => c.pillar === p)!.cents;
    expect([pillar("leadership"), pillar("peer_support"), pillar("workload")]).toEqual([0, 12_345, 655]);
    const purpose = (p: string) => after.spread.byPurpose.find((c) => c.purpose === p)!.cents;
    expect([purpose("education"), purpose("prevention"), purpose("mitigation")]).toEqual([0, 12_345, 655]);
    expect(after.rows.find((r) => r.id === world.grant.id)!.planned_cents).toBe(13_000);

    // And that page is then kept in turn.
    expect(await portfolioPage(db, await adminOf(world.foundation.id), filters)).toBe(after);
  });

  it("computes afresh after an organisation rename, showing the new name", async () => {
    const db = database.db;
    const world = await planned();
    const before = await portfolioPage(db, await adminOf(world.foundation.id), q(""));
    await db.updateTable("organisation").set({ name: "Brand New Name" }).where("id", "=", world.organisation.id).execute();
    const s0 = stats(db);
    const after = await portfolioPage(db, await adminOf(world.foundation.id), q(""));
    expect(stats(db).misses).toBe(s0.misses + 1);
    expect(after).not.toBe(before);
    expect(after.rows.map((r) => r.organisation_name)).toEqual(["Brand New Name"]);
  });

  // A grant keeps its officer after they leave the foundation, so their name stays on its page.
  it("shows the new name of a grant's officer who has since left the foundation", async () => {
    const db = database.db;
    const { foundation, admin } = await createFoundationWithAdmin(db);
    const organisation = await createOrganisation(db);
    await fundOrganisation(db, foundation.id, organisation.id);
    const officer = await createUser(db, { name: "Olive Officer" });
    const membership = await addFoundationMember(db, officer.id, foundation.id, "program_officer");
    const line = await createLine(db, foundation.id);
    const grant = await createGrantRow(db, line, organisation.id, {
      officerUserId: officer.id,
    });

    // Leaving the foundation keeps the grant's officer (and the row still names them).
    await removeFoundationMember(db, await callerOf(db, admin.id, foundation.id), membership.id);
    const before = await portfolioPage(db, await adminOf(foundation.id), q(""));
    expect(before.rows.find((r) => r.id === grant.id)!.officer_name).toBe("Olive Officer");

    const moved = await moves([foundation.id], () => updateProfile(db, officer.id, { name: "Olivia Officer", locale: "en" }));
    const after = await portfolioPage(db, await adminOf(foundation.id), q(""));
    expect(after.rows.find((r) => r.id === grant.id)!.officer_name).toBe("Olivia Officer");
    expect(moved).toEqual([1]);
  });

  it("keeps different filters apart", async () => {
    const db = database.db;
    const world = await planned();
    const other = await createLine(db, world.foundation.id, {
      name: "Other line",
      allowanceBps: 1000,
    });
    await createGrantRow(db, other, world.organisation.id, {
      proposedCents: 5_000_000,
      status: "proposed",
    });
    const all = q("");
    const proposed = q("status=proposed");

    const s0 = stats(db);
    const pageAll = await portfolioPage(db, await adminOf(world.foundation.id), all);
    const pageProposed = await portfolioPage(db, await adminOf(world.foundation.id), proposed);
    expect(stats(db)).toEqual({ hits: s0.hits, misses: s0.misses + 2 });
    expect(pageAll.totals.grants).toBe(2);
    expect(pageProposed.totals.grants).toBe(1);
    expect(pageProposed.totals.plannedCents).toBe(0);

    expect(await portfolioPage(db, await adminOf(world.foundation.id), q(""))).toBe(pageAll);
    expect(await portfolioPage(db, await adminOf(world.foundation.id), q("status=proposed"))).toBe(pageProposed);
    expect(stats(db)).toEqual({ hits: s0.hits + 2, misses: s0.misses + 2 });
  });

  it("keeps foundations apart", async () => {
    const db = database.db;
    const a = await planned();
    const b = await planned();
    const s0 = stats(db);
    const pageA = await portfolioPage(db, await adminOf(a.foundation.id), q(""));
    const pageB = await portfolioPage(db, await adminOf(b.foundation.id), q(""));
    expect(stats(db)).toEqual({ hits: s0.hits, misses: s0.misses + 2 });
    expect(pageA.rows.map((r) => r.id)).toEqual([a.grant.id]);
    expect(pageB.rows.map((r) => r.id)).toEqual([b.grant.id]);
    // A change to b does not cost a's page.
    await db.updateTable("grant").set({ title: "b changed" }).where("id", "=", b.grant.id).execute();
    expect(await portfolioPage(db, await adminOf(a.foundation.id), q(""))).toBe(pageA);
    expect(await portfolioPage(db, await adminOf(b.foundation.id), q(""))).not.toBe(pageB);
  });

  it("never shares pages or counts between database handles, even on the same data", async () => {
    const db = database.db;
    const world = await planned();
    // Another handle on the very same database and connections.
    const other = db.withoutPlugins();
    expect(other).not.toBe(db);
    const filters = q("");

    const first = await portfolioPage(db, await adminOf(world.foundation.id), filters);
    await portfolioPage(db, await adminOf(world.foundation.id), filters);
    const mine = stats(db);
    expect(portfolioCacheStats.get(other)).toBeUndefined();

    const theirs = await portfolioPage(other, await adminOf(world.foundation.id), filters);
    expect(portfolioCacheStats.get(other)).toEqual({ hits: 0, misses: 1 });
    expect(stats(db)).toEqual(mine);
    expect(theirs).not.toBe(first);
    expect(theirs.totals).toEqual(first.totals);

    expect(await portfolioPage(other, await adminOf(world.foundation.id), filters)).toBe(theirs);
    expect(portfolioCacheStats.get(other)).toEqual({ hits: 1, misses: 1 });
    expect(stats(db)).toEqual(mine);
  });
});
