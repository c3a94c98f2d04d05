import type { Database } from "#db/client";
import type { AppContext } from "~/utils/context";
import { readConfig } from "~/utils/config.server";
import { createSession } from "~/utils/session.server";
import type { BriefPool } from "~/pdf/pool.server";
import type { LoginLimiter } from "~/utils/rate-limit.server";

export const CSRF = "a".repeat(32);

/** What the server hands loaders and actions, over a test database. */
export function routeContext(
  database: Database,
  extra: { briefs?: BriefPool; loginLimiter?: LoginLimiter; invitationLimiter?: LoginLimiter } = {},
): AppContext {
  return {
    db: database.db,
    engine: database.engine,
    config: readConfig({ PUBLIC_URL: "https://commons.example" } as unknown as NodeJS.ProcessEnv),
    cspNonce: "n",
    secret: "route-test-secret",
    loginLimiter: extra.loginLimiter ?? (undefined as never),
    invitationLimiter: extra.invitationLimiter ?? (undefined as never),
    briefs: extra.briefs ?? (undefined as never),
    now: () => new Date(),
  };
}

/** Session and CSRF cookies of a signed-in user. */
export async function cookieFor(context: AppContext, userId: string) {
  const policy = { idleMs: context.config.sessionIdleMs, absoluteMs: context.config.sessionAbsoluteMs, secureCookie: false };
  const { token } = await createSession(context.db, policy, userId, null);
  return `sts_session=${token}; sts_csrf=${CSRF}`;
}

export function get(path: string, cookie?: string) {
  return new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} });
}

/** A form post with the CSRF field the cookie of `cookieFor` matches; repeated keys for arrays. */
export function post(path: string, cookie: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams({ csrf: CSRF });
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body,
  });
}

/** The HTTP status of what a loader or action threw or returned, and the response when there was one. */
export async function answerOf(run: () => unknown): Promise<{ status: number; response?: Response }> {
  try {
    const result = await run();
    if (result instanceof Response) return { status: result.status, response: result };
    return { status: (result as { init?: { status?: number } })?.init?.status ?? 200 };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, response: thrown };
    const init = (thrown as { init?: { status?: number } })?.init;
    if (init?.status) return { status: init.status };
    throw thrown;
  }
}
