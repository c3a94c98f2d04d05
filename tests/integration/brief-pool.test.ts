import { existsSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { extractText, getDocumentProxy } from "unpdf";
import { BriefError, createBriefPool, type BriefPoolOptions } from "~/pdf/pool.server";
import { foundationBriefData } from "../support/brief-data";
import { processTree, procFile, tasksOf } from "../support/server-process";

const pool = createBriefPool({ threads: 1, timeoutMs: 60_000 });
afterAll(() => pool.close());

async function pagesOf(pdf: Uint8Array) {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: false });
  return text;
}

/** Scheduling policy and nice value of each thread of a process (Linux /proc; fields 41 and 19 of stat). */
function threadPriorities(pid: number | "self" = "self") {
  return tasksOf(pid).flatMap((tid) => {
    const fields = procFile(pid, `task/${tid}/stat`).split(") ")[1]?.split(" ");
    return fields ? [{ tid, nice: Number(fields[16]), policy: Number(fields[38]) }] : []; // none if the thread ended meanwhile
  });
}
const SCHED_IDLE = 5;

/** Every thread of the processes that a new pool's first render started, and this process's own threads then. */
async function threadsAfterFirstRender(options: Pick<BriefPoolOptions, "priority">) {
  const before = new Set(processTree(process.pid));
  const pool = createBriefPool({ threads: 1, timeoutMs: 60_000, ...options });
  try {
    await pool.render(foundationBriefData());
    const started = processTree(process.pid).filter((pid) => !before.has(pid));
    return { render: started.flatMap((pid) => threadPriorities(pid)), own: threadPriorities() };
  } finally {
    await pool.close();
  }
}

describe("the brief pool", () => {
  it.skipIf(!existsSync("/proc/self/task"))(
    "renders in a process whose every thread pages come before: nice 10, and SCHED_IDLE when asked; the server's threads keep their priority",
    async () => {
      const idle = await threadsAfterFirstRender({ priority: "idle" });
      // The render thread, V8's platform threads and libuv's: more than a handful.
      expect(idle.render.length).toBeGreaterThan(4);
      expect(idle.render.every((t) => t.nice === 10 && t.policy === SCHED_IDLE)).toBe(true);
      expect(idle.own.some((t) => t.nice === 10 || t.policy === SCHED_IDLE)).toBe(false);
      const low = await threadsAfterFirstRender({});
      expect(low.render.length).toBeGreaterThan(4);
      expect(low.render.every((t) => t.nice === 10 && t.policy !== SCHED_IDLE)).toBe(true);
      expect(low.own.some((t) => t.nice === 10)).toBe(false);
    },
  );

  it("renders a multi-page PDF with the foundation's name, page numbers and date on every page", async () => {
    const pdf = await pool.render(foundationBriefData());
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    const pages = await pagesOf(pdf);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, i) => {
      expect(text).toContain("Fundación Peñalara");
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(text).toContain("Generated on November 25, 2026");
    });
    expect(pages.join("\n")).toContain("Línea 40");
  });

  it("gives up on a render that takes longer than its timeout, and keeps working afterwards", async () => {
    const impatient = createBriefPool({ threads: 1, timeoutMs: 1 });
    try {
      const error = await impatient.render(foundationBriefData()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BriefError);
      expect((error as BriefError).reason).toBe("timeout");
    } finally {
      await impatient.close();
    }
    const pdf = await pool.render(foundationBriefData());
    expect((await pagesOf(pdf)).length).toBeGreaterThan(1);
  });

  it("fails only the briefs in flight when the render process dies, and starts a new one for the next brief", async () => {
    const before = new Set(processTree(process.pid));
    const fragile = createBriefPool({ threads: 1, timeoutMs: 60_000 });
    try {
      await fragile.render(foundationBriefData()); // its render process is up
      const started = processTree(process.pid).filter((pid) => !before.has(pid));
      expect(started).toHaveLength(1);
      const [host] = started as [number];
      const rendering = fragile.render(foundationBriefData()).catch((e: unknown) => e);
      process.kill(host, "SIGKILL");
      const error = await rendering;
      expect(error).toBeInstanceOf(BriefError);
      expect((error as BriefError).reason).toBe("failed");
      const pdf = await fragile.render(foundationBriefData());
      expect((await pagesOf(pdf)).length).toBeGreaterThan(1);
    } finally {
      await fragile.close();
    }
  });

  it("refuses at once, as busy, when the queue is full", async () => {
    const small = createBriefPool({ threads: 1, maxQueue: 1, timeoutMs: 60_000 });
    try {
      const results = await Promise.allSettled(Array.from({ length: 4 }, () => small.render(foundationBriefData())));
      const busy = results.filter((r) => r.status === "rejected" && (r.reason as BriefError).reason === "busy");
      const done = results.filter((r) => r.status === "fulfilled");
      // One rendering and one waiting; the other two are turned away at once.
      expect(done.length).toBe(2);
      expect(busy.length).toBe(2);
    } finally {
      await small.close();
    }
  });
});
