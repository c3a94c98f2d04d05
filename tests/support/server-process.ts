import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { connect, createServer } from "node:net";
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

export interface RawAnswer {
  status: number;
  head: string;
  body: string;
  /** Body bytes the client had handed to the socket when the answer arrived (or when it gave up). */
  bytesSent: number;
}

/**
 * An HTTP/1.1 request over a plain socket, so that the framing is exactly what the test says: with
 * `chunked`, the body goes out as `Transfer-Encoding: chunked` with no length; `body` yields the bytes lazily
 * and sending stops as soon as an answer has arrived.
 */
export function rawRequest(
  base: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: () => Iterable<Uint8Array>; chunked?: boolean },
): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    let bytesSent = 0;
    let answered = false;
    const headers: Record<string, string> = { host: `${hostname}:${port}`, connection: "close", ...options.headers };
    if (options.chunked) headers["transfer-encoding"] = "chunked";
    const head = `${options.method ?? "POST"} ${options.path} HTTP/1.1\r\n${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join("")}\r\n`;
    const finish = () => {
      const split = received.indexOf("\r\n\r\n");
      const head = received.subarray(0, split === -1 ? received.length : split).toString("latin1");
      const raw = split === -1 ? Buffer.alloc(0) : received.subarray(split + 4);
      const body = /^transfer-encoding:\s*chunked/im.test(head) ? unchunk(raw) : raw;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: body.toString("utf8"), bytesSent });
    };
    socket.on("data", (d: Buffer) => {
      received = Buffer.concat([received, d]);
      answered = true;
    });
    // The server may close while the client is still sending: what it answered is what counts.
    socket.on("error", (e) => (received.length ? finish() : reject(e)));
    socket.on("close", finish);
    // The server has answered and closed its side: whatever is still queued to send is dropped.
    socket.on("end", () => socket.destroy());
    socket.on("connect", () => {
      socket.write(head);
      const chunks = options.body?.()[Symbol.iterator]();
      const pump = () => {
        for (;;) {
          if (answered || socket.destroyed) return;
          const next = chunks?.next();
          if (!next || next.done) {
            if (options.chunked) socket.write("0\r\n\r\n");
            return;
          }
          bytesSent += next.value.byteLength;
          const ok = options.chunked
            ? socket.write(Buffer.concat([Buffer.from(`${next.value.byteLength.toString(16)}\r\n`), next.value, Buffer.from("\r\n")]))
            : socket.write(next.value);
          if (!ok) return void socket.once("drain", pump);
        }
      };
      pump();
    });
  });
}

/** A chunked body's data without its framing (what arrived of it). */
function unchunk(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < raw.length) {
    const eol = raw.indexOf("\r\n", at);
    if (eol === -1) break;
    const size = parseInt(raw.subarray(at, eol).toString("latin1"), 16);
    if (!size) break;
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/**
 * CPU time (user and system, milliseconds) used so far by a process and everything below it, read from
 * /proc/<pid>/stat; threads are included in their process's figures. Resolution is the kernel's clock tick.
 */
export function treeCpuMs(pid: number): number {
  const tick = 1000 / 100;
  let total = 0;
  for (const p of processTree(pid)) {
    const stat = procFile(p, "stat");
    // Fields after the command name, which may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    total += (Number(fields[11]) + Number(fields[12])) * tick || 0;
  }
  return total;
}
