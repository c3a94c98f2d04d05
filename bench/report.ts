/** docs/benchmarks.md from docs/benchmarks.json (every engine's latest run) and bench/notes.md. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { LoadPoint } from "./lib/load";

interface Entry {
  engine: string;
  quick: boolean;
  date: string;
  command: string;
  webConcurrency?: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  rates: number[];
  secondsPerRate: number;
  durationSeconds: number;
  loadAverageAtStart?: number[];
  loadAverageAtEnd?: number[];
  counts?: Record<string, number>;
  seedSeconds?: number;
  floor?: Record<string, number>;
  scenarios?: Record<string, { points: LoadPoint[]; knee: number | null }>;
  planSave20?: LoadPoint;
  /** The portfolio at its target rate, measured on its own for longer than a sweep's window. */
  portfolioAtTarget?: LoadPoint;
  targetSeconds?: number;
  portfolioWhileSaving?: { portfolio: LoadPoint; saves: LoadPoint };
  planSaveGrants?: number;
  allowanceBreaches?: number;
  planSavesRecorded?: number;
  briefs?: {
    pages: number;
    bytes: number;
    p50: number;
    p95: number;
    n: number;
    pageIdle: LoadPoint;
    pageDuringTwoRenders: LoadPoint;
    briefsDuringLoad: number;
    rssBeforeMb: number;
    rssAfterMb: number;
    rssGrowthMb: number;
    rssPeakMb?: number;
    briefsForRss: number;
  };
  soak?: {
    seconds: number;
    mix: Record<string, number>;
    parts: Record<string, LoadPoint>;
    errors: number;
    requests: number;
    serverCpuMsPerRequest: number;
    rssSecondMinuteMb: number;
    rssLastMinuteMb: number;
    rssMaxMb: number;
    rssSamples: { seconds: number; rssMb: number }[];
  };
}

const SCENARIOS: Record<string, string> = {
  portfolio: "Portfolio, first page (program officer) — `/portfolio`",
  portfolioFiltered: "Portfolio, filtered and sorted page (program officer) — `/portfolio?status=active&year=2022&sort=planned&dir=desc&page=2`",
  grant: "Grant page (program officer) — `/grants/:id`, 50 grants in turn",
  journey: "An organisation's shared journey (program officer) — `/foundation/organisations/:id/continuum`, 20 organisations in turn",
  cohort: "Cohort page with its discussion (facilitator) — `/cohorts/:id`, 10 cohorts in turn",
  library: "Library search — `/practices?q=…`, 3 queries in turn",
  planSave: "Plan save (directors) — `POST /organisations/:id/grants/:id`, spread over the grants of 20 organisations",
};

const HEAD =
  "| Rate (req/s) | p50 (ms) | p97.5 (ms) | p99 (ms) | Throughput (req/s) | Errors | Server CPU per request (ms) | Load generator CPU per request (ms) |";
const SEP = "|---|---|---|---|---|---|---|---|";
const f = (n: number | undefined, d = 1) => (n === undefined || Number.isNaN(n) ? "—" : n.toFixed(d));
const mark = (ok: boolean) => (ok ? "pass" : "**miss**");

function pointRow(p: LoadPoint) {
  return `| ${p.rate} | ${f(p.p50, 0)} | ${f(p.p975, 0)} | ${f(p.p99, 0)} | ${f(p.throughput, 1)} | ${p.errors + p.non2xx} | ${f(p.cpuMsPerRequest)} | ${f(p.generatorCpuMsPerRequest)} |`;
}

