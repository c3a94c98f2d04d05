/**
 * The benchmark's database at portfolio scale, written with set-based SQL
 * (`insert … select … from generate_series`). Ids are derived from md5 of a label and a
 * number, so every table can refer to another without reading it back.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { openDatabase, type Database } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { hashPassword } from "../app/utils/password.server";
import { listMemberships } from "../app/domain/memberships.server";
import { callerFor, type Caller } from "../app/domain/permissions.server";
import type { DB } from "../db/schema";

export const BENCH_PASSWORD = "bench-password-1234";

export interface Scale {
  officers: number;
  organisations: number;
  grants: number;
  planLinesPerGrant: number;
  assessmentsPerOrganisation: number;
  cohorts: number;
  sessions: number;
  /** Cohort 1 (the one whose brief is timed) has this many of the sessions; the others share the rest. */
  briefCohortSessions: number;
  threadsPerCohort: number;
  postsPerThread: number;
  organisationsPerCohort: number;
}

export const FULL_SCALE: Scale = {
  officers: 40,
  organisations: 2000,
  grants: 5000,
  planLinesPerGrant: 4, // 20,000
  assessmentsPerOrganisation: 3, // 6,000
  cohorts: 100,
  sessions: 1500,
  briefCohortSessions: 55, // a 5-page brief; the other 99 cohorts have 14 or 15 each
  threadsPerCohort: 10,
  postsPerThread: 30, // 30,000
  organisationsPerCohort: 10,
};

export const QUICK_SCALE: Scale = {
  officers: 10,
  organisations: 200,
  grants: 500,
  planLinesPerGrant: 4,
  assessmentsPerOrganisation: 3,
  cohorts: 10,
  sessions: 150,
  briefCohortSessions: 55,
  threadsPerCohort: 5,
  postsPerThread: 20,
  organisationsPerCohort: 10,
};

/** The deterministic uuid of the `n`th row of a kind (same expression in SQL and in JS). */
export const idSql = (kind: string, n: ReturnType<typeof sql> | string) => sql`md5(${kind} || '-' || ${typeof n === "string" ? sql.raw(n) : n})::uuid`;

