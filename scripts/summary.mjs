// Adds up the suites' JSON reports into one closing line: "N passed, N failed".
import { existsSync, readFileSync } from "node:fs";

let passed = 0,
  failed = 0,
  skipped = 0;
const missing = [];
for (const suite of ["unit", "integration"]) {
  const file = `.test-reports/${suite}.json`;
  if (!existsSync(file)) {
    missing.push(suite);
    continue;
  }
  const r = JSON.parse(readFileSync(file, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
const e2e = ".test-reports/e2e.json";
if (existsSync(e2e)) {
  const s = JSON.parse(readFileSync(e2e, "utf8")).stats;
  passed += s.expected + (s.flaky ?? 0);
  failed += s.unexpected;
  skipped += s.skipped;
} else missing.push("e2e");
if (missing.length) console.log(`[test] no report from: ${missing.join(", ")}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || missing.length ? 1 : 0);
