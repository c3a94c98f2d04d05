import { parse, serialize } from "cookie";
import type { AppContext } from "./context";
import { generateToken, safeEqual, sign } from "./tokens.server";

/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser that has signed in
 * to an account before carries a signed token for it, and guesses from that browser are counted apart from
 * guesses from anywhere else, so someone hammering an account from elsewhere cannot keep its owner out
 * (docs/decisions/0073-login-throttling.md). The token names no account: it is a random nonce and a signature
 * over the nonce and the account's address, so it proves a past sign-in only for the address it was made for.
 */
const MAX_ACCOUNTS = 5;
const MAX_AGE_SECONDS = 365 * 24 * 3600;

function cookieName(context: Pick<AppContext, "config">) {
  return context.config.production ? "__Host-sts_device" : "sts_device";
}

function entries(request: Request, context: Pick<AppContext, "config">): string[] {
  const header = request.headers.get("cookie");
  const value = header ? parse(header)[cookieName(context)] : undefined;
  // A handful of short entries; anything else is not ours and is ignored.
  if (!value || value.length > 600) return [];
  return value
    .split("~")
    .filter((e) => /^[a-z2-7]{32}\.[A-Za-z0-9_-]{43}$/.test(e))
    .slice(0, MAX_ACCOUNTS);
}

function signatureFor(context: Pick<AppContext, "secret">, nonce: string, email: string) {
  return sign(context.secret, `device|${nonce}|${email}`);
}

/** The nonce of this browser's device token for `email` (already normalised), or null when it has none. */
export function deviceFor(request: Request, context: Pick<AppContext, "config" | "secret">, email: string): string | null {
  for (const entry of entries(request, context)) {
    const [nonce, signature] = entry.split(".");
    if (safeEqual(signature, signatureFor(context, nonce, email))) return nonce;
  }
  return null;
}

/** The Set-Cookie header after a successful sign-in: this browser is now known for `email`, and stays known for the others. */
export function deviceCookie(request: Request, context: Pick<AppContext, "config" | "secret">, email: string): string {
  const known = deviceFor(request, context, email);
  const nonce = known ?? generateToken();
  const mine = `${nonce}.${signatureFor(context, nonce, email)}`;
  const others = entries(request, context).filter((e) => !e.startsWith(`${nonce}.`));
  return serialize(cookieName(context), [mine, ...others].slice(0, MAX_ACCOUNTS).join("~"), {
    httpOnly: true,
    sameSite: "lax",
    secure: context.config.production,
    path: "/",
    maxAge: MAX_AGE_SECONDS,
  });
}
