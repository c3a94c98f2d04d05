import path from "node:path";
import { availableParallelism } from "node:os";
import { fork, type ChildProcess } from "node:child_process";
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
   * "low" (the default): every thread of the render process runs at nice 10. "idle": also SCHED_IDLE, so pages
   * never wait behind a render, at the price that a machine kept completely busy renders briefs only in its gaps
   * (they time out and the page offers a retry). "normal": left at the server's own priority, for tests, whose
   * timeouts must not depend on how busy the machine is. The server uses PDF_PRIORITY, "idle" unless set.
   */
  priority?: "low" | "idle" | "normal";
}

export interface BriefPool {
  render(request: BriefRequest): Promise<Uint8Array>;
  close(): Promise<void>;
  readonly threads: number;
}

/**
 * Briefs render in a process of their own (render-host.mjs), whose every thread runs at lower priority than the
 * server's, on worker threads (piscina) there, at most `threads` at a time, so that pages stay fast while PDFs
 * are made. The process starts with the first brief and ends after a minute without one; one that dies takes only
 * the briefs it was rendering with it, and the next brief starts a new one.
 */
export function createBriefPool(options: BriefPoolOptions = {}): BriefPool {
  // On a small machine, leave a core to the pages.
  const threads = options.threads ?? Math.max(1, Math.min(4, availableParallelism() - 1));
  const timeoutMs = options.timeoutMs ?? 20_000;
  // Admission is counted here rather than left to piscina's queue, whose limit also counts
  // threads still starting and so varies with how warm the pool is.
  const capacity = threads + (options.maxQueue ?? 32);
  const pending = new Map<number, { resolve(pdf: Uint8Array): void; reject(e: BriefError): void }>();
  let nextId = 0;
  let host: ChildProcess | null = null;
  let idleTimer: NodeJS.Timeout | undefined;

  function startHost() {
    const child = fork(path.resolve("app/pdf/render-host.mjs"), [], {
      // Not the server's own flags (--cpu-prof, --inspect): the render process is started plain.
      execArgv: [],
      serialization: "advanced",
      env: {
        ...process.env,
        BRIEF_HOST_WORKER: path.resolve("app/pdf/render.worker.mjs"),
        BRIEF_HOST_THREADS: String(threads),
        BRIEF_HOST_PRIORITY: options.priority ?? "low",
      },
    });
    child.on("message", (message: HostMessage) => {
      const task = pending.get(message.id); // none if it timed out meanwhile
      if (message.type === "done") task?.resolve(message.pdf);
      else task?.reject(new BriefError("failed", new Error(message.message)));
    });
    const ended = (cause: unknown) => {
      if (host !== child) return;
      host = null;
      for (const task of [...pending.values()]) task.reject(new BriefError("failed", cause));
    };
    child.on("exit", (code, signal) => ended(new Error(`The render process ended (${signal ?? code})`)));
    // It could not be started, or a message could not reach it: unhandled, this event would end the server.
    child.on("error", (e) => {
      ended(e);
      child.kill();
    });
    return child;
  }

  /** Lets the server exit while the render process waits, and ends that process once it has waited a minute. */
  function settle() {
    if (pending.size > 0 || !host) return;
    host.unref();
    host.channel?.unref();
    clearTimeout(idleTimer);
    const idle = host;
    idleTimer = setTimeout(() => {
      if (host === idle && pending.size === 0) {
        host = null;
        idle.kill();
      }
    }, 60_000).unref();
  }

  return {
    threads,
    async render(request) {
      if (pending.size >= capacity) throw new BriefError("busy");
      clearTimeout(idleTimer);
      host ??= startHost();
      host.ref();
      host.channel?.ref();
      const id = nextId++;
      const child = host;
      try {
        return await new Promise<Uint8Array>((resolve, reject) => {
          // Every way a brief ends goes through here, once: it leaves `pending` and its timer stops.
          const done = () => (clearTimeout(timer), pending.delete(id));
          const task = { resolve: (pdf: Uint8Array) => done() && resolve(pdf), reject: (e: BriefError) => done() && reject(e) };
          const timer = setTimeout(() => {
            // The render process abandons the render and replaces its thread.
            if (child.connected) child.send({ type: "cancel", id });
            task.reject(new BriefError("timeout"));
          }, timeoutMs);
          pending.set(id, task);
          child.send({ type: "render", id, request }, (e) => e && task.reject(new BriefError("failed", e)));
        });
      } finally {
        settle();
      }
    },
    async close() {
      clearTimeout(idleTimer);
      const child = host;
      if (!child) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await exited;
    },
  };
}

type HostMessage = { type: "done"; id: number; pdf: Uint8Array } | { type: "failed"; id: number; message: string };
