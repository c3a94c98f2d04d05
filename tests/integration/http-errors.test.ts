import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { servedDatabase } from "../support/served-database";
import { rawRequest, startServerProcess, type ServerProcess } from "../support/server-process";

/**
 * Run as `npm start` runs it (NODE_ENV unset): a POST whose Origin is `null` or not an http(s) URL is refused
 * with 403, and no reply, whatever went wrong, carries a stack trace or a file path.
 */
const STACK_OR_PATH = /\n\s+at |\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d|\.js:\d|Error:/;

describe("hostile requests as `npm start` serves them", () => {
  let served: Awaited<ReturnType<typeof servedDatabase<null>>>;
  let server: ServerProcess;

  beforeAll(async () => {
    served = await servedDatabase(() => Promise.resolve(null));
    server = await startServerProcess({ ...served.env, NODE_ENV: undefined });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await served?.close();
  });

  const post = (origin: string) =>
    fetch(`${server.base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { origin, "content-type": "application/x-www-form-urlencoded" },
      body: "email=a%40example.org&password=x",
    });

  it.each(["null", "not a url", "javascript:alert(1)", "file:///etc/passwd", "http://", "://x"])("refuses a POST from Origin %j with 403", async (origin) => {
    const answer = await post(origin);
    const body = await answer.text();
    expect(answer.status).toBe(403);
    expect(body).toBe("Cross-site request refused.");
  });

  it("refuses a POST from another site, and lets one from this site through to the form's own checks", async () => {
    expect((await post("https://elsewhere.example")).status).toBe(403);
    const same = await post(server.base);
    // No CSRF token: the form refuses it, on a page of its own rather than the cross-site refusal.
    expect(same.status).toBe(403);
    expect(await same.text()).not.toBe("Cross-site request refused.");
  });

  it.each([
    ["a URL that cannot be decoded", "GET", "/%E0%A4%A"],
    ["a static path that cannot be decoded", "GET", "/assets/%E0%A4%A"],
    ["a bare percent sign", "GET", "/login/%"],
    ["a POST to a URL that cannot be decoded", "POST", "/grants/%ZZ"],
  ])("answers %s without a 500 and without a stack trace or file path", async (_name, method, path) => {
    const answer = await rawRequest(server.base, { method, path, headers: { "content-length": "0" } });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body).not.toMatch(STACK_OR_PATH);
  });

  it("never sends a stack trace with a refusal or a missing page", async () => {
    for (const origin of ["null", "not a url"]) expect(await (await post(origin)).text()).not.toMatch(STACK_OR_PATH);
    const missing = await fetch(`${server.base}/no/such/page`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toMatch(STACK_OR_PATH);
  });
});