export function targets(e: Entry) {
  // Runs before the window of its own have only the sweep's 8 s at 50 req/s.
  const at50 = e.portfolioAtTarget ?? e.scenarios?.portfolio?.points.find((p) => p.rate === 50);
  const knee = e.scenarios?.portfolio?.knee ?? null;
  const maxRate = Math.max(...(e.rates ?? [0]));
  const b = e.briefs;
  const rows: [string, string, boolean][] = [];
  if (at50) {
    rows.push(["Portfolio at 50 req/s: p50 ≤ 15 ms", `${f(at50.p50, 0)} ms`, at50.p50 <= 15]);
    rows.push(["Portfolio at 50 req/s: p97.5 ≤ 40 ms", `${f(at50.p975, 0)} ms`, at50.p975 <= 40]);
    rows.push(["Portfolio at 50 req/s: p99 ≤ 80 ms", `${f(at50.p99, 0)} ms`, at50.p99 <= 80]);
  }
  rows.push(["Portfolio knee ≥ 150 req/s", knee === null ? `none up to ${maxRate} req/s` : `${knee} req/s`, knee === null ? maxRate >= 150 : knee >= 150]);
  if (e.floor) {
    rows.push(["Loader ≤ 5× its raw-SQL floor (page computed, not kept)", `${f(e.floor.loaderOverRaw, 2)}×`, e.floor.loaderOverRaw <= 5]);
    rows.push(["Full HTML ≤ 3× the loader (page computed, not kept)", `${f(e.floor.htmlOverLoader, 2)}×`, e.floor.htmlOverLoader <= 3]);
  }
  if (e.planSave20) {
    const s = e.planSave20;
    rows.push(["Plan save at 20 req/s: p97.5 ≤ 60 ms", `${f(s.p975, 0)} ms`, s.p975 <= 60]);
    rows.push(["Plan save at 20 req/s: 0 errors", String(s.errors + s.non2xx), s.errors + s.non2xx === 0]);
    rows.push(["Plan save: 0 allowance breaches", String(e.allowanceBreaches), e.allowanceBreaches === 0]);
  }
  if (b) {
    rows.push([`${b.pages}-page cohort brief p95 ≤ 2 s`, `${f(b.p95, 0)} ms`, b.p95 <= 2000]);
    const ratio = b.pageDuringTwoRenders.p975 / b.pageIdle.p975;
    rows.push(["Page p97.5 during two renders ≤ 2× idle", `${f(b.pageDuringTwoRenders.p975, 0)} vs ${f(b.pageIdle.p975, 0)} ms (${f(ratio, 2)}×)`, ratio <= 2]);
    rows.push([`RSS growth ≤ 50 MB over ${b.briefsForRss} briefs`, `${f(b.rssGrowthMb)} MB`, b.rssGrowthMb <= 50]);
  }
  const soak = e.soak;
  if (soak) {
    const minutes = Math.round(soak.seconds / 60);
    rows.push([`Soak (${minutes} min of mixed reads and writes): 0 errors`, `${soak.errors} of ${soak.requests.toLocaleString("en")}`, soak.errors === 0]);
    const growth = soak.rssLastMinuteMb / soak.rssSecondMinuteMb - 1;
    rows.push([
      "Soak: flat memory (RSS in the last minute at most 10% above the second minute)",
      `${f(soak.rssSecondMinuteMb)} → ${f(soak.rssLastMinuteMb)} MB (${growth >= 0 ? "+" : ""}${f(growth * 100)}%)`,
      growth <= 0.1,
    ]);
  }
  return rows;
}

