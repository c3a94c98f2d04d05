import autocannon from "autocannon";

export interface LoadPoint {
  rate: number;
  p50: number;
  p975: number;
  p99: number;
  throughput: number;
  errors: number;
  non2xx: number;
  /** Server CPU time (user + system) per completed request, when the target can read it. */
  cpuMsPerRequest?: number;
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
}

/** One fixed-rate run: `rate` requests per second in total, open-loop, for `seconds`. */
export async function runAtRate(target: LoadTarget, rate: number, seconds: number, connections = 20): Promise<LoadPoint> {
  const cpuBefore = target.cpuMs?.();
  const result = await autocannon({
    url: target.url,
    method: target.method ?? "GET",
    headers: target.headers,
    requests: target.requests,
    connections: Math.min(connections, Math.max(1, rate)),
    overallRate: rate,
    duration: seconds,
    timeout: 10,
  });
  const ok = target.ok ?? [200];
  const codes = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const bad = Object.entries(codes)
    .filter(([code]) => !ok.includes(Number(code)))
    .reduce((n, [, v]) => n + v.count, 0);
  return {
    rate,
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    throughput: result.requests.average,
    errors: result.errors + result.timeouts,
    non2xx: bad,
    cpuMsPerRequest:
      cpuBefore === undefined || !result.requests.total ? undefined : Math.round(((target.cpuMs!() - cpuBefore) / result.requests.total) * 10) / 10,
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
  return sorted[i]!;
}
