import { sql, type Kysely } from "kysely";
import type { DB } from "#db/schema";
import { DomainError } from "./errors";
import { recordAudit } from "./audit.server";
import { EVIDENCE_TIERS, PILLARS, PRACTICE_LEVELS, type EvidenceTier, type Pillar, type PracticeLevel } from "./vocabulary";
import { containsPattern } from "./text-search";
import { foundationOf, personOf, type Caller } from "./permissions.server";
import { asCaller } from "./tenant-scope.server";

export interface PracticeFilter {
  tier?: EvidenceTier;
  pillar?: Pillar;
  level?: PracticeLevel;
  q?: string;
}

/** The library as anyone signed in sees it: filtered, searched, paged, in tier order. */
export async function listPractices(db: Kysely<DB>, filter: PracticeFilter, page = 1, pageSize = 50) {
  let q = db.selectFrom("practice");
  if (filter.tier) q = q.where("tier", "=", filter.tier);
  if (filter.level) q = q.where("level", "=", filter.level);
  if (filter.pillar) q = q.where(sql<boolean>`${filter.pillar} = any(pillars)`);
  if (filter.q?.trim()) {
    const like = containsPattern(filter.q.trim());
    q = q.where((eb) => eb.or([eb("name", "ilike", like), eb("summary", "ilike", like), eb("citation", "ilike", like)]));
  }
  const tierOrder = sql<number>`array_position(array[${sql.join(EVIDENCE_TIERS.map((t) => sql`${t}`))}]::text[], tier)`;
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy(tierOrder)
      .orderBy("position")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n), page, pageSize };
}

/**
 * Practices the product may suggest (pickers, pins): never a contraindicated one.
 */
export async function listSuggestablePractices(db: Kysely<DB>) {
  return db.selectFrom("practice").select(["id", "name", "tier"]).where("tier", "<>", "contraindicated").orderBy("position").execute();
}

/**
 * Ideas per pillar for an organisation reflecting on its continuum: practices that serve the
 * pillar, strongest evidence first, never a contraindicated one. Offered as options only.
 */
export async function listPracticeIdeasByPillar(db: Kysely<DB>, perPillar = 4) {
  const rows = await db
    .selectFrom("practice")
    .select(["id", "name", "tier", "pillars"])
    .where("tier", "<>", "contraindicated")
    .orderBy(sql`array_position(array[${sql.join(EVIDENCE_TIERS.map((t) => sql`${t}`))}]::text[], tier)`)
    .orderBy("position")
    .execute();
  return Object.fromEntries(
    PILLARS.map((pillar) => [
      pillar,
      rows
        .filter((r) => r.pillars.includes(pillar))
        .slice(0, perPillar)
        .map(({ id, name, tier }) => ({ id, name, tier })),
    ]),
  ) as Record<Pillar, { id: string; name: string; tier: EvidenceTier }[]>;
}