function engineSection(e: Entry) {
  const out: string[] = [];
  const name = e.engine === "postgres" ? "PostgreSQL" : "PGlite";
  out.push(`## ${name}${e.quick ? " (quick smoke run)" : ""}`, "");
  out.push(`- Command: \`${e.command}\``);
  out.push(`- Date: ${e.date}; run took ${e.durationSeconds} s; ${e.secondsPerRate} s per rate`);
  if (e.loadAverageAtStart)
    out.push(`- Load average (1, 5, 15 min) of the machine at the start: ${e.loadAverageAtStart.join(", ")}; at the end: ${e.loadAverageAtEnd?.join(", ")}`);
  if (e.webConcurrency) out.push(`- Server processes (WEB_CONCURRENCY): ${e.webConcurrency}`);
  out.push(`- Machine: ${e.machine.cpus} cores (${e.machine.cpuModel}), ${e.machine.memoryGb} GB memory, Node ${e.machine.node}, ${e.machine.platform}`);
  if (e.counts)
    out.push(
      `- Data (seeded in ${e.seedSeconds} s): ${Object.entries(e.counts)
        .map(([k, v]) => `${k} ${v.toLocaleString("en")}`)
        .join(", ")}`,
    );
  out.push("", "### Targets", "", "| Target | Measured | |", "|---|---|---|");
  for (const [t, m, ok] of targets(e)) out.push(`| ${t} | ${m} | ${mark(ok)} |`);
  if (e.floor) {
    const fl = e.floor;
    out.push("", "### Portfolio floor (sequential requests, medians)", "");
    out.push(
      "| Page | Raw SQL of the loader (" +
        fl.statements +
        " statements, through the driver) | Server-Timing `db` | Loader (Server-Timing `app`) | Render (Server-Timing `render`) | Full HTML response (client) | loader / raw | HTML / loader | Server CPU per request |",
    );
    out.push("|---|---|---|---|---|---|---|---|---|");
    out.push(
      `| Computed (a page not asked for before) | ${f(fl.rawSqlP50, 2)} ms | ${f(fl.dbP50, 2)} ms | ${f(fl.loaderP50, 2)} ms | ${f(fl.renderP50, 2)} ms | ${f(fl.htmlP50, 2)} ms | ${f(fl.loaderOverRaw, 2)}× | ${f(fl.htmlOverLoader, 2)}× | ${f(fl.serverCpuMsPerRequest)} ms |`,
    );
    if (fl.keptLoaderP50 !== undefined)
      out.push(
        `| Kept (the same page, nothing changed since: its data and its document kept) | — | ${f(fl.keptDbP50, 2)} ms | ${f(fl.keptLoaderP50, 2)} ms | ${f(fl.keptRenderP50, 2)} ms | ${f(fl.keptHtmlP50, 2)} ms | | | ${f(fl.keptServerCpuMsPerRequest)} ms |`,
      );
  }
  if (e.portfolioAtTarget) {
    out.push("", `### Portfolio at its target rate, on its own for ${e.targetSeconds} s (the figures of the targets)`, "");
    out.push(HEAD, SEP, pointRow(e.portfolioAtTarget));
  }
  for (const [key, title] of Object.entries(SCENARIOS)) {
    const s = e.scenarios?.[key];
    if (!s) continue;
    out.push("", `### ${title}`, "");
    out.push(
      `Knee (first rate where p97.5 > 100 ms or errors appear): **${s.knee === null ? `none up to ${Math.max(...e.rates)} req/s` : `${s.knee} req/s`}**`,
      "",
    );
    out.push(HEAD, SEP);
    for (const p of s.points) out.push(pointRow(p));
  }
  if (e.planSave20) {
    out.push("", `Plan save at a steady 20 req/s for ${e.secondsPerRate * 2} s over ${e.planSaveGrants} grants:`, "");
    out.push(HEAD, SEP, pointRow(e.planSave20));
    out.push("", `Saves recorded in the audit log: ${e.planSavesRecorded}; grants whose plan exceeds the allowance afterwards: ${e.allowanceBreaches}.`);
  }
  if (e.portfolioWhileSaving) {
    const w = e.portfolioWhileSaving;
    out.push(
      "",
      `Portfolio at ${w.portfolio.rate} req/s while directors save ${w.saves.rate} plans a second (every save moves the portfolio version, so views after it compute the page again):`,
      "",
    );
    out.push(HEAD, SEP, pointRow(w.portfolio));
    out.push("", `The saves meanwhile: p50 ${f(w.saves.p50, 0)} ms, p97.5 ${f(w.saves.p975, 0)} ms, ${w.saves.errors + w.saves.non2xx} errors.`);
  }
  if (e.briefs) {
    const b = e.briefs;
    out.push("", "### PDF briefs", "");
    out.push(
      `| Cohort brief | p50 | p95 (n = ${b.n}) | Portfolio p97.5 at 10 req/s, idle | … while two briefs render | RSS before | RSS after ${b.briefsForRss} briefs | Growth | Peak |`,
    );
    out.push("|---|---|---|---|---|---|---|---|---|");
    out.push(
      `| ${b.pages} pages, ${Math.round(b.bytes / 1024)} KB | ${f(b.p50, 0)} ms | ${f(b.p95, 0)} ms | ${f(b.pageIdle.p975, 0)} ms | ${f(b.pageDuringTwoRenders.p975, 0)} ms (${b.briefsDuringLoad} briefs rendered meanwhile) | ${f(b.rssBeforeMb)} MB | ${f(b.rssAfterMb)} MB | ${f(b.rssGrowthMb)} MB | ${f(b.rssPeakMb)} MB |`,
    );
  }
  const soak = e.soak;
  if (soak) {
    const total = Object.values(soak.mix).reduce((a, b) => a + b, 0);
    out.push("", `### Soak: ${Math.round(soak.seconds / 60)} minutes of mixed reads and writes at ${total} req/s`, "");
    out.push(
      `All scenarios at once, each at its own fixed rate; ${soak.requests.toLocaleString("en")} requests, ${soak.errors} errors, ${f(soak.serverCpuMsPerRequest)} ms of server CPU per request.`,
      "",
    );
    out.push("| Scenario | Rate (req/s) | p50 (ms) | p97.5 (ms) | p99 (ms) | Served (req/s) | Errors |", "|---|---|---|---|---|---|---|");
    for (const [name, p] of Object.entries(soak.parts))
      out.push(`| ${name} | ${p.rate} | ${f(p.p50, 0)} | ${f(p.p975, 0)} | ${f(p.p99, 0)} | ${f(p.throughput)} | ${p.errors + p.non2xx} |`);
    const byMinute = soak.rssSamples.filter((x, i) => i === 0 || x.seconds % 60 < 5 || i === soak.rssSamples.length - 1);
    out.push(
      "",
      "Server RSS over the soak (MB): " +
        byMinute.map((x) => `${Math.round(x.seconds / 60)} min ${f(x.rssMb, 0)}`).join(" · ") +
        `; highest ${f(soak.rssMaxMb, 0)}.`,
    );
  }
  out.push("");
  return out.join("\n");
}

