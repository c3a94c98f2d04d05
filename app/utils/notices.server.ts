import { parse, serialize } from "cookie";
import { z } from "zod";
import type { AppContext } from "./context";
import { isNoticeName, type NoticeName, type NoticeValues } from "./notices";

/**
 * The values a notice names travel in a short-lived HttpOnly cookie instead of the URL:
 * a crafted link cannot put its own words into the app's messages, and addresses stay out
 * of URLs, logs and browser history. The root loader reads the cookie once and clears it.
 */
function cookieName(context: Pick<AppContext, "config">) {
  return context.config.production ? "__Host-sts_notice" : "sts_notice";
}

const Flash = z.object({ notice: z.string().max(50), values: z.record(z.string().max(500)) });

export function noticeValuesCookie(context: Pick<AppContext, "config">, notice: NoticeName, values: NoticeValues) {
  return serialize(cookieName(context), JSON.stringify({ notice, values }), {
    httpOnly: true,
    sameSite: "lax",
    secure: context.config.production,
    path: "/",
    maxAge: 60,
  });
}

/** The pending notice values, if any, and the Set-Cookie header that clears them. */
export function takeNoticeValues(request: Request, context: Pick<AppContext, "config">) {
  const header = request.headers.get("cookie");
  const raw = header ? parse(header)[cookieName(context)] : undefined;
  if (raw === undefined) return null;
  const clear = serialize(cookieName(context), "", {
    httpOnly: true,
    sameSite: "lax",
    secure: context.config.production,
    path: "/",
    maxAge: 0,
  });
  let flash: z.infer<typeof Flash> | null = null;
  try {
    const parsed = Flash.safeParse(JSON.parse(raw));
    if (parsed.success && isNoticeName(parsed.data.notice)) flash = parsed.data;
  } catch {
    /* a malformed cookie is cleared and ignored */
  }
  return { flash, clear };
}
