import { parse, serialize } from "cookie";
import { generateToken, safeEqual } from "./tokens.server";
import type { AppContext } from "./context";

/**
 * Double-submit token: a random value in an HttpOnly cookie that every form echoes back
 * in a hidden field. The server also refuses cross-site POSTs by their Origin header
 * (server.ts). See docs/decisions/0004-csrf.md.
 */
export const CSRF_FIELD = "csrf";

function cookieName(context: Pick<AppContext, "config">) {
  return context.config.production ? "__Host-sts_csrf" : "sts_csrf";
}

function readCookie(request: Request, context: Pick<AppContext, "config">) {
  const header = request.headers.get("cookie");
  return header ? parse(header)[cookieName(context)] : undefined;
}

/** The token for this browser, and a Set-Cookie header when it had none yet. */
export function csrfToken(request: Request, context: Pick<AppContext, "config">) {
  const existing = readCookie(request, context);
  if (existing && /^[a-z2-7]{32}$/.test(existing)) return { token: existing, setCookie: null };
  const token = generateToken();
  const setCookie = serialize(cookieName(context), token, {
    httpOnly: true,
    sameSite: "lax",
    secure: context.config.production,
    path: "/",
  });
  return { token, setCookie };
}

export class CsrfError extends Error {}

export function verifyCsrf(request: Request, form: FormData, context: Pick<AppContext, "config">) {
  const cookie = readCookie(request, context);
  const submitted = form.get(CSRF_FIELD);
  if (!cookie || typeof submitted !== "string" || !safeEqual(cookie, submitted)) {
    throw new CsrfError("The form has expired. Reload the page and submit it again.");
  }
}