export interface BenchDatabase {
  engine: "pglite" | "postgres";
  /** Environment for the server process. */
  env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

/** A fresh, empty, migrated database: a temporary PGlite directory, or a new schema on DATABASE_URL. */
export async function createBenchDatabase(databaseUrl?: string): Promise<BenchDatabase> {
  if (databaseUrl) {
    const schema = `bench_${Date.now()}`;
    const admin = await openDatabase({ databaseUrl, poolSize: 1 });
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    await admin.close();
    const open = () => openDatabase({ databaseUrl, schema, poolSize: 4 });
    const d = await open();
    await migrateToLatest(d.db, schema);
    await d.close();
    return {
      engine: "postgres",
      env: { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema },
      open,
      drop: async () => {
        const a = await openDatabase({ databaseUrl, poolSize: 1 });
        await sql`drop schema ${sql.id(schema)} cascade`.execute(a.db);
        await a.close();
      },
    };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "sts-bench-"));
  const open = () => openDatabase({ dataDir: path.join(dataDir, "pglite") });
  const d = await open();
  await migrateToLatest(d.db);
  await d.close();
  return {
    engine: "pglite",
    env: { DATA_DIR: dataDir },
    open,
    drop: () => {
      rmSync(dataDir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

export const FOUNDATION_ID_SQL = idSql("foundation", "1");

export interface SeedSummary {
  foundationId: string;
  officerEmail: string;
  adminEmail: string;
  facilitatorEmail: string;
  directorEmail: (n: number) => string;
  counts: Record<string, number>;
  seconds: number;
}

const x = (q: ReturnType<typeof sql>, db: Kysely<DB>) => q.execute(db);

export async function seed(db: Kysely<DB>, s: Scale): Promise<SeedSummary> {
  const started = performance.now();
  const hash = await hashPassword(BENCH_PASSWORD);
  const F = FOUNDATION_ID_SQL;
  const org = (n: string) => idSql("org", n);
  const usr = (kind: string, n: string) => idSql(kind, n);

  await x(sql`insert into foundation (id, name, default_allowance_bps, min_group_size) values (${F}, 'Bench Foundation', 1000, 5)`, db);
  // Officers (program officers), one admin, one facilitator, one director per organisation.
  await x(
    sql`insert into app_user (id, email, name, password_hash, password_changed_at)
    select ${usr("officer", "i::text")}, 'officer' || i || '@bench.test', 'Officer ' || lpad(i::text, 3, '0'), ${hash}, now()
    from generate_series(1, ${s.officers}) i`,
    db,
  );
  await x(
    sql`insert into app_user (id, email, name, password_hash, password_changed_at) values
    (${usr("admin", "'1'")}, 'admin@bench.test', 'Bench Admin', ${hash}, now()),
    (${usr("facilitator", "'1'")}, 'facilitator@bench.test', 'Bench Facilitator', ${hash}, now())`,
    db,
  );
  await x(
    sql`insert into app_user (id, email, name, password_hash, password_changed_at)
    select ${usr("director", "i::text")}, 'director' || i || '@bench.test', 'Director ' || i, ${hash}, now()
    from generate_series(1, ${s.organisations}) i`,
    db,
  );
  await x(
    sql`insert into organisation (id, name)
    select ${org("i::text")}, (array['Riverside','Harbour','Northside','Safe Passage','Open Door','Lantern','Bridge','Haven'])[1 + i % 8] || ' Services ' || lpad(i::text, 4, '0')
    from generate_series(1, ${s.organisations}) i`,
    db,
  );
  await x(
    sql`insert into membership (user_id, foundation_id, role)
    select ${usr("officer", "i::text")}, ${F}, 'program_officer' from generate_series(1, ${s.officers}) i
    union all select ${usr("admin", "'1'")}, ${F}, 'admin'`,
    db,
  );
  await x(
    sql`insert into membership (user_id, organisation_id, role)
    select ${usr("director", "i::text")}, ${org("i::text")}, 'director' from generate_series(1, ${s.organisations}) i`,
    db,
  );
  await x(sql`insert into grantee (foundation_id, organisation_id) select ${F}, ${org("i::text")} from generate_series(1, ${s.organisations}) i`, db);

  // Ten grant lines: five fiscal years, a dedicated and an enhancement line each.
  await x(
    sql`insert into grant_line (id, foundation_id, name, fiscal_year, kind, allowance_bps)
    select ${idSql("line", "i::text")}, ${F},
      case when i % 2 = 0 then 'Dedicated STS ' else 'Program enhancement ' end || (2020 + i / 2),
      2020 + i / 2, case when i % 2 = 0 then 'dedicated' else 'enhancement' end,
      case when i % 2 = 0 then null else 1000 end
    from generate_series(0, 9) i`,
    db,
  );
  // Grant i: organisation 1 + (i-1) % organisations, line i % 10, officer 1 + i % officers.
  await x(
    sql`insert into "grant" (id, foundation_id, grant_line_id, organisation_id, title, proposed_budget_cents, awarded_cents,
      starts_on, ends_on, status, officer_user_id, plan_version)
    select ${idSql("grant", "i::text")}, ${F}, ${idSql("line", "(i % 10)::text")}, ${org("(1 + (i - 1) % " + s.organisations + ")::text")},
      (array['Counselling','Outreach','Legal aid','Shelter','Training','Case management'])[1 + i % 6] || ' programme ' || i,
      1000000 + (i * 7919 % 100) * 100000,
      case when i % 2 = 0 or i % 3 = 0 then 200000 + (i * 104729 % 50) * 10000 else null end,
      date '2020-01-01' + (i % 5) * 365, date '2020-12-31' + (i % 5) * 365,
      (array['proposed','active','closed'])[1 + i % 3], ${usr("officer", "(1 + i % " + s.officers + ")::text")}, 1
    from generate_series(1, ${s.grants}) i`,
    db,
  );
  // Plan lines: each grant's lines add up to 80% of its allowance (dedicated lines without an award get none).
  await x(
    sql`insert into plan_line (grant_id, position, pillar, purpose, description, amount_cents, practice_id)
    select g.id, p.n - 1,
      (array['leadership','workload','workspace','supervision','peer_support','individualisation'])[1 + (p.n + g.seq) % 6],
      (array['education','prevention','mitigation', null])[1 + (p.n + g.seq) % 4],
      'Planned activity ' || p.n,
      greatest(1, (case when gl.kind = 'dedicated' then coalesce(g.awarded_cents, 0) else g.proposed_budget_cents * gl.allowance_bps / 10000 end) / ${s.planLinesPerGrant + 1}),
      null
    from (select id, grant_line_id, awarded_cents, proposed_budget_cents, row_number() over (order by id) seq from "grant") g
    join grant_line gl on gl.id = g.grant_line_id
    cross join generate_series(1, ${s.planLinesPerGrant}) p(n)
    where gl.kind = 'enhancement' or g.awarded_cents is not null`,
    db,
  );

  // Self-assessments: finished ones per organisation (answers first, frozen afterwards), a draft for some.
  await x(sql`alter table continuum_pillar_answer disable trigger continuum_answer_frozen`, db);
  await x(
    sql`insert into continuum_assessment (id, organisation_id, status, reflection, next_steps, started_by, finished_by, created_at, updated_at, finished_at)
    select ${idSql("assessment", "(o * 10 + k)::text")}, ${org("o::text")}, 'finished', 'What we noticed this year.', 'Keep the peer circles.',
      ${usr("director", "o::text")}, ${usr("director", "o::text")},
      now() - (k * 200 + o % 30) * interval '1 day', now() - (k * 200 + o % 30) * interval '1 day', now() - (k * 200 + o % 30) * interval '1 day'
    from generate_series(1, ${s.organisations}) o cross join generate_series(1, ${s.assessmentsPerOrganisation}) k`,
    db,
  );
  await x(
    sql`insert into continuum_pillar_answer (assessment_id, pillar, stage, note)
    select a.id, p.pillar, (array['blindness','pre_competence','competence','proficiency'])[1 + (abs(hashtext(a.id::text || p.pillar)) % 4)], ''
    from continuum_assessment a
    cross join unnest(array['leadership','workload','workspace','supervision','peer_support','individualisation']) p(pillar)`,
    db,
  );
  await x(sql`alter table continuum_pillar_answer enable trigger continuum_answer_frozen`, db);
  // A third of the organisations share their journey with the foundation.
  await x(
    sql`insert into continuum_share (organisation_id, foundation_id, granted_by)
    select ${org("o::text")}, ${F}, ${usr("director", "o::text")} from generate_series(1, ${s.organisations}) o where o % 3 = 1`,
    db,
  );
  await x(
    sql`insert into foundation_self_assessment (foundation_id, user_id, role, foundation_understanding, learning_together, funding_support, needs_differ, own_understanding, comment, created_at)
    select ${F}, ${usr("officer", "i::text")}, 'program_officer',
      (array['blindness','pre_competence','competence','proficiency'])[1 + i % 4], (array['blindness','pre_competence','competence','proficiency'])[1 + (i + 1) % 4],
      (array['blindness','pre_competence','competence','proficiency'])[1 + (i + 2) % 4], (array['blindness','pre_competence','competence','proficiency'])[1 + (i + 3) % 4],
      (array['blindness','pre_competence','competence','proficiency'])[1 + i % 4], '', now() - (i % 3) * interval '100 days'
    from generate_series(1, ${s.officers}) i`,
    db,
  );

  // Cohorts: organisations (accepted) with their directors as members, sessions with attendance, pins, threads and posts.
  await x(
    sql`insert into cohort (id, foundation_id, name, purpose, starts_on, ends_on, created_by)
    select ${idSql("cohort", "c::text")}, ${F}, 'Learning circle ' || lpad(c::text, 3, '0'), 'Peer learning on secondary traumatic stress.',
      current_date - 200 + c, current_date + 200 + c, ${usr("admin", "'1'")}
    from generate_series(1, ${s.cohorts}) c`,
    db,
  );
  await x(
    sql`insert into cohort_facilitator (cohort_id, user_id)
    select ${idSql("cohort", "c::text")}, ${usr("facilitator", "'1'")} from generate_series(1, ${s.cohorts}) c`,
    db,
  );
  const cohortOrg = `(1 + ((c - 1) * ${s.organisationsPerCohort} + k - 1) % ${s.organisations})`;
  await x(
    sql`insert into cohort_organisation (cohort_id, organisation_id, invited_by, accepted_by, accepted_at)
    select ${idSql("cohort", "c::text")}, ${org(cohortOrg + "::text")}, ${usr("admin", "'1'")}, ${usr("director", cohortOrg + "::text")}, now()
    from generate_series(1, ${s.cohorts}) c cross join generate_series(1, ${s.organisationsPerCohort}) k
    on conflict do nothing`,
    db,
  );
  await x(
    sql`insert into cohort_member (cohort_id, user_id, organisation_id, added_by)
    select co.cohort_id, m.user_id, co.organisation_id, m.user_id
    from cohort_organisation co join membership m on m.organisation_id = co.organisation_id`,
    db,
  );
  await x(
    sql`insert into cohort_session (id, cohort_id, title, starts_at, duration_minutes, time_zone, place, agenda, created_by, reminder_claimed_at)
    select ${idSql("session", "(c * 1000 + k)::text")}, ${idSql("cohort", "c::text")}, 'Session ' || k || ': peer support in practice',
      now() + (k - 8) * interval '14 days', 90, 'America/Chicago', 'Community room', 'Introductions\nSmall groups\nWhat we take home', ${usr("admin", "'1'")},
      case when k < 8 then now() + (k - 9) * interval '14 days' end
    from generate_series(1, ${s.cohorts}) c
    cross join lateral generate_series(1, case when c = 1 then ${s.briefCohortSessions}::int when c - 1 <= ${(s.sessions - s.briefCohortSessions) % (s.cohorts - 1)}::int then ${Math.floor((s.sessions - s.briefCohortSessions) / (s.cohorts - 1)) + 1}::int else ${Math.floor((s.sessions - s.briefCohortSessions) / (s.cohorts - 1))}::int end) k`,
    db,
  );
  await x(
    sql`insert into session_rsvp (session_id, user_id, response, responded_at, attended)
    select s.id, m.user_id, 'yes', now(), case when s.starts_at < now() then true end
    from cohort_session s join cohort_member m on m.cohort_id = s.cohort_id`,
    db,
  );
  await x(
    sql`insert into cohort_pin (cohort_id, practice_id, note, pinned_by)
    select c.id, p.id, 'Worth trying together.', ${usr("admin", "'1'")}
    from cohort c cross join lateral (select id from practice where tier <> 'contraindicated' order by position limit 6) p`,
    db,
  );
  await x(
    sql`insert into cohort_thread (id, cohort_id, title, created_by, created_at, last_post_at)
    select ${idSql("thread", "(c * 1000 + t)::text")}, ${idSql("cohort", "c::text")}, 'Thread ' || t || ': what helped this month', ${usr("facilitator", "'1'")},
      now() - (t + 30) * interval '1 day', now() - t * interval '1 day'
    from generate_series(1, ${s.cohorts}) c cross join generate_series(1, ${s.threadsPerCohort}) t`,
    db,
  );
  await x(
    sql`insert into cohort_post (thread_id, cohort_id, author_id, body, created_at)
    select t.id, t.cohort_id, ${usr("facilitator", "'1'")},
      'We tried a short debrief after hard cases and it helped. Post ' || p || E'.\n\nWhat did your team notice?',
      t.created_at + p * interval '1 hour'
    from cohort_thread t cross join generate_series(1, ${s.postsPerThread}) p`,
    db,
  );

  await x(sql`analyze`, db);
  const count = async (table: string) => {
    const r = await sql<{ n: number }>`select count(*)::int n from ${sql.table(table)}`.execute(db);
    return r.rows[0].n;
  };
  const counts: Record<string, number> = {};
  for (const t of [
    "organisation",
    "app_user",
    "grant",
    "plan_line",
    "continuum_assessment",
    "foundation_self_assessment",
    "continuum_share",
    "cohort",
    "cohort_session",
    "cohort_thread",
    "cohort_post",
  ]) {
    counts[t] = await count(t);
  }
  const foundationId = (await sql<{ id: string }>`select ${F}::text id`.execute(db)).rows[0].id;
  return {
    foundationId,
    officerEmail: "officer1@bench.test",
    adminEmail: "admin@bench.test",
    facilitatorEmail: "facilitator@bench.test",
    directorEmail: (n) => `director${n}@bench.test`,
    counts,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The caller a domain function receives when the person with this email acts for the tenant, from their stored membership. */
export async function benchCaller(db: Kysely<DB>, email: string, tenantId: string): Promise<Caller> {
  const user = await db.selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  const membership = (await listMemberships(db, user.id)).find((m) => m.tenantId === tenantId);
  if (!membership) throw new Error(`${email} has no membership of ${tenantId}`);
  return callerFor(user.id, membership);
}

/** `tsx bench/seed.ts` seeds a throwaway database and prints the counts (a check of the seed alone). */
if (process.argv[1]?.endsWith("seed.ts")) {
  const quick = process.env.BENCH_QUICK === "1";
  const bdb = await createBenchDatabase(process.env.DATABASE_URL);
  const d = await bdb.open();
  try {
    const summary = await seed(d.db, quick ? QUICK_SCALE : FULL_SCALE);
    console.log(bdb.engine, summary.seconds.toFixed(1), "s", summary.counts);
  } finally {
    await d.close();
    await bdb.drop();
  }
}
