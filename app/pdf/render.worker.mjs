// Entry of a brief worker thread. Worker threads do not inherit the tsx loader of the main
// thread, so the TypeScript renderer is loaded through tsx's API.
import os from "node:os";
import { tsImport } from "tsx/esm/api";

// A brief can wait a little; pages cannot. On Linux the nice value belongs to the thread, so this
// lowers only this render thread's CPU priority, not the server's (docs/decisions/0007).
try {
  os.setPriority(0, 10);
} catch {
  // Not permitted or not supported: renders at normal priority.
}

const { default: renderBrief } = await tsImport("./render-brief.tsx", import.meta.url);
export default renderBrief;