export async function getPractice(db: Kysely<DB>, id: string) {
  return db.selectFrom("practice").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A practice with the study's citations for it, in the study's order; undefined for an unknown id. */
export async function getPracticeEvidence(db: Kysely<DB>, id: string) {
  const practice = await getPractice(db, id);
  if (!practice) return undefined;
  const citations = await db
    .selectFrom("practice_citation")
    .select(["kind", "authors", "year", "source_tier", "note"])
    .where("practice_id", "=", id)
    .orderBy("position")
    .execute();
  return { ...practice, citations };
}

/** How many practices of each tier the library holds (the about page sets them beside the study's counts). */
export async function countPracticesByTier(db: Kysely<DB>) {
  const rows = await db
    .selectFrom("practice")
    .select((eb) => ["tier", eb.fn.countAll<number>().as("n")])
    .groupBy("tier")
    .execute();
  return Object.fromEntries(EVIDENCE_TIERS.map((tier) => [tier, Number(rows.find((r) => r.tier === tier)?.n ?? 0)])) as Record<EvidenceTier, number>;
}

/**
 * Foundations whose own resources a person may read: those they belong to, and those
 * running a cohort they take part in, facilitate, or whose organisation joined.
 */
export function visibleResourceFoundations(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom("membership")
    .select("membership.foundation_id as foundation_id")
    .where("membership.user_id", "=", userId)
    .where("membership.foundation_id", "is not", null)
    .union(
      db
        .selectFrom("cohort_member")
        .innerJoin("cohort", "cohort.id", "cohort_member.cohort_id")
        .select("cohort.foundation_id as foundation_id")
        .where("cohort_member.user_id", "=", userId),
    )
    .union(
      db
        .selectFrom("cohort_facilitator")
        .innerJoin("cohort", "cohort.id", "cohort_facilitator.cohort_id")
        .select("cohort.foundation_id as foundation_id")
        .where("cohort_facilitator.user_id", "=", userId),
    );
}

export interface ResourceFilter {
  pillar?: Pillar;
  level?: PracticeLevel;
  q?: string;
}

/** Foundation resources the caller may read as a person (see visibleResourceFoundations), whichever tenant they act for. */
export async function listVisibleResources(db: Kysely<DB>, caller: Caller, filter: ResourceFilter = {}, limit = 50) {
  const userId = personOf(caller);
  return asCaller(db, caller, (trx) => visibleResources(trx, userId, filter, limit));
}

async function visibleResources(db: Kysely<DB>, userId: string, filter: ResourceFilter, limit: number) {
  let q = db
    .selectFrom("foundation_resource")
    .innerJoin("foundation", "foundation.id", "foundation_resource.foundation_id")
    .where("foundation_resource.foundation_id", "in", visibleResourceFoundations(db, userId));
  if (filter.level) q = q.where("foundation_resource.level", "=", filter.level);
  if (filter.pillar) q = q.where(sql<boolean>`${filter.pillar} = any(foundation_resource.pillars)`);
  if (filter.q?.trim()) {
    const like = containsPattern(filter.q.trim());
    q = q.where((eb) => eb.or([eb("foundation_resource.title", "ilike", like), eb("foundation_resource.note", "ilike", like)]));
  }
  return q
    .select([
      "foundation_resource.id",
      "foundation_resource.title",
      "foundation_resource.url",
      "foundation_resource.note",
      "foundation_resource.level",
      "foundation_resource.pillars",
      "foundation_resource.foundation_id",
      "foundation_resource.created_at",
      "foundation.name as foundation_name",
    ])
    .orderBy("foundation_resource.created_at", "desc")
    .limit(limit)
    .execute();
}

/** One page of the resources the caller's foundation shares, for those who manage them. */
export async function pageFoundationResources(db: Kysely<DB>, caller: Caller, page = 1, pageSize = 20) {
  const foundationId = foundationOf(caller, "manage:resource");
  return asCaller(db, caller, async (trx) => {
    const q = trx.selectFrom("foundation_resource").where("foundation_id", "=", foundationId);
    const [rows, total] = await Promise.all([
      q
        .selectAll()
        .orderBy("created_at", "desc")
        .orderBy("id")
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n), page, pageSize };
  });
}

export interface NewResource {
  title: string;
  url?: string | null;
  note?: string | null;
  level?: PracticeLevel | null;
  pillars: Pillar[];
}

export async function createFoundationResource(db: Kysely<DB>, caller: Caller, input: NewResource) {
  const foundationId = foundationOf(caller, "manage:resource");
  const actorId = caller.userId;
  const url = input.url?.trim() || null;
  const note = input.note?.trim() || null;
  if (!url && !note) throw new DomainError("learning.errors.resourceNeedsContent", "url");
  if (url && !/^https?:\/\/[^\s]+$/i.test(url)) throw new DomainError("learning.errors.url", "url");
  for (const p of input.pillars) if (!PILLARS.includes(p)) throw new DomainError("errors.required", "pillars");
  if (input.level && !PRACTICE_LEVELS.includes(input.level)) throw new DomainError("errors.required", "level");
  return asCaller(db, caller, async (trx) => {
    const row = await trx
      .insertInto("foundation_resource")
      .values({
        foundation_id: foundationId,
        title: input.title,
        url,
        note,
        level: input.level ?? null,
        pillars: input.pillars,
        created_by: actorId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: actorId,
      foundationId,
      action: "resource.created",
      objectType: "foundation_resource",
      objectId: row.id,
      after: { title: input.title },
    });
    return row.id;
  });
}
