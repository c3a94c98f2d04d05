import path from "node:path";
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { BriefRequest } from "./briefs";

export type BriefFailure = "timeout" | "busy" | "failed";

/** A brief that could not be made; the page says so and offers a retry, never a broken download. */
export class BriefError extends Error {
  constructor(
    readonly reason: BriefFailure,
    cause?: unknown,
  ) {
    super(`Brief ${reason}`, { cause });
  }
}

export interface BriefPoolOptions {
  /** Worker threads rendering at once; the rest wait in the queue. */
  threads?: number;
  /** A render that takes longer is abandoned (its thread is replaced). */
  timeoutMs?: number;
  /** Briefs waiting beyond this are refused as "busy" at once rather than queueing forever. */
  maxQueue?: number;
  /**
   * "low" (the default): render threads run at nice 10. "idle": also SCHED_IDLE, so pages never wait behind a
   * render, at the price that a machine kept completely busy renders briefs only in its gaps (they time out
   * and the page offers a retry). The server uses PDF_PRIORITY, "idle" unless set.
   */
  priority?: "low" | "idle";
}

export interface BriefPool {
  render(request: BriefRequest): Promise<Uint8Array>;
  close(): Promise<void>;
  readonly threads: number;
}

/**
 * Briefs render in worker threads (piscina), at most `threads` at a time, so that page requests on
 * the main thread stay fast while PDFs are made. Workers load the TypeScript source through tsx,
 * the same way the server itself runs.
 */
export function createBriefPool(options: BriefPoolOptions = {}): BriefPool {
  // On a small machine, leave a core to the pages.
  const threads = options.threads ?? Math.max(1, Math.min(4, availableParallelism() - 1));
  const timeoutMs = options.timeoutMs ?? 20_000;
  // Admission is counted here rather than left to piscina's queue, whose limit also counts
  // threads still starting and so varies with how warm the pool is.
  const capacity = threads + (options.maxQueue ?? 32);
  let inFlight = 0;
  const piscina = new Piscina<BriefRequest, Uint8Array>({
    filename: path.resolve("app/pdf/render.worker.mjs"),
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 60_000,
    workerData: { priority: options.priority ?? "low" },
  });
  return {
    threads,
    async render(request) {
      if (inFlight >= capacity) throw new BriefError("busy");
      inFlight++;
      try {
        return await piscina.run(request, { signal: AbortSignal.timeout(timeoutMs) });
      } catch (e) {
        if (e instanceof Error && (e.name === "AbortError" || e.name === "TimeoutError")) throw new BriefError("timeout", e);
        throw new BriefError("failed", e);
      } finally {
        inFlight--;
      }
    },
    close: () => piscina.close({ force: true }),
  };
}
