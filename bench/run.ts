/**
 * `npm run bench`: seeds a portfolio-scale database, starts the production build on it and
 * measures pages, the plan save, the portfolio floor and PDF briefs. Writes
 * docs/benchmarks.json (one entry per engine) and docs/benchmarks.md from it.
 *
 *   npm run bench                                                   # PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench   # PostgreSQL
 *   BENCH_QUICK=1 npm run bench                                     # smoke run, writes bench/out/
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import type autocannon from "autocannon";
import { benchCaller, createBenchDatabase, FULL_SCALE, QUICK_SCALE, seed, BENCH_PASSWORD, type BenchDatabase } from "./seed";
import { startServer, type RunningServer } from "./lib/server";
import { procFile, processTree } from "../tests/support/server-process";
import { signIn, serverTiming, type Client } from "./lib/http";
import { percentile, runAtRate, sweep, type LoadPoint, type LoadTarget } from "./lib/load";
import { PGlitePool } from "../db/client";
import { portfolioPageData, parsePortfolioQuery } from "../app/domain/portfolio.server";
import { renderMarkdown, type BenchmarkFile } from "./report";
import type { DB } from "../db/schema";

const quick = process.env.BENCH_QUICK === "1";
/** BENCH_PROFILE=1: the server runs with --cpu-prof (bench/out/prof/), only the portfolio floor is measured, no docs are written. */
const profile = process.env.BENCH_PROFILE === "1";
/** BENCH_FLOOR_ONLY=1: only the portfolio floor, without the profiler; nothing is written. */
const floorOnly = profile || process.env.BENCH_FLOOR_ONLY === "1";
/** BENCH_SOAK_ONLY=1: the floor and the soak, nothing else; nothing is written. */
const soakOnly = process.env.BENCH_SOAK_ONLY === "1";
/** BENCH_ONLY=portfolio,grant: the floor and these page scenarios (`briefs`: the brief measurements), nothing else; nothing is written. */
const only = process.env.BENCH_ONLY?.split(",").filter(Boolean);
const databaseUrl = process.env.DATABASE_URL;
/**
 * Server processes (WEB_CONCURRENCY): the default, one, unless BENCH_WEB_CONCURRENCY says otherwise (PostgreSQL
 * only). On two cores a second process served no more (bench/notes.md, section 10).
 */
const webConcurrency = databaseUrl ? Number(process.env.BENCH_WEB_CONCURRENCY ?? 1) : 1;
const scale = quick ? QUICK_SCALE : FULL_SCALE;
const RATES = quick ? [10, 25, 50, 100] : [10, 25, 50, 100, 150, 200, 300];
const SECONDS = quick ? 3 : 8;
const FLOOR_N = quick ? 50 : 200;
const BRIEFS_TIMED = quick ? 5 : 30;
const BRIEFS_RSS = quick ? 20 : 200;
/** The portfolio's target rate, and the plan saves per second run beside it to measure pages computed after changes. */
const PORTFOLIO_TARGET_RATE = 50;
const SAVES_BESIDE_PORTFOLIO = 5;
/** The page load beside the briefs: well under the knee, so only the renders make the difference. */
const BRIEF_PAGE_RATE = 10;
/**
 * How long a figure with a target is measured on its own (the portfolio at its target rate, the page idle and
 * during renders). At 10 req/s, 8 s gave 80 samples, whose p97.5 is the second slowest request and moved between
 * 11 and 23 ms from run to run with nothing changed; at 50 req/s the p99 of 8 s is the fourth slowest.
 */
const TARGET_SECONDS = quick ? SECONDS : 30;
/** The soak: mixed reads and writes at a fixed rate (BENCH_SOAK_SECONDS=0 leaves it out). */
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? (quick ? 20 : 600));
const SOAK_MIX = { portfolio: 6, grant: 4, journey: 2, cohort: 2, library: 2, planSave: 4 } as const;
const outDir = quick ? path.resolve("bench/out") : path.resolve("docs");

