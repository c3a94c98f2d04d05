/**
 * The one server file: configuration, database, security headers, compression,
 * /healthz, the outbox worker and the Remix request handler. With WEB_CONCURRENCY above 1 (PostgreSQL
 * only) a primary process prepares the database, then runs that many copies of the server on one port
 * (docs/decisions/0063-server-processes.md).
 */
import cluster from "node:cluster";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import express from "express";
import compression from "compression";
import helmet from "helmet";
import type { ServerBuild } from "@remix-run/node";
import { readConfig } from "./app/utils/config.server";
import { openDatabase, type Database } from "./db/client";
import { migrateToLatest, pendingMigrations } from "./db/migrate";
import { APP_ROLE } from "./db/app-role";
import { loadOrCreateSecret } from "./db/secret";
import { seedDemoIfEmpty } from "./db/seed/demo";
import { createLimiter, INVITATION_RULES, LOGIN_RULES } from "./app/utils/rate-limit.server";
import { startOutboxWorker, smtpTransport } from "./app/utils/outbox-worker.server";
import { startLearningScheduler } from "./app/utils/learning-scheduler.server";
import { deleteExpiredSessions } from "./app/utils/session.server";
import type { AppContext } from "./app/utils/context";
import { recordQuery, withRequestTiming } from "./app/utils/timing.server";
import { createBriefPool } from "./app/pdf/pool.server";
import { createKeptDocuments } from "./app/utils/kept-documents.server";
import { boundedBody, remixHandler } from "./app/utils/request-body.server";
import { PERMISSIONS_POLICY } from "./app/utils/response-headers.server";

const dev = process.argv.includes("--dev");
const config = readConfig();

async function openOwner() {
  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  return openDatabase({
    databaseUrl: config.databaseUrl,
    schema: config.databaseSchema,
    dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, "pglite"),
    onQuery: recordQuery,
  });
}

/** Migrations, the signing secret and the demo data: once, before any request is served. Returns the secret. */
async function prepare(owner: Database) {
  if (!config.migrate) {
    // Logged in as a role that may not change the schema: it must already be the code's.
    const pending = await pendingMigrations(owner.db, config.databaseSchema);
    if (pending.length) {
      throw new Error(`${pending.length} migration(s) not applied (first: ${pending[0]}). Run \`npm run db:migrate\` as the tables' owner, then start again.`);
    }
    return loadOrCreateSecret(owner.db);
  }
  const applied = await migrateToLatest(owner.db, config.databaseSchema);
  if (applied.length) console.log(`[db] applied ${applied.length} migration(s) on ${owner.engine}`);
  const secret = await loadOrCreateSecret(owner.db);
  if (config.demoData) {
    const seeded = await seedDemoIfEmpty(owner.db);
    if (seeded) console.log("[db] demo data seeded (see README for the demo accounts)");
  }
  return secret;
}

