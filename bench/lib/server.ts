import type { ChildProcess } from "node:child_process";
import { startServerProcess } from "../../tests/support/server-process";

export interface RunningServer {
  base: string;
  process: ChildProcess;
  /** Everything the server printed so far. */
  log(): string;
  stop(): Promise<void>;
}

/** The production build, as `npm start` serves it, on the given database environment. */
export async function startServer(env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<RunningServer> {
  const server = await startServerProcess({ ...env, NODE_ENV: "production", DEMO_DATA: "0" }, nodeArgs);
  return { base: server.base, process: server.child, log: server.log, stop: () => server.stop() };
}