/** docs/benchmarks.json: the latest run of each engine. */
export interface BenchmarkFile {
  runs: Record<string, Entry>;
}

export function renderMarkdown(all: BenchmarkFile) {
  const out: string[] = [
    "# Benchmarks",
    "",
    "Generated by `npm run bench` (bench/run.ts) from docs/benchmarks.json; the notes at the end come from bench/notes.md.",
    "Targets are for the PostgreSQL engine; PGlite figures are given too.",
    "",
    "How it measures: a database is seeded at portfolio scale (bench/seed.ts), the production build is started on it and",
    "driven over loopback with autocannon at fixed request rates, arrivals evenly spaced (one single-connection autocannon",
    "instance per request each second, started 1000/rate ms apart; see bench/lib/load.ts for why not autocannon's own",
    "rate limit), each page as the role that uses it, with `accept-encoding: gzip` as a browser sends it. Latencies are",
    "milliseconds as the client sees them. The machine has 2 cores and may be shared with other work (the load average is",
    "printed with each run), so latencies are noisy; server CPU per request (from /proc) moves much less with the",
    "machine's load; see the notes at the end.",
    "",
  ];
  for (const engine of ["postgres", "pglite"]) if (all.runs[engine]) out.push(engineSection(all.runs[engine]));
  const notes = "bench/notes.md";
  if (existsSync(notes)) out.push(readFileSync(notes, "utf8"));
  return out.join("\n") + "\n";
}

/** `tsx bench/report.ts`: rewrites docs/benchmarks.md from docs/benchmarks.json and bench/notes.md. */
if (process.argv[1]?.endsWith("report.ts")) {
  writeFileSync("docs/benchmarks.md", renderMarkdown(JSON.parse(readFileSync("docs/benchmarks.json", "utf8")) as BenchmarkFile));
}
