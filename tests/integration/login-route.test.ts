import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as login from "~/routes/login";
import { createLimiter, LOGIN_RULES } from "~/utils/rate-limit.server";
import { validateSessionToken } from "~/utils/session.server";
import { sessionPolicy } from "~/utils/auth.server";
import type { AppContext } from "~/utils/context";
import { createTestDatabase } from "../support/db";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { cookieFor, CSRF, routeContext } from "../support/routes";

const database = await createTestDatabase();
let context: AppContext;
beforeAll(() => {
  context = routeContext(database, { loginLimiter: createLimiter(LOGIN_RULES) });
});
afterAll(() => database.close());

function loginRequest(fields: Record<string, string>, cookie = `sts_csrf=${CSRF}`, address = "192.0.2.1") {
  return new Request("http://localhost/login", {
    method: "POST",
    // The address server.ts decided on for the client.
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", "x-sts-client-address": address },
    body: new URLSearchParams({ csrf: CSRF, redirectTo: "/", ...fields }),
  });
}

async function attempt(fields: Record<string, string>, cookie?: string, address?: string) {
  try {
    const r = await login.action({ request: loginRequest(fields, cookie, address), context, params: {} } as never);
    if (r instanceof Response) return { status: r.status, headers: r.headers, body: null as unknown };
    const d = r as unknown as { data: unknown; init?: { status?: number } };
    return { status: d.init?.status ?? 200, headers: new Headers(), body: d.data };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, headers: thrown.headers, body: null as unknown };
    throw thrown;
  }
}

describe("logging in", () => {
  it("issues a new session token and ends the one the browser held before", async () => {
    const user = await createUser(database.db);
    const before = await cookieFor(context, user.id);
    const oldToken = /sts_session=([^;]+)/.exec(before)![1];
    const answer = await attempt({ email: user.email, password: TEST_PASSWORD }, before);
    expect(answer.status).toBe(302);
    const newToken = /sts_session=([^;]+)/.exec(answer.headers.get("set-cookie") ?? "")?.[1];
    expect(newToken).toMatch(/^[a-z2-7]{32}$/);
    expect(newToken).not.toBe(oldToken);
    expect(await validateSessionToken(context.db, sessionPolicy(context), oldToken)).toBeNull();
    expect(await validateSessionToken(context.db, sessionPolicy(context), newToken!)).not.toBeNull();
  });

  it("answers an unknown address exactly as a wrong password, so accounts cannot be discovered", async () => {
    const user = await createUser(database.db);
    const wrong = await attempt({ email: user.email, password: "not the password at all" });
    const unknown = await attempt({ email: `nobody-${Date.now()}@example.org`, password: "not the password at all" });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(wrong.status);
    const strip = (b: unknown) => JSON.stringify(b).replace(/"initialValue":\{[^}]*\}/, "");
    expect(strip(unknown.body)).toBe(strip(wrong.body));
    expect(JSON.stringify(wrong.body)).toContain("That email and password do not match an account.");
  });
});

let n = 0;
const someAddress = () => `198.51.100.${n++ % 250}-${Date.now().toString(36)}`;
const WRONG = "not the password at all";

/** The device cookie a successful sign-in set, as a cookie header with the CSRF cookie. */
function deviceCookieOf(answer: { headers: Headers }) {
  const device = answer.headers.getSetCookie().find((c) => c.startsWith("sts_device="));
  expect(device).toBeDefined();
  return `sts_csrf=${CSRF}; ${device!.split(";")[0]}`;
}

describe("login limits (docs/decisions/0073-login-throttling.md)", () => {
  it("keeps guessing from one address expensive: after three wrong passwords even the right one waits", async () => {
    const user = await createUser(database.db);
    const from = someAddress();
    for (let i = 0; i < 3; i++) expect((await attempt({ email: user.email, password: WRONG }, undefined, from)).status).toBe(400);
    const held = await attempt({ email: user.email, password: TEST_PASSWORD }, undefined, from);
    expect(held.status).toBe(429);
    expect(JSON.stringify(held.body)).toMatch(/Too many attempts/);
    expect(held.headers.get("set-cookie")).toBeNull();
    // The same wait for an address no account has: limits reveal nothing.
    const nobody = `nobody-${Date.now()}@example.org`;
    for (let i = 0; i < 3; i++) await attempt({ email: nobody, password: WRONG }, undefined, from);
    expect((await attempt({ email: nobody, password: WRONG }, undefined, from)).status).toBe(429);
  });

  it("does not let anyone lock the owner out: guessing from one address does not hold the owner at another", async () => {
    const user = await createUser(database.db);
    const attacker = someAddress();
    for (let i = 0; i < 10; i++) await attempt({ email: user.email, password: WRONG }, undefined, attacker);
    expect((await attempt({ email: user.email, password: WRONG }, undefined, attacker)).status).toBe(429);
    expect((await attempt({ email: user.email, password: TEST_PASSWORD }, undefined, someAddress())).status).toBe(302);
  });

  it("lets the owner in from a browser that signed in before while guessing from many addresses holds every other browser", async () => {
    const user = await createUser(database.db);
    const first = await attempt({ email: user.email, password: TEST_PASSWORD }, undefined, someAddress());
    expect(first.status).toBe(302);
    const known = deviceCookieOf(first);
    // Thirty failures spread over thirty addresses: the ceiling for browsers the account has not seen.
    for (let i = 0; i < 30; i++) await attempt({ email: user.email, password: WRONG }, undefined, someAddress());
    expect((await attempt({ email: user.email, password: TEST_PASSWORD }, undefined, someAddress())).status).toBe(429);
    const owner = await attempt({ email: user.email, password: TEST_PASSWORD }, known, someAddress());
    expect(owner.status).toBe(302);
  });

  it("trusts only a device cookie signed for this account: a forged one or another account's counts as a new browser", async () => {
    const user = await createUser(database.db);
    const other = await createUser(database.db);
    const othersBrowser = deviceCookieOf(await attempt({ email: other.email, password: TEST_PASSWORD }, undefined, someAddress()));
    const forged = othersBrowser.replace(/sts_device=([a-z2-7]{32})\.[A-Za-z0-9_-]{43}/, (_m, nonce: string) => `sts_device=${nonce}.${"A".repeat(43)}`);
    expect(forged).not.toBe(othersBrowser);
    for (let i = 0; i < 30; i++) await attempt({ email: user.email, password: WRONG }, undefined, someAddress());
    for (const cookie of [othersBrowser, forged]) {
      expect((await attempt({ email: user.email, password: TEST_PASSWORD }, cookie, someAddress())).status).toBe(429);
    }
  });

  it("makes the device cookie HttpOnly, SameSite=Lax and long-lived, naming no account, and keeps the browser's other accounts", async () => {
    const user = await createUser(database.db);
    const other = await createUser(database.db);
    const answer = await attempt({ email: user.email, password: TEST_PASSWORD }, undefined, someAddress());
    const header = answer.headers.getSetCookie().find((c) => c.startsWith("sts_device="))!;
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(Number(/Max-Age=(\d+)/i.exec(header)?.[1])).toBeGreaterThan(30 * 24 * 3600);
    expect(decodeURIComponent(header)).not.toContain(user.email);
    const both = deviceCookieOf(await attempt({ email: other.email, password: TEST_PASSWORD }, deviceCookieOf(answer), someAddress()));
    for (let i = 0; i < 30; i++) await attempt({ email: user.email, password: WRONG }, undefined, someAddress());
    expect((await attempt({ email: user.email, password: TEST_PASSWORD }, both, someAddress())).status).toBe(302);
  });
});
