import { Kysely, PostgresDialect, sql, type LogEvent, type PostgresPool } from "kysely";
import type { DB } from "./schema";

export type Engine = "pglite" | "postgres";

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The `pg` pool behind a PostgreSQL database (for libraries that want one). */
  pool(): Promise<import("pg").Pool | undefined>;
  /**
   * The same database, every statement from now on run as `role` (see db/app-role.ts). On
   * PostgreSQL this is a new pool whose connections start as the role; use the returned value.
   */
  actAs(role: string): Promise<Database>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite engine is used. */
  databaseUrl?: string;
  /** PGlite data directory; undefined means in memory. */
  dataDir?: string;
  /** PostgreSQL schema to use as search_path (tests give each run its own). */
  schema?: string;
  poolSize?: number;
  /** Called after every query with its duration (Server-Timing adds these up per request). */
  onQuery?: (durationMs: number) => void;
}

function queryLogger(onQuery?: (durationMs: number) => void) {
  if (!onQuery) return undefined;
  return (event: LogEvent) => {
    onQuery(event.queryDurationMillis);
  };
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Money is integer cents and counts are bigint in the database. Both drivers hand
 * int8/numeric over as strings (or BigInt); we turn them into numbers only when the
 * value is exactly representable, and fail loudly otherwise. See
 * docs/decisions/0003-money-as-integer-cents.md.
 */
export function parseExactInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    if (/^-?\d+\.\d+$/.test(value)) throw new RangeError(`Non-integer numeric ${value} where an integer was expected`);
    throw new RangeError(`Integer ${value} is outside the exact range of a JavaScript number`);
  }
  return n;
}

function parseNumeric(value: string): number {
  return /^-?\d+$/.test(value) ? parseExactInteger(value) : Number(value);
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const log = queryLogger(options.onQuery);
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.schema, options.poolSize, log);
  return openPGlite(options.dataDir, log);
}

type Logger = ReturnType<typeof queryLogger>;

async function openPostgres(connectionString: string, schema?: string, poolSize = 10, log?: Logger, role?: string): Promise<Database> {
  const pg = await import("pg");
  const Pool = pg.default.Pool;
  // Startup options rather than a SET after connecting: no connection is ever handed out before they hold.
  const options = [schema && `-c search_path=${quoteIdent(schema)}`, role && `-c role=${quoteIdent(role)}`].filter(Boolean).join(" ");
  const pool = new Pool({
    connectionString,
    max: poolSize,
    options: options || undefined,
    types: {
      getTypeParser(oid: number, format?: "text" | "binary") {
        if (oid === INT8_OID) return parseExactInteger;
        if (oid === NUMERIC_OID) return parseNumeric;
        return pg.default.types.getTypeParser(oid, format) as (value: string) => unknown;
      },
    },
  });
  // An idle client that loses its server must not crash the process.
  pool.on("error", (err) => console.error("[db] idle client error:", err.message));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
  return {
    db,
    engine: "postgres",
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
    pool: () => Promise.resolve(pool),
    actAs: async (next) => {
      await db.destroy();
      return openPostgres(connectionString, schema, poolSize, log, next);
    },
  };
}

/** A lower-case SQL identifier, refused unless plainly safe to splice into a statement. */
export function quoteIdent(name: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe identifier: ${name}`);
  return name;
}

async function openPGlite(dataDir?: string, log?: Logger): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = new PGlite(dataDir, {
    parsers: { [INT8_OID]: parseExactInteger, [NUMERIC_OID]: parseNumeric },
  });
  await pglite.waitReady;
  const pool = new PGlitePool(pglite);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
  const database: Database = {
    db,
    engine: "pglite",
    ping: async () => {
      if (pglite.closed) throw new Error("PGlite is closed");
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
    pool: () => Promise.resolve(undefined),
    // One connection: the role is set on it for the rest of the session.
    actAs: async (role) => {
      await sql.raw(`set role ${quoteIdent(role)}`).execute(db);
      return database;
    },
  };
  return database;
}

type PGliteInstance = import("@electric-sql/pglite").PGlite;

/**
 * PGlite is one connection. Kysely's Postgres dialect asks a pool for a client per
 * query or transaction; this pool hands out the single connection one holder at a
 * time, so a transaction is never interleaved with another request's statements.
 */
export class PGlitePool implements PostgresPool {
  #tail: Promise<void> = Promise.resolve();
  constructor(private readonly pglite: PGliteInstance) {}

  async connect() {
    let release!: () => void;
    const previous = this.#tail;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    const pglite = this.pglite;
    let released = false;
    return {
      async query(text: string, parameters: readonly unknown[]) {
        const result = await pglite.query<Record<string, unknown>>(text, parameters as unknown[]);
        const command = text.trimStart().split(/\s+/, 1)[0].toUpperCase();
        return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
      },
      release() {
        if (released) return;
        released = true;
        release();
      },
    } as never;
  }

  async end() {
    await this.#tail;
    await this.pglite.close();
  }
}