const log = (...a: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const median = (v: number[]) => percentile(v, 50);
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/** The uuid seed.ts gives the `n`th row of a kind. */
function benchId(kind: string, n: number | string) {
  const h = createHash("md5").update(`${kind}-${n}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuild() {
  const built = "build/server/index.js";
  if (existsSync(built) && statSync(built).mtimeMs > newestMtime("app")) return;
  log("building the production bundle (npx remix vite:build)");
  execFileSync("npx", ["remix", "vite:build"], { stdio: "inherit" });
}

/** CPU time (user + system) of the server's processes so far, in ms (clock ticks of 10 ms). */
function cpuMs(rootPid: number) {
  return processTree(rootPid).reduce((ms, pid) => {
    const fields = procFile(pid, "stat").split(") ")[1]?.split(" ");
    return fields ? ms + (Number(fields[11]) + Number(fields[12])) * 10 : ms;
  }, 0);
}
/** Resident memory of the server's processes together. */
function rssMb(rootPid: number) {
  return processTree(rootPid).reduce((mb, pid) => mb + Number(/VmRSS:\s+(\d+) kB/.exec(procFile(pid, "status"))?.[1] ?? 0) / 1024, 0);
}

// ——— The portfolio floor: its loader's SQL alone, replayed through the driver ———

interface Captured {
  sql: string;
  parameters: readonly unknown[];
}

/** The loader's own statements: not the transactions (and their tenant settings) each part runs in. */
const isLoaderSql = (q: Captured) => !/^(begin|commit|rollback)$/i.test(q.sql.trim()) && !q.sql.trim().startsWith("select set_config(");

async function rawSqlFloor(bdb: BenchDatabase, foundationId: string, officerEmail: string, query: string) {
  let captured: Captured[] = [];
  const filters = parsePortfolioQuery(new URLSearchParams(query));
  if (bdb.engine === "postgres") {
    const pg = (await import("pg")).default;
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: `-c search_path=${bdb.env.DATABASE_SCHEMA}` });
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool }),
      log: (e) => void captured.push({ sql: e.query.sql, parameters: e.query.parameters }),
    });
    const caller = await benchCaller(db, officerEmail, foundationId);
    captured = [];
    await portfolioPageData(db, caller, filters);
    captured = captured.filter(isLoaderSql);
    const times: number[] = [];
    for (let i = 0; i < FLOOR_N + 10; i++) {
      const t0 = performance.now();
      // The loader runs its queries side by side (Promise.all); so does the replay.
      await Promise.all(captured.map((q) => pool.query(q.sql, q.parameters as unknown[])));
      if (i >= 10) times.push(performance.now() - t0);
    }
    await pool.end();
    return { statements: captured.length, times };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = new PGlite(path.join(bdb.env.DATA_DIR, "pglite"));
  await pglite.waitReady;
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }),
    log: (e) => void captured.push({ sql: e.query.sql, parameters: e.query.parameters }),
  });
  const caller = await benchCaller(db, officerEmail, foundationId);
  captured = [];
  await portfolioPageData(db, caller, filters);
  captured = captured.filter(isLoaderSql);
  const times: number[] = [];
  for (let i = 0; i < FLOOR_N + 10; i++) {
    const t0 = performance.now();
    for (const q of captured) await pglite.query(q.sql, q.parameters as unknown[]);
    if (i >= 10) times.push(performance.now() - t0);
  }
  await pglite.close();
  return { statements: captured.length, times };
}

async function timedGet(base: string, client: Client, p: string) {
  const t0 = performance.now();
  const res = await fetch(`${base}${p}`, { headers: { cookie: client.cookie, "accept-encoding": "gzip" } });
  const body = await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}`);
  return { ms, res, bytes: body.byteLength, body };
}

// ——— Main ———

async function main() {
  const started = Date.now();
  const loadAtStart = os.loadavg().map((n) => round(n, 2));
  ensureBuild();
  const bdb = await createBenchDatabase(databaseUrl);
  log(`engine ${bdb.engine}; seeding (${quick ? "quick" : "full"} scale)`);
  let server: RunningServer | undefined;
  const result: Record<string, unknown> = {};
  try {
    const d = await bdb.open();
    const summary = await seed(d.db, scale);
    await d.close();
    log(`seeded in ${summary.seconds.toFixed(1)} s`, summary.counts);

    // Raw SQL floor first: PGlite allows one process per data directory.
    const portfolioQuery = "";
    const raw = await rawSqlFloor(bdb, summary.foundationId, summary.officerEmail, portfolioQuery);
    log(`raw SQL floor: ${raw.statements} statements, p50 ${median(raw.times).toFixed(2)} ms`);

    const profileDir = path.resolve("bench/out/prof");
    server = await startServer(
      { ...(bdb.env as NodeJS.ProcessEnv), WEB_CONCURRENCY: String(webConcurrency) },
      profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
    );
    const base = server.base;
    const pid = server.process.pid!;
    log(`server at ${base} (pid ${pid}, ${webConcurrency} server process${webConcurrency > 1 ? "es" : ""})`);
    result.webConcurrency = webConcurrency;

    const officer = await signIn(base, summary.officerEmail, BENCH_PASSWORD);
    const facilitator = await signIn(base, summary.facilitatorEmail, BENCH_PASSWORD);
    const DIRECTORS = 20;
    const directors: Client[] = [];
    for (let n = 1; n <= DIRECTORS; n++) directors.push(await signIn(base, summary.directorEmail(n), BENCH_PASSWORD));

    // Warm up every page once (and check it answers 200).
    const grantIds = Array.from({ length: 50 }, (_, i) => benchId("grant", 1 + i * Math.floor(scale.grants / 50)));
    const pages = {
      portfolio: { client: officer, paths: ["/portfolio"] },
      portfolioFiltered: { client: officer, paths: ["/portfolio?status=active&year=2022&sort=planned&dir=desc&page=2"] },
      grant: { client: officer, paths: grantIds.map((id) => `/grants/${id}`) },
      journey: { client: officer, paths: Array.from({ length: 20 }, (_, i) => `/foundation/organisations/${benchId("org", 1 + i * 3)}/continuum`) },
      cohort: { client: facilitator, paths: Array.from({ length: 10 }, (_, i) => `/cohorts/${benchId("cohort", 1 + i)}`) },
      library: { client: officer, paths: ["/practices?q=peer", "/practices?q=supervision", "/practices?q=workload"] },
    };
    for (const [name, pg] of Object.entries(pages)) {
      for (const p of pg.paths.slice(0, 3)) {
        const r = await timedGet(base, pg.client, p);
        const html = new TextDecoder().decode(r.body);
        if (name === "journey" && !/<table|<ol|<ul/.test(html)) throw new Error("journey page without a journey");
      }
    }
    for (let i = 0; i < 20; i++) await timedGet(base, officer, "/portfolio");

    // ——— Portfolio floor: loader alone (Server-Timing app) and the full HTML response ———
    // A kept page (the same page again, nothing changed) and a computed one (a page not yet asked for:
    // the same statements as on the first view after a change, with another offset).
    const sequential = async (paths: (i: number) => string) => {
      const t = { loader: [] as number[], db: [] as number[], render: [] as number[], html: [] as number[] };
      const cpu = cpuMs(pid);
      for (let i = 0; i < FLOOR_N; i++) {
        const r = await timedGet(base, officer, paths(i));
        const st = serverTiming(r.res);
        t.loader.push(st.app);
        t.db.push(st.db);
        t.render.push(st.render);
        t.html.push(r.ms);
      }
      return { ...t, cpuMsPerRequest: (cpuMs(pid) - cpu) / FLOOR_N };
    };
    const kept = await sequential(() => `/portfolio${portfolioQuery}`);
    const computed = await sequential((i) => `/portfolio?page=${i + 2}`);
    const floor = {
      statements: raw.statements,
      rawSqlP50: round(median(raw.times), 2),
      dbP50: round(median(computed.db), 2),
      loaderP50: round(median(computed.loader), 2),
      renderP50: round(median(computed.render), 2),
      htmlP50: round(median(computed.html), 2),
      loaderOverRaw: round(median(computed.loader) / median(raw.times), 2),
      htmlOverLoader: round(median(computed.html) / median(computed.loader), 2),
      serverCpuMsPerRequest: round(computed.cpuMsPerRequest),
      keptDbP50: round(median(kept.db), 2),
      keptLoaderP50: round(median(kept.loader), 2),
      keptRenderP50: round(median(kept.render), 2),
      keptHtmlP50: round(median(kept.html), 2),
      keptServerCpuMsPerRequest: round(kept.cpuMsPerRequest),
    };
    result.floor = floor;
    log("portfolio floor", floor);
    if (floorOnly) {
      await server.stop();
      server = undefined;
      if (profile) log(`CPU profile in ${profileDir} (summarise with: npx tsx bench/profile-summary.ts ${profileDir})`);
      return;
    }

    // ——— Page scenarios at fixed rates ———
    const scenarios: Record<string, { points: LoadPoint[]; knee: number | null }> = {};
    const gzip = { "accept-encoding": "gzip" };
    const pageTarget = (pg: { client: Client; paths: string[] }): LoadTarget => ({
      cpuMs: () => cpuMs(pid),
      url: `${base}${pg.paths[0]}`,
      headers: { cookie: pg.client.cookie, ...gzip },
      requests: pg.paths.map((p) => ({ method: "GET", path: p })),
    });
    for (const [name, pg] of soakOnly ? [] : Object.entries(pages).filter(([n]) => !only || only.includes(n))) {
      scenarios[name] = await sweep(pageTarget(pg), RATES, SECONDS);
      log(name, JSON.stringify(scenarios[name]));
    }
    if (!soakOnly && (!only || only.includes("portfolio"))) {
      result.targetSeconds = TARGET_SECONDS;
      result.portfolioAtTarget = await runAtRate(pageTarget(pages.portfolio), PORTFOLIO_TARGET_RATE, TARGET_SECONDS);
      log(`portfolio at ${PORTFOLIO_TARGET_RATE} req/s for ${TARGET_SECONDS} s`, JSON.stringify(result.portfolioAtTarget));
    }

    // ——— Plan save: spread over the grants of 20 directors' organisations, one fresh version each ———
    const saveGrants: { org: number; grant: number; client: Client; version: number }[] = [];
    for (let n = 1; n <= DIRECTORS; n++) {
      for (let g = n; g <= scale.grants; g += scale.organisations) saveGrants.push({ org: n, grant: g, client: directors[n - 1], version: 1 });
    }
    let next = 0;
    const saveRequest: autocannon.Request = {
      method: "POST",
      // Each save sends the version last stored; only a saved plan moves it on. (Counting sends instead left a
      // grant's expected version ahead of the stored one after a refused save, and every later save was stale.)
      setupRequest: (req, context) => {
        const s = saveGrants[next++ % saveGrants.length];
        (context as { save?: unknown }).save = { grant: s, sent: s.version };
        const body = new URLSearchParams({
          csrf: s.client.csrf,
          version: String(s.version),
          "lines[0].pillar": "peer_support",
          "lines[0].purpose": "prevention",
          "lines[0].description": "Peer circles",
          "lines[0].amount": "100.00",
          "lines[1].pillar": "supervision",
          "lines[1].amount": "50.00",
        }).toString();
        return {
          ...req,
          method: "POST",
          path: `/organisations/${benchId("org", s.org)}/grants/${benchId("grant", s.grant)}`,
          // Not compressed: a conflict's page is read for the stored version.
          headers: { cookie: s.client.cookie, "content-type": "application/x-www-form-urlencoded", origin: base },
          body,
        };
      },
      onResponse: (status, body, context) => {
        const { grant, sent } = (context as { save: { grant: (typeof saveGrants)[number]; sent: number } }).save;
        if (status === 302) grant.version = Math.max(grant.version, sent + 1);
        // A conflict (a save whose answer the load generator missed, or two at once) shows the stored version,
        // as it does a person: take it, as they would on reloading.
        const stored = status === 409 ? /name="version" value="(\d+)"/.exec(body)?.[1] : undefined;
        if (stored) grant.version = Math.max(grant.version, Number(stored));
      },
    };
    // A run stops with saves in flight whose answers it never reads; before the next, every grant's stored
    // version is read from its page, as its director would see it.
    const readVersions = async () => {
      for (const g of saveGrants) {
        const page = await timedGet(base, g.client, `/organisations/${benchId("org", g.org)}/grants/${benchId("grant", g.grant)}`);
        const stored = /name="version" value="(\d+)"/.exec(new TextDecoder().decode(page.body))?.[1];
        if (stored) g.version = Number(stored);
      }
    };
    const saveTarget: LoadTarget = { cpuMs: () => cpuMs(pid), url: base, method: "POST", requests: [saveRequest], ok: [302], prepare: readVersions };
    if (only && !only.includes("briefs")) {
      await server.stop();
      server = undefined;
      return;
    }
    if (!soakOnly && !only) {
      const save20 = await runAtRate(saveTarget, 20, SECONDS * 2);
      log("plan save at 20 req/s", JSON.stringify(save20));
      const saveSweep = await sweep(saveTarget, RATES, SECONDS);
      log("plan save sweep", JSON.stringify(saveSweep));
      scenarios.planSave = saveSweep;
      // Kept pages last only until the next change: the portfolio at its target rate while directors save plans
      // (each save moves the portfolio version, so the next view computes the page again).
      await readVersions();
      const [whileSaving, savesMeanwhile] = await Promise.all([
        runAtRate(pageTarget(pages.portfolio), PORTFOLIO_TARGET_RATE, SECONDS * 2),
        runAtRate({ ...saveTarget, prepare: undefined, cpuMs: undefined }, SAVES_BESIDE_PORTFOLIO, SECONDS * 2),
      ]);
      result.portfolioWhileSaving = { portfolio: whileSaving, saves: savesMeanwhile };
      log("portfolio while plans are saved", JSON.stringify(result.portfolioWhileSaving));
      result.planSave20 = save20;
      result.scenarios = scenarios;
      result.planSaveGrants = saveGrants.length;
    }
    if (!soakOnly) {
      // ——— Briefs ———
      const briefPath = `/cohorts/${benchId("cohort", 1)}/brief.pdf`;
      const first = await timedGet(base, facilitator, briefPath);
      const pdfPages = (new TextDecoder("latin1").decode(first.body).match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      const briefMs: number[] = [];
      for (let i = 0; i < BRIEFS_TIMED; i++) briefMs.push((await timedGet(base, facilitator, briefPath)).ms);
      const portfolioTarget: LoadTarget = { cpuMs: () => cpuMs(pid), url: `${base}/portfolio`, headers: { cookie: officer.cookie, ...gzip } };
      const idle = await runAtRate(portfolioTarget, BRIEF_PAGE_RATE, TARGET_SECONDS);
      let rendering = true;
      let duringBriefs = 0;
      const renderLoop = async () => {
        while (rendering) {
          await timedGet(base, facilitator, briefPath);
          duringBriefs++;
        }
      };
      const loops = [renderLoop(), renderLoop()];
      await new Promise((r) => setTimeout(r, 300));
      const busy = await runAtRate(portfolioTarget, BRIEF_PAGE_RATE, TARGET_SECONDS);
      rendering = false;
      await Promise.all(loops);
      // RSS after the pool has settled, then after BRIEFS_RSS more briefs (two at a time) and the same settling; peak sampled meanwhile.
      const settle = () => new Promise((r) => setTimeout(r, 2000));
      await settle();
      const rssBefore = rssMb(pid);
      let rssPeak = rssBefore;
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(pid))), 250);
      for (let i = 0; i < BRIEFS_RSS; i += 2) await Promise.all([timedGet(base, facilitator, briefPath), timedGet(base, facilitator, briefPath)]);
      clearInterval(sampler);
      await settle();
      const rssAfter = rssMb(pid);
      result.briefs = {
        pages: pdfPages,
        bytes: first.bytes,
        p50: round(median(briefMs)),
        p95: round(percentile(briefMs, 95)),
        n: BRIEFS_TIMED,
        pageIdle: idle,
        pageDuringTwoRenders: busy,
        briefsDuringLoad: duringBriefs,
        rssBeforeMb: round(rssBefore),
        rssAfterMb: round(rssAfter),
        rssGrowthMb: round(rssAfter - rssBefore),
        rssPeakMb: round(rssPeak),
        briefsForRss: BRIEFS_RSS,
      };
      log("briefs", JSON.stringify(result.briefs));
    }
    if (only) {
      await server.stop();
      server = undefined;
      return;
    }

    // ——— Soak: every scenario at once at a modest fixed rate; errors and the server's RSS over time ———
    if (SOAK_SECONDS > 0) {
      const total = Object.values(SOAK_MIX).reduce((a, b) => a + b, 0);
      log(`soak: ${total} req/s for ${SOAK_SECONDS} s`, JSON.stringify(SOAK_MIX));
      const samples: { seconds: number; rssMb: number }[] = [];
      const soakStart = performance.now();
      const sample = () => samples.push({ seconds: round((performance.now() - soakStart) / 1000, 0), rssMb: round(rssMb(pid)) });
      sample();
      const sampler = setInterval(sample, 5000);
      const soakCpu = cpuMs(pid);
      // Per-part CPU is meaningless while all run together; the whole soak's is computed below.
      const withoutCpu = (t: LoadTarget): LoadTarget => ({ ...t, cpuMs: undefined });
      const names = Object.keys(SOAK_MIX) as (keyof typeof SOAK_MIX)[];
      const points = await Promise.all(
        names.map((name) => runAtRate(withoutCpu(name === "planSave" ? saveTarget : pageTarget(pages[name])), SOAK_MIX[name], SOAK_SECONDS)),
      );
      clearInterval(sampler);
      sample();
      const served = points.reduce((n, p) => n + p.throughput * SOAK_SECONDS, 0);
      const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
      // "Flat": the last minute's RSS against the second minute's (the first is warm-up).
      const secondMinute = mean(samples.filter((x) => x.seconds >= 60 && x.seconds < 120).map((x) => x.rssMb));
      const lastMinute = mean(samples.filter((x) => x.seconds >= SOAK_SECONDS - 60).map((x) => x.rssMb));
      const soak = {
        seconds: SOAK_SECONDS,
        mix: SOAK_MIX,
        parts: Object.fromEntries(names.map((n, i) => [n, points[i]])),
        errors: points.reduce((n, p) => n + p.errors + p.non2xx, 0),
        requests: Math.round(served),
        serverCpuMsPerRequest: round((cpuMs(pid) - soakCpu) / Math.max(1, served)),
        rssSecondMinuteMb: round(secondMinute),
        rssLastMinuteMb: round(lastMinute),
        rssMaxMb: round(Math.max(...samples.map((x) => x.rssMb))),
        rssSamples: samples,
      };
      result.soak = soak;
      log("soak", JSON.stringify({ ...soak, rssSamples: `${samples.length} samples` }));
      if (soak.errors)
        log(
          "server errors:\n" +
            server
              .log()
              .split("\n")
              .filter((l) => /error/i.test(l))
              .slice(-20)
              .join("\n"),
        );
    }

    await server.stop();
    server = undefined;

    // ——— Allowance breaches after the saves ———
    const check = await bdb.open();
    const breaches = await sql<{ n: number }>`select count(*)::int n from "grant" g join grant_line gl on gl.id = g.grant_line_id
      where coalesce((select sum(amount_cents) from plan_line pl where pl.grant_id = g.id), 0) >
        (case when gl.kind = 'dedicated' then coalesce(g.awarded_cents, 0) else (g.proposed_budget_cents * gl.allowance_bps) / 10000 end)`.execute(check.db);
    const saves = await sql<{ n: number }>`select count(*)::int n from audit_event where action = 'plan.saved'`.execute(check.db);
    await check.close();
    result.allowanceBreaches = breaches.rows[0].n;
    result.planSavesRecorded = saves.rows[0].n;
    log(`allowance breaches: ${breaches.rows[0].n}; plan saves recorded: ${saves.rows[0].n}`);

    result.counts = summary.counts;
    result.seedSeconds = round(summary.seconds);
  } finally {
    if (server) await server.stop();
    await bdb.drop();
  }

  if (soakOnly) return;
  const entry = {
    engine: bdb.engine,
    quick,
    date: new Date().toISOString(),
    command: `${databaseUrl ? `DATABASE_URL=${databaseUrl.replace(/:\/\/([^:@/]+):[^@]*@/, "://$1@")} ` : ""}${quick ? "BENCH_QUICK=1 " : ""}npm run bench`,
    machine: {
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? "",
      memoryGb: round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
    },
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: os.loadavg().map((n) => round(n, 2)),
    rates: RATES,
    secondsPerRate: SECONDS,
    durationSeconds: Math.round((Date.now() - started) / 1000),
    ...result,
  };
  mkdirSync(outDir, { recursive: true });
  const jsonPath = path.join(outDir, "benchmarks.json");
  const all: BenchmarkFile = existsSync(jsonPath) ? (JSON.parse(readFileSync(jsonPath, "utf8")) as BenchmarkFile) : { runs: {} };
  all.runs[bdb.engine] = entry;
  writeFileSync(jsonPath, JSON.stringify(all, null, 2) + "\n");
  writeFileSync(path.join(outDir, "benchmarks.md"), renderMarkdown(all));
  log(`wrote ${path.relative(process.cwd(), jsonPath)} and benchmarks.md (${entry.durationSeconds} s)`);
}

await main();
