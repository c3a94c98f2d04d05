import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import pg from "pg";
import { startSmtpListener } from "../support/smtp";

export const MAIL_DIR = path.resolve("test-results/mail");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/**
 * Starts a real SMTP listener (mail lands in test-results/mail as JSON) and the built
 * server on a fresh database: a temporary PGlite directory, or a new schema on the
 * PostgreSQL of DATABASE_URL.
 */
export default async function globalSetup() {
  if (!existsSync("build/server/index.js")) throw new Error("Build first: npx remix vite:build (npm test does this)");
  rmSync(MAIL_DIR, { recursive: true, force: true });
  mkdirSync(MAIL_DIR, { recursive: true });
  let n = 0;
  const smtp = await startSmtpListener((mail) => {
    const to = Array.isArray(mail.to) ? mail.to.flatMap((a) => a.value) : (mail.to?.value ?? []);
    writeFileSync(
      path.join(MAIL_DIR, `${Date.now()}-${n++}.json`),
      JSON.stringify({ to: to.map((a) => a.address), subject: mail.subject, text: mail.text, messageId: mail.messageId }),
    );
  });

  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://localhost:${port}`,
    SMTP_URL: smtp.url,
    OUTBOX_POLL_MS: "200",
    NODE_ENV: "test",
    // Briefs at the server's own priority and with time to spare: on a busy machine an idle-priority render
    // waits for gaps that may not come, and a test must not depend on other load.
    PDF_PRIORITY: "normal",
    PDF_TIMEOUT_SECONDS: "120",
  };
  let dataDir: string | undefined;
  let schema: string | undefined;
  if (process.env.DATABASE_URL) {
    schema = `e2e_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
    env.DATABASE_SCHEMA = schema;
    if (process.env.APP_DATABASE_URL) {
      // The owner migrates and seeds; the server logs in as a role that cannot bypass row-level security.
      await new Promise<void>((resolve, reject) => {
        const seed = spawn(path.resolve("node_modules/.bin/tsx"), ["db/cli.ts", "seed"], { env, stdio: ["ignore", "ignore", "inherit"] });
        seed.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seeding the e2e schema failed (${code})`))));
      });
      env.DATABASE_URL = process.env.APP_DATABASE_URL;
      env.MIGRATE = "0";
    }
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), "sts-e2e-"));
    env.DATA_DIR = dataDir;
  }

  const server = spawn(path.resolve("node_modules/.bin/tsx"), ["server.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stdout.on("data", (d) => (log += d));
  server.stderr.on("data", (d) => (log += d));
  const base = `http://localhost:${port}`;
  // Migrations and demo data on a fresh database: a minute when the machine is idle, several when it is not.
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`Server exited during start:\n${log}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`Server did not become healthy:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  process.env.E2E_BASE_URL = base;
  process.env.E2E_MAIL_DIR = MAIL_DIR;

  return async () => {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await smtp.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (schema) {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    }
    if (process.env.E2E_SERVER_LOG) console.log(log);
  };
}
