/**
 * `npm run screenshots`: the whole product as each demo role sees it, at a desktop and a phone width, in
 * screenshots/<role>/. Starts the built server on a fresh embedded database with the demo data (or uses
 * BASE_URL if set), signs in as every demo account, and follows the links of each role's pages, so a page
 * added to the navigation or linked from one is captured without editing this file.
 *
 *   npm run build && npm run screenshots            # every role, both widths
 *   ROLES=officer,director npm run screenshots       # some roles only
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { freePort } from "../tests/support/server-process";

const PASSWORD = "commons-demo-2026";
const ACCOUNTS: Record<string, string> = {
  admin: "admin@demo.test",
  officer: "officer@demo.test",
  "foundation-staff": "staff@demo.test",
  director: "director@demo.test",
  "organisation-staff": "member@demo.test",
};
const WIDTHS = [1366, 390] as const;
const MAX_PAGES_PER_ROLE = Number(process.env.MAX_PAGES ?? 60);
const OUT = path.resolve(process.env.OUT_DIR ?? "screenshots");
// Downloads, actions and pages that end the session are not pages to look at.
const SKIP = /\.(pdf|csv|json|ics)(\?|$)|\/logout|\/unsubscribe\/|\/invitations\/|[?&](confirm|page)=/;

async function startServer(): Promise<{ base: string; child?: ChildProcess; dataDir?: string }> {
  if (process.env.BASE_URL) return { base: process.env.BASE_URL.replace(/\/$/, "") };
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "sts-screens-"));
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["server.ts"], {
    env: { ...withoutDatabaseUrl(process.env), PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, DEMO_DATA: "1", NODE_ENV: "test" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error("the server exited during start");
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (tries > 600) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, child, dataDir };
}

function withoutDatabaseUrl(env: NodeJS.ProcessEnv) {
  const copy = { ...env };
  delete copy.DATABASE_URL;
  delete copy.DATABASE_SCHEMA;
  return copy;
}

function slug(url: URL) {
  const s = (url.pathname + url.search)
    .replace(/^\/+/, "")
    .replace(/[^a-z0-9]+/gi, "-")
    .replace(/-+$/, "");
  // Ids make names long and unstable; keep a short tail of each.
  return (s || "home").replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-([0-9a-f]{12})/g, (_m, tail: string) => tail.slice(0, 6));
}

async function capture(page: Page, role: string, url: URL) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
    await page.goto(url.href, { waitUntil: "load" });
    await page.screenshot({ path: path.join(OUT, role, `${slug(url)}-${width}.png`), fullPage: true });
  }
}

async function linksOn(page: Page, base: string): Promise<URL[]> {
  const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
  // One picture per page, not per sort order or filter.
  return hrefs
    .map((h) => new URL(h))
    .filter((u) => u.origin === new URL(base).origin && !SKIP.test(u.pathname + u.search))
    .map((u) => new URL(u.pathname, u.origin));
}

async function main() {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const roles = process.env.ROLES ? process.env.ROLES.split(",") : Object.keys(ACCOUNTS);
  let total = 0;
  try {
    rmSync(OUT, { recursive: true, force: true });
    for (const role of roles) {
      const email = ACCOUNTS[role];
      if (!email) throw new Error(`unknown role ${role}: one of ${Object.keys(ACCOUNTS).join(", ")}`);
      mkdirSync(path.join(OUT, role), { recursive: true });
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.base}/login`);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Log in" }).click();
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));

      const seen = new Set<string>();
      const queue = [new URL("/", server.base)];
      while (queue.length && seen.size < MAX_PAGES_PER_ROLE) {
        const url = queue.shift()!;
        const key = url.pathname + url.search;
        if (seen.has(key)) continue;
        seen.add(key);
        await capture(page, role, url);
        for (const next of await linksOn(page, server.base)) if (!seen.has(next.pathname + next.search)) queue.push(next);
      }
      total += seen.size;
      console.log(`[screenshots] ${role}: ${seen.size} pages`);
      await context.close();
    }
  } finally {
    await browser.close();
    server.child?.kill("SIGTERM");
    if (server.dataDir) rmSync(server.dataDir, { recursive: true, force: true });
  }
  console.log(`[screenshots] ${total} pages × ${WIDTHS.length} widths in ${path.relative(process.cwd(), OUT)}/`);
}

await main();
