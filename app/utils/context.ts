import type { Kysely } from "kysely";
import type { DB } from "#db/schema";
import type { Engine } from "#db/client";
import type { Config } from "./config.server";
import type { LoginLimiter } from "./rate-limit.server";
import type { BriefPool } from "~/pdf/pool.server";
import type { KeptDocuments } from "./kept-documents.server";

/** What the server hands every loader and action (built once in server.ts). */
export interface AppContext {
  db: Kysely<DB>;
  engine: Engine;
  config: Config;
  /** Per-request nonce for the Content-Security-Policy. */
  cspNonce: string;
  /** Signing key for links in emails; generated on first run and kept in the database. */
  secret: string;
  loginLimiter: LoginLimiter;
  invitationLimiter: LoginLimiter;
  /** Renders PDF briefs off the request thread. */
  briefs: BriefPool;
  /** Controllable in tests; the real clock otherwise. */
  now: () => Date;
  /**
   * A fresh object per HTTP request (server.ts), which the loaders of one request share: Remix hands each
   * loader its own copy of the Request, so the Request itself cannot key what they share.
   */
  requestScope?: object;
  /** Rendered documents kept for pages that allow it (one store per server process; absent: none kept). */
  keptDocuments?: KeptDocuments;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}
