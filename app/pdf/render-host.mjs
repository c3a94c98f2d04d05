// The process briefs render in (docs/decisions/0007, "A process of its own"). It lowers every one of its
// threads before it starts any render thread, so that V8's own threads (GC and compilation of the render
// isolates) wait behind pages too; threads started later inherit the priority of the thread that starts them.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import os from "node:os";
import { Piscina } from "piscina";

const { BRIEF_HOST_WORKER: worker, BRIEF_HOST_THREADS: threads, BRIEF_HOST_PRIORITY: priority } = process.env;

function lowerEveryThread() {
  let tids = [];
  try {
    tids = readdirSync("/proc/self/task").map(Number);
  } catch {
    tids = [0]; // no /proc: this thread only
  }
  for (const tid of tids) {
    try {
      os.setPriority(tid, 10);
    } catch {
      // Not permitted, or the thread ended meanwhile.
    }
  }
  if (priority === "idle") {
    try {
      // Node has no call for a scheduling policy; chrt (util-linux) sets it for every thread of this process.
      execFileSync("chrt", ["--idle", "--all-tasks", "-p", "0", String(process.pid)], { stdio: "ignore", timeout: 5_000 });
    } catch {
      // No chrt: nice 10 only.
    }
  }
}
// "normal" (tests) keeps the server's priority, so that a render's duration does not depend on other load.
if (priority !== "normal") lowerEveryThread();

// Threads live as long as this process, which the server ends after a minute without a brief.
const piscina = new Piscina({ filename: worker, minThreads: 0, maxThreads: Number(threads) || 1, idleTimeout: Infinity });
const running = new Map();

process.on("message", async (message) => {
  if (message.type === "cancel") {
    running.get(message.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(message.id, controller);
  try {
    const pdf = await piscina.run(message.request, { signal: controller.signal });
    process.send?.({ type: "done", id: message.id, pdf });
  } catch (e) {
    process.send?.({ type: "failed", id: message.id, message: e instanceof Error ? e.message : String(e) });
  } finally {
    running.delete(message.id);
  }
});
// The server is gone (or closed the pool): nothing is left to render for.
process.on("disconnect", () => process.exit(0));
