import autocannon from "autocannon";

export interface LoadPoint {
  rate: number;
  p50: number;
  p975: number;
  p99: number;
  throughput: number;
  errors: number;
  non2xx: number;
  /** Responses by status code, when any answered other than expected. */
  statusCodes?: Record<string, number>;
  /** Server CPU time (user + system) per completed request, when the target can read it. */
  cpuMsPerRequest?: number;
  /** CPU time of the load generator itself (this process) per completed request. */
  generatorCpuMsPerRequest?: number;
}

export interface LoadTarget {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** A body per request (plan saves need a fresh version each time). */
  requests?: autocannon.Request[];
  /** Status codes that count as success (default 200). */
  ok?: number[];
  /** The server's CPU time so far in ms (process user + system time). */
  cpuMs?: () => number;
  /** Run before each fixed-rate run (the plan save reads the stored versions again). */
  prepare?: () => Promise<void>;
}

/**
 * One fixed-rate run: `rate` requests per second in total, for `seconds`, arrivals evenly spaced.
 *
 * autocannon's own rate limit (`overallRate`) hands each connection its quota at the start of every
 * second, so all connections fire together: at 50 req/s the server gets a burst of 50 at once, and the
 * latencies measure how long the burst takes to drain rather than the page. Its coordinated-omission
 * correction also assumes a 1 ms interval whenever the rate exceeds 1 req/s, which adds made-up samples.
 * So the run is `rate` autocannon instances of one connection at 1 req/s each, started 1000/rate ms
 * apart (the requests of independent users, as wrk2 schedules them), and latencies are taken from each
 * response as it arrives.
 */
export async function runAtRate(target: LoadTarget, rate: number, seconds: number): Promise<LoadPoint> {
  await target.prepare?.();
  const cpuBefore = target.cpuMs?.();
  const generatorBefore = process.cpuUsage();
  const latencies: number[] = [];
  const ok = target.ok ?? [200];
  let bad = 0;
  const codes: Record<string, number> = {};
  const started = performance.now();
  const runs: Promise<autocannon.Result>[] = [];
  for (let i = 0; i < rate; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    // Without a callback autocannon returns an event emitter that is also a promise of its result.
    const instance = autocannon({
      url: target.url,
      method: target.method ?? "GET",
      headers: target.headers,
      // Each instance starts at a different request of the list, so the paths are all visited.
      requests: target.requests && [...target.requests.slice(i % target.requests.length), ...target.requests.slice(0, i % target.requests.length)],
      connections: 1,
      connectionRate: 1,
      duration: seconds,
      timeout: 10,
    }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
    // `on` returns the instance, which is also the promise awaited with the others below.
    const events: autocannon.Instance = instance;
    events.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      codes[statusCode] = (codes[statusCode] ?? 0) + 1;
      if (!ok.includes(statusCode)) bad++;
    });
    runs.push(instance);
  }
  const results = await Promise.all(runs);
  const generator = process.cpuUsage(generatorBefore);
  const total = latencies.length;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    rate,
    p50: round(percentile(latencies, 50)),
    p975: round(percentile(latencies, 97.5)),
    p99: round(percentile(latencies, 99)),
    throughput: round(total / seconds),
    errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
    non2xx: bad,
    ...(bad ? { statusCodes: codes } : {}),
    cpuMsPerRequest: cpuBefore === undefined || !total ? undefined : Math.round(((target.cpuMs!() - cpuBefore) / total) * 10) / 10,
    // The load generator runs on the same two cores: what it spends is CPU the server does not get.
    generatorCpuMsPerRequest: total ? round((generator.user + generator.system) / 1000 / total) : undefined,
  };
}

/**
 * Rates in increasing order until p97.5 passes the limit (or errors appear); the knee is the
 * first rate that did. Rates up to `measureUpTo` always run.
 */
export async function sweep(target: LoadTarget, rates: number[], seconds: number, limitMs = 100, measureUpTo = 50) {
  const points: LoadPoint[] = [];
  let knee: number | null = null;
  for (const rate of rates) {
    const point = await runAtRate(target, rate, seconds);
    points.push(point);
    if (knee === null && (point.p975 > limitMs || point.errors > 0 || point.non2xx > 0)) knee = rate;
    // Past the knee only the rates up to `measureUpTo` still run (the targets are stated at 50 req/s).
    if (knee !== null && rate >= measureUpTo) break;
  }
  return { points, knee };
}

export function percentile(values: number[], p: number) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