/** Starts the server processes, starts another when one dies, and passes a stop signal on to them. */
function runPrimary(count: number) {
  let stopping = false;
  let listening = 0;
  cluster.on("listening", () => listening++);
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // One that dies before any has listened (a taken port, a bad setting) would die again: stop instead.
    if (listening === 0) {
      console.error(`[server] a server process exited before listening (${signal ?? code}); stopping`);
      process.exit(1);
    }
    console.error(`[server] server process ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`[server] ${signal}: stopping ${count} server processes`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  for (let i = 0; i < count; i++) cluster.fork();
}

if (cluster.isPrimary && config.webConcurrency > 1) {
  const owner = await openOwner();
  await prepare(owner);
  await owner.close();
  runPrimary(config.webConcurrency);
} else {
  await serve();
}

async function serve() {
  const owner = await openOwner();
  // In a cluster the primary has prepared the database already.
  const secret = cluster.isWorker ? await loadOrCreateSecret(owner.db) : await prepare(owner);
  // Every request runs as the app role, which row-level security applies to (docs/decisions/0060).
  const database = await owner.actAs(APP_ROLE);
  const { db, engine } = database;

  const pgPool = await database.pool();
  const loginLimiter = createLimiter(LOGIN_RULES, pgPool);
  const invitationLimiter = createLimiter(INVITATION_RULES, pgPool);
  const briefs = createBriefPool({ threads: config.pdfThreads, timeoutMs: config.pdfTimeoutMs, priority: config.pdfPriority });
  const keptDocuments = createKeptDocuments(config.keptDocumentsBytes);

  const app = express();
  app.disable("x-powered-by");
  // Express shows stack traces unless its env is "production", and `npm start` leaves NODE_ENV unset: only
  // `--dev` is development here.
  app.set("env", dev ? "development" : "production");
  if (config.trustProxy) app.set("trust proxy", true);

  // On every response, refusals and /healthz included: no page here uses the camera, location and the like.
  app.use((_req, res, next) => {
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    next();
  });

  app.get("/healthz", (_req, res, next) => {
    database
      .ping()
      .then(
        () => res.json({ ok: true, db: engine, uptimeSeconds: Math.round(process.uptime()) }),
        () => res.status(503).json({ ok: false, db: engine, error: "database unreachable" }),
      )
      .catch(next);
  });

  app.use((_req, _res, next) => withRequestTiming(next));

  // A NUL byte in a URL has no meaning here and PostgreSQL text cannot hold it: refused before any route.
  app.use((req, res, next) => {
    // eslint-disable-next-line no-control-regex -- the NUL character is exactly what is refused
    if (/%00|\u0000/i.test(req.originalUrl)) return void res.status(400).type("text/plain").send("Bad request.");
    next();
  });

  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    // The client address the app sees is the one Express decided on, never a header the client sent.
    req.headers["x-sts-client-address"] = req.ip ?? "unknown";
    next();
  });

  app.use(
    helmet({
      contentSecurityPolicy: dev
        ? false
        : {
            useDefaults: false,
            directives: {
              defaultSrc: ["'self'"],
              scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
              styleSrc: ["'self'"],
              styleSrcAttr: ["'unsafe-inline'"],
              imgSrc: ["'self'", "data:"],
              fontSrc: ["'self'"],
              connectSrc: ["'self'"],
              formAction: ["'self'"],
              frameAncestors: ["'none'"],
              baseUri: ["'none'"],
              objectSrc: ["'none'"],
              ...(config.production ? { upgradeInsecureRequests: [] } : {}),
            },
          },
      strictTransportSecurity: config.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginEmbedderPolicy: false,
      frameguard: { action: "deny" },
    }),
  );

  // Cross-site form posts are refused before they reach an action (Fetch Metadata / Origin). An Origin that is
  // not an http(s) URL ("null" from a sandboxed frame or a redirect chain, or garbage) is refused as well.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const site = req.get("sec-fetch-site");
    const origin = req.get("origin");
    const host = req.get("host");
    const originHost = origin === undefined ? undefined : hostOf(origin);
    const crossSite = originHost === null || (site ? site === "cross-site" : Boolean(originHost && host && originHost !== host));
    if (crossSite) return void res.status(403).type("text/plain").send("Cross-site request refused.");
    next();
  });

  // Bodies are read here, within a limit, before any route, CSRF check or login handling.
  app.use(boundedBody());

  app.use(compression());

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (dev) {
    const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
    app.use(vite.middlewares);
    build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    app.use(express.static("build/client", { maxAge: "1h" }));
    build = (await import(path.resolve("build/server/index.js"))) as ServerBuild;
  }

  const remix = remixHandler({
    build,
    mode: dev ? "development" : "production",
    getLoadContext: (_req, res) =>
      ({
        db,
        engine,
        config,
        secret,
        cspNonce: res.locals.cspNonce as string,
        loginLimiter,
        invitationLimiter,
        briefs,
        now: () => new Date(),
        requestScope: {},
        keptDocuments,
      }) satisfies AppContext,
  });
  // A rejection of the handler goes to the error handler below (remixHandler passes it on).
  app.all("*", remix);

  // Whatever went wrong, the reply carries no stack trace or file path outside development.
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    console.error("[server]", error);
    if (res.headersSent) return next(error);
    const status = httpStatusOf(error);
    res.set("Cache-Control", "no-store");
    res.status(status).type("text/plain");
    if (dev) return void res.send(error instanceof Error ? (error.stack ?? error.message) : String(error));
    res.send(status === 500 ? "Something went wrong. Nothing you saved before was lost." : "The request could not be handled.");
  });

  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom) : null;
  const stopWorker = transport ? startOutboxWorker(db, transport, config.outboxPollMs) : () => Promise.resolve();
  // Reminders and digests are queued whether or not SMTP is configured (the outbox keeps them).
  const stopLearningScheduler = startLearningScheduler(db, { publicUrl: config.publicUrl, secret }, Math.max(config.outboxPollMs, 60_000));
  const sweep = setInterval(
    () =>
      void deleteExpiredSessions(db, {
        idleMs: config.sessionIdleMs,
        absoluteMs: config.sessionAbsoluteMs,
        secureCookie: config.production,
      }).catch((e: unknown) => console.error("[session] sweep failed:", e instanceof Error ? e.message : e)),
    15 * 60_000,
  );
  sweep.unref();

  const server = app.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    console.log(`[server] ${engine} · listening on http://localhost:${port}${transport ? " · SMTP on" : " · email kept in the app (no SMTP_URL)"}`);
  });

  let closing = false;
  async function shutdown(signal: string) {
    if (closing) return;
    closing = true;
    console.log(`[server] ${signal}: closing`);
    await stopLearningScheduler();
    await stopWorker();
    await briefs.close();
    server.close();
    server.closeAllConnections?.();
    await database.close().catch(() => {});
    process.exit(0);
  }
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

/** The host of an http(s) Origin header, or null when it is none ("null", not a URL, another scheme). */
function hostOf(origin: string): string | null {
  if (!URL.canParse(origin)) return null;
  const url = new URL(origin);
  return url.protocol === "http:" || url.protocol === "https:" ? url.host : null;
}

/** A client error's own status (a malformed request Express or a parser refused), else 500. */
function httpStatusOf(error: unknown): number {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status < 500 ? status : 500;
}
