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

function loginRequest(fields: Record<string, string>, cookie = `sts_csrf=${CSRF}`) {
  return new Request("http://localhost/login", {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf: CSRF, redirectTo: "/", ...fields }),
  });
}

async function attempt(fields: Record<string, string>, cookie?: string) {
  try {
    const r = await login.action({ request: loginRequest(fields, cookie), context, params: {} } as never);
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
