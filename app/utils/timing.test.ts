import { describe, expect, it } from "vitest";
import { recordQuery, serverTimingHeader, withRequestTiming } from "./timing.server";

describe("Server-Timing", () => {
  it("adds up the queries of one request and reports app and render phases", async () => {
    const header = await withRequestTiming(async () => {
      recordQuery(2.5);
      await Promise.resolve();
      recordQuery(1.25);
      const started = performance.now();
      return serverTimingHeader(started - 0, started + 4);
    });
    expect(header).toMatch(/^db;dur=3\.8;desc="2 queries", app;dur=[\d.]+, render;dur=4\.0$/);
  });

  it("says when the document was kept rather than rendered", () => {
    const header = withRequestTiming(() => serverTimingHeader(10, 10.5, true));
    expect(header).toMatch(/render;dur=0\.5;desc="kept"$/);
  });

  it("keeps requests apart", async () => {
    const [a, b] = await Promise.all([
      withRequestTiming(async () => {
        recordQuery(10);
        await new Promise((r) => setImmediate(r));
        return serverTimingHeader();
      }),
      withRequestTiming(async () => {
        await new Promise((r) => setImmediate(r));
        recordQuery(1);
        return serverTimingHeader();
      }),
    ]);
    expect(a).toContain('db;dur=10.0;desc="1 queries"');
    expect(b).toContain('db;dur=1.0;desc="1 queries"');
  });

  it("says nothing outside a request", () => {
    recordQuery(5);
    expect(serverTimingHeader()).toBeNull();
  });
});
