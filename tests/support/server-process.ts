import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  log: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The built app as a separate process (server.ts), ready once /healthz answers. `nodeArgs` (e.g.
 * --cpu-prof, which NODE_OPTIONS refuses) make node run tsx as a loader itself.
 */
export async function startServerProcess(env: Record<string, string | undefined>, nodeArgs: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  const [command, args] = nodeArgs.length
    ? [process.execPath, [...nodeArgs, "--import", "tsx", "server.ts"]]
    : [path.resolve("node_modules/.bin/tsx"), ["server.ts"]];
  const child = spawn(command, args, {
    env: { ...process.env, NODE_ENV: "test", DEMO_DATA: "0", HOST: "127.0.0.1", ...env, PORT: String(port), PUBLIC_URL: `http://localhost:${port}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start:\n${log}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    child,
    log: () => log,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill(signal);
      await exited;
    },
  };
}

/** Signs in through the login form; returns the cookie header (session and CSRF) and the CSRF token. */
export async function signIn(base: string, email: string, password: string) {
  const page = await fetch(`${base}/login`);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error("no CSRF token on /login");
  const jar = new Map<string, string>();
  const keep = (res: Response) => res.headers.getSetCookie().forEach((c) => jar.set(c.split("=")[0], c.split(";")[0]));
  keep(page);
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: [...jar.values()].join("; "), origin: base },
    body: new URLSearchParams({ email, password, csrf, redirectTo: "/" }),
  });
  if (res.status !== 302) throw new Error(`login answered ${res.status}`);
  keep(res);
  return { cookie: [...jar.values()].join("; "), csrf };
}

/** A file of /proc/<pid>, or "" once the process has gone. */
export function procFile(pid: number | "self", file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return "";
  }
}

/** The thread ids of a process, or none once it has gone. */
export function tasksOf(pid: number | "self"): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
}

/**
 * `pid` and every process below it (the tsx wrapper, node, with WEB_CONCURRENCY its server processes, and the
 * render process of briefs). Linux lists children per thread, so every thread's are read.
 */
export function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    for (const tid of tasksOf(all[i])) all.push(...procFile(all[i], `task/${tid}/children`).trim().split(/\s+/).filter(Boolean).map(Number));
  }
  return all;
}
