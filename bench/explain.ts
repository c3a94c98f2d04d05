/**
 * `DATABASE_URL=… tsx bench/explain.ts [query-string]`: seeds a full-scale schema, captures the
 * portfolio loader's statements (Kysely `log`) and prints EXPLAIN ANALYZE for each.
 */
import { Kysely, PostgresDialect, sql } from "kysely";
import { benchCaller, createBenchDatabase, FULL_SCALE, QUICK_SCALE, seed } from "./seed";
import { portfolioPageData, parsePortfolioQuery } from "../app/domain/portfolio.server";
import type { DB } from "../db/schema";

if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is required");
const bdb = await createBenchDatabase(process.env.DATABASE_URL);
const d = await bdb.open();
try {
  const summary = await seed(d.db, process.env.BENCH_QUICK === "1" ? QUICK_SCALE : FULL_SCALE);
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: (await d.pool())! }),
    log: (e) => void captured.push({ sql: e.query.sql, parameters: e.query.parameters }),
  });
  const caller = await benchCaller(db, summary.officerEmail, summary.foundationId);
  captured.length = 0;
  await portfolioPageData(db, caller, parsePortfolioQuery(new URLSearchParams(process.argv[2] ?? "")));
  // The loader's own statements, not the transactions (and their tenant settings) each part runs in.
  for (const q of captured.filter((c) => !/^(begin|commit|rollback)$/i.test(c.sql.trim()) && !c.sql.trim().startsWith("select set_config("))) {
    let text = q.sql;
    q.parameters.forEach((p, i) => {
      text = text.replace(new RegExp(`\\$${i + 1}(?!\\d)`, "g"), typeof p === "number" ? String(p) : `'${String(p).replace(/'/g, "''")}'`);
    });
    const plan = await sql.raw<{ "QUERY PLAN": string }>(`explain analyze ${text}`).execute(d.db);
    console.log("—".repeat(80));
    console.log(text);
    console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
  }
} finally {
  await d.close();
  await bdb.drop();
}
