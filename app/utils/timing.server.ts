import { AsyncLocalStorage } from "node:async_hooks";
import { performance } from "node:perf_hooks";

/** What one request spent, gathered across its loaders, actions and queries. */
export interface RequestTiming {
  startedAt: number;
  dbMs: number;
  queries: number;
}

// server.ts and the built app each load this module; one store on globalThis serves both.
const key = Symbol.for("sts-commons.request-timing");
const storage: AsyncLocalStorage<RequestTiming> =
  ((globalThis as Record<symbol, unknown>)[key] as AsyncLocalStorage<RequestTiming>) ??
  ((globalThis as Record<symbol, unknown>)[key] = new AsyncLocalStorage<RequestTiming>());

/** Runs the rest of a request with its own timing record (an Express middleware calls this). */
export function withRequestTiming<T>(fn: () => T): T {
  return storage.run({ startedAt: performance.now(), dbMs: 0, queries: 0 }, fn);
}

/** The database client reports every query here; outside a request it is ignored. */
export function recordQuery(durationMs: number) {
  const timing = storage.getStore();
  if (!timing) return;
  timing.dbMs += durationMs;
  timing.queries += 1;
}

/**
 * The Server-Timing header: `db` (query time and count), `app` (loaders and actions up to
 * the render, queries included) and `render` (React's render of the document, or `desc="kept"` when a kept
 * document was served instead; app/utils/kept-documents.server.ts).
 */
export function serverTimingHeader(renderStartedAt?: number, now = performance.now(), kept = false): string | null {
  const timing = storage.getStore();
  if (!timing) return null;
  const parts = [`db;dur=${timing.dbMs.toFixed(1)};desc="${timing.queries} queries"`];
  const appEnd = renderStartedAt ?? now;
  parts.push(`app;dur=${(appEnd - timing.startedAt).toFixed(1)}`);
  if (renderStartedAt !== undefined) parts.push(`render;dur=${(now - renderStartedAt).toFixed(1)}${kept ? ';desc="kept"' : ""}`);
  return parts.join(", ");
}
