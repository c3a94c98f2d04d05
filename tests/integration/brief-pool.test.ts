import { existsSync, readdirSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { extractText, getDocumentProxy } from "unpdf";
import { BriefError, createBriefPool, type BriefPoolOptions } from "~/pdf/pool.server";
import { foundationBriefData } from "../support/brief-data";

const pool = createBriefPool({ threads: 1, timeoutMs: 60_000 });
afterAll(() => pool.close());

async function pagesOf(pdf: Uint8Array) {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: false });
  return text as string[];
}

/** Scheduling policy and nice value of each thread of this process (Linux /proc; fields 41 and 19 of stat). */
function threadPriorities() {
  return readdirSync("/proc/self/task").flatMap((tid) => {
    try {
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return [{ tid, nice: Number(fields[16]), policy: Number(fields[38]) }];
    } catch {
      return []; // the thread ended meanwhile
    }
  });
}
const SCHED_IDLE = 5;

/** The threads at nice 10 that a new pool's first render started: the render thread and any it starts (they inherit its priority). */
async function renderThreadsOf(options: Pick<BriefPoolOptions, "priority">) {
  const before = new Set(threadPriorities().map((t) => t.tid));
  const pool = createBriefPool({ threads: 1, timeoutMs: 60_000, ...options });
  try {
    await pool.render(foundationBriefData());
    return threadPriorities().filter((t) => !before.has(t.tid) && t.nice === 10);
  } finally {
    await pool.close();
  }
}

describe("the brief pool", () => {
  it.skipIf(!existsSync("/proc/thread-self"))("renders on threads that pages come before: nice 10, and SCHED_IDLE when asked", async () => {
    const idle = await renderThreadsOf({ priority: "idle" });
    expect(idle.length).toBeGreaterThan(0);
    expect(idle.every((t) => t.policy === SCHED_IDLE)).toBe(true);
    const low = await renderThreadsOf({});
    expect(low.length).toBeGreaterThan(0);
    expect(low.some((t) => t.policy === SCHED_IDLE)).toBe(false);
  });

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
