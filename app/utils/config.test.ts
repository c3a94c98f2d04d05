import { describe, expect, it } from "vitest";
import { readConfig as readConfigFrom } from "./config.server";

/** ProcessEnv's type insists on NODE_ENV; these tests want to leave it out. */
const readConfig = (env: Record<string, string | undefined>) => readConfigFrom(env as NodeJS.ProcessEnv);

describe("readConfig", () => {
  it("never enables demo data in production, whatever DEMO_DATA says", () => {
    for (const DEMO_DATA of ["1", "true", "yes", "auto", undefined]) {
      expect(readConfig({ NODE_ENV: "production", DEMO_DATA }).demoData).toBe(false);
    }
  });

  it("enables demo data outside production unless turned off", () => {
    expect(readConfig({}).demoData).toBe(true);
    expect(readConfig({ DEMO_DATA: "1" }).demoData).toBe(true);
    expect(readConfig({ DEMO_DATA: "0" }).demoData).toBe(false);
    expect(readConfig({ NODE_ENV: "development", DEMO_DATA: "no" }).demoData).toBe(false);
  });

  it("has the documented defaults", () => {
    const config = readConfig({});
    expect(config.production).toBe(false);
    expect(config.port).toBe(3000);
    expect(config.sessionIdleMs).toBe(30 * 60_000);
    expect(config.sessionAbsoluteMs).toBe(12 * 3_600_000);
    expect(config.publicUrl).toBe("http://localhost:3000");
    expect(config.trustProxy).toBe(false);
    expect(config.smtpUrl).toBeUndefined();
    expect(config.keptDocumentsBytes).toBe(32 * 2 ** 20);
    expect(config.pdfPriority).toBe("idle");
  });

  it("turns kept documents off with KEPT_DOCUMENTS_MB=0 and refuses a negative size", () => {
    expect(readConfig({ KEPT_DOCUMENTS_MB: "0" }).keptDocumentsBytes).toBe(0);
    expect(() => readConfig({ KEPT_DOCUMENTS_MB: "-1" })).toThrow();
  });

  it("reads the variables it is given", () => {
    const config = readConfig({ PORT: "8080", SESSION_IDLE_MINUTES: "5", PUBLIC_URL: "https://sts.example.org/", SMTP_URL: "" });
    expect(config.port).toBe(8080);
    expect(config.sessionIdleMs).toBe(5 * 60_000);
    expect(config.publicUrl).toBe("https://sts.example.org");
    expect(config.smtpUrl).toBeUndefined();
  });

  it("runs one server process unless told otherwise, and several only on PostgreSQL", () => {
    expect(readConfig({}).webConcurrency).toBe(1);
    expect(readConfig({ WEB_CONCURRENCY: "2", DATABASE_URL: "postgres://app@db.example/sts" }).webConcurrency).toBe(2);
    // PGlite's files belong to one process: a second would corrupt them.
    expect(() => readConfig({ WEB_CONCURRENCY: "2" })).toThrow(/WEB_CONCURRENCY above 1 needs DATABASE_URL/);
    expect(() => readConfig({ WEB_CONCURRENCY: "0", DATABASE_URL: "postgres://app@db.example/sts" })).toThrow();
  });

  it("refuses invalid values", () => {
    expect(() => readConfig({ PORT: "70000" })).toThrow();
    expect(() => readConfig({ SESSION_IDLE_MINUTES: "0" })).toThrow();
    expect(() => readConfig({ DEMO_DATA: "maybe" })).toThrow();
  });
});
