// Entry of a brief worker thread. Worker threads do not inherit the tsx loader of the main
// thread, so the TypeScript renderer is loaded through tsx's API.
import { execFileSync } from "node:child_process";
import { readlinkSync } from "node:fs";
import os from "node:os";
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

// A brief can wait a little; pages cannot. On Linux priority belongs to the thread, so this lowers only
// this render thread, not the server's (docs/decisions/0007). Nice 10 at least; with priority "idle" the
// thread also takes SCHED_IDLE, which the scheduler preempts as soon as any ordinary thread wakes.
try {
  os.setPriority(0, 10);
} catch {
  // Not permitted or not supported: renders at normal priority.
}
if (workerData?.priority === "idle") {
  try {
    // Node has no call for a thread's scheduling policy; chrt (util-linux) sets it for this thread's id.
    const tid = readlinkSync("/proc/thread-self").split("/").pop();
    execFileSync("chrt", ["--idle", "-p", "0", tid], { stdio: "ignore", timeout: 5_000 });
  } catch {
    // No /proc or no chrt: nice 10 only.
  }
}

const { default: renderBrief } = await tsImport("./render-brief.tsx", import.meta.url);
export default renderBrief;
