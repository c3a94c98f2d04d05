import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", "auto"])
  .optional()
  .transform((v) => (v === undefined || v === "auto" ? undefined : ["1", "true", "yes"].includes(v)));

const EnvSchema = z
  .object({
    NODE_ENV: z.string().optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    DATABASE_URL: z.string().url().optional(),
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/)
      .optional(),
    DATA_DIR: z.string().default("./data"),
    PUBLIC_URL: z.string().url().optional(),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("STS Commons <no-reply@sts-commons.local>"),
    DEMO_DATA: flag,
    MIGRATE: flag,
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
    OUTBOX_POLL_MS: z.coerce.number().int().min(50).default(2000),
    TRUST_PROXY: flag,
    PDF_THREADS: z.coerce.number().int().min(1).max(16).optional(),
    PDF_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(20),
    PDF_PRIORITY: z.enum(["idle", "low", "normal"]).default("idle"),
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    KEPT_DOCUMENTS_MB: z.coerce.number().int().min(0).max(4096).default(32),
  })
  .refine((e) => e.WEB_CONCURRENCY === 1 || e.DATABASE_URL, {
    path: ["WEB_CONCURRENCY"],
    message: "WEB_CONCURRENCY above 1 needs DATABASE_URL: the embedded database belongs to one process",
  });

export interface Config {
  production: boolean;
  port: number;
  host: string;
  databaseUrl?: string;
  databaseSchema?: string;
  dataDir: string;
  publicUrl: string;
  smtpUrl?: string;
  mailFrom: string;
  demoData: boolean;
  /** Migrate (and seed demo data) when the server starts; off when it logs in as a role that cannot (docs/decisions/0060). */
  migrate: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  outboxPollMs: number;
  trustProxy: boolean;
  /** Brief-rendering threads; unset means one fewer than the cores (at least one). */
  pdfThreads?: number;
  pdfTimeoutMs: number;
  /** Render threads' CPU priority: "idle" (SCHED_IDLE and nice 10), "low" (nice 10) or "normal" (tests). */
  pdfPriority: "idle" | "low" | "normal";
  /** Server processes sharing the port (PostgreSQL only). */
  webConcurrency: number;
  /** Memory each server process may use for kept documents; 0 keeps none. */
  keptDocumentsBytes: number;
}

/** Reads configuration from the environment; every variable is listed in the README. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = EnvSchema.parse(env);
  const production = e.NODE_ENV === "production";
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    dataDir: e.DATA_DIR,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    // Demo data is never seeded in production, whatever DEMO_DATA says.
    demoData: !production && (e.DEMO_DATA ?? true),
    migrate: e.MIGRATE ?? true,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    outboxPollMs: e.OUTBOX_POLL_MS,
    trustProxy: e.TRUST_PROXY ?? false,
    pdfThreads: e.PDF_THREADS,
    pdfTimeoutMs: e.PDF_TIMEOUT_SECONDS * 1000,
    pdfPriority: e.PDF_PRIORITY,
    webConcurrency: e.WEB_CONCURRENCY,
    keptDocumentsBytes: e.KEPT_DOCUMENTS_MB * 2 ** 20,
  };
}
