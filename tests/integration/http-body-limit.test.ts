import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "~/utils/request-body.server";
import { createCohortWorld } from "../support/learning-factories";
import { CSRF } from "../support/routes";
import { servedDatabase, sessionCookie } from "../support/served-database";
import { rawRequest, startServerProcess, type ServerProcess } from "../support/server-process";

/**
 * The server reads no request body past its limit, whatever the framing: a chunked body of many megabytes
 * (no Content-Length) is answered 413 while the client is still sending, before any CSRF check, login or
 * route sees it, and a declared length over the limit is refused without reading.
 */
const OFFERED = 48 * 2 ** 20;
const CHUNK = 64 * 1024;

function* bytes(total = OFFERED, fill = "a") {
  const chunk = new TextEncoder().encode(`x=${fill.repeat(CHUNK - 3)}&`);
  for (let sent = 0; sent < total; sent += chunk.byteLength) yield chunk;
}

describe("request body limit", () => {
  let served: Awaited<ReturnType<typeof servedDatabase<{ cookie: string; path: string }>>>;
  let server: ServerProcess;

  beforeAll(async () => {
    served = await servedDatabase(async (db) => {
      const world = await createCohortWorld(db);
      return { cookie: await sessionCookie(db, world.staff.id), path: `/cohorts/${world.cohortId}` };
    });
    server = await startServerProcess(served.env);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await served?.close();
  });

  const form = { "content-type": "application/x-www-form-urlencoded" };

  it("answers 413 to a chunked body of many megabytes sent to /login, long before it is all sent", async () => {
    const answer = await rawRequest(server.base, { path: "/login", headers: { ...form, origin: server.base }, chunked: true, body: () => bytes() });
    expect(answer.status).toBe(413);
    // The kernel's socket buffers take some megabytes; the server itself stopped at its limit.
    expect(answer.bytesSent).toBeLessThan(OFFERED);
  });

  it("answers 413 to a chunked body sent to a signed-in form action, with a valid CSRF token", async () => {
    const answer = await rawRequest(server.base, {
      path: served.value.path,
      headers: { ...form, origin: server.base, cookie: served.value.cookie },
      chunked: true,
      body: function* () {
        yield new TextEncoder().encode(`csrf=${CSRF}&intent=thread&title=t&body=`);
        yield* bytes();
      },
    });
    expect(answer.status).toBe(413);
    expect(answer.bytesSent).toBeLessThan(OFFERED);
  });

  it("answers 413 to a route that never reads a form: the limit is the server's, not only the form reader's", async () => {
    const answer = await rawRequest(server.base, { path: "/", headers: form, chunked: true, body: () => bytes() });
    expect(answer.status).toBe(413);
    expect(answer.bytesSent).toBeLessThan(OFFERED);
  });

  it("refuses a declared length over the limit before reading any of it", async () => {
    const answer = await rawRequest(server.base, {
      path: "/login",
      headers: { ...form, "content-length": String(OFFERED) },
      body: () => bytes(),
    });
    expect(answer.status).toBe(413);
  });

  it("still takes a body just under the limit, chunked", async () => {
    // Accepted by the server, then refused by the form's own CSRF check: 403, not 413.
    const answer = await rawRequest(server.base, {
      path: "/login",
      headers: { ...form, origin: server.base },
      chunked: true,
      body: () => bytes(MAX_BODY_BYTES - CHUNK),
    });
    expect(answer.status).toBe(403);
  });
});
