import { data } from "@remix-run/node";
import { isId } from "./ids";

/** 404 says nothing about whether the thing exists for someone else. */
export function notFound(): never {
  throw data({ reason: "not-found" }, { status: 404 });
}

/** A request the page cannot answer as asked (an unknown sort key); `reason` says what was not understood. */
export function badRequest(reason: string): never {
  throw data({ reason }, { status: 400 });
}

export function forbidden(): never {
  throw data({ reason: "forbidden" }, { status: 403 });
}

/** An id from the URL's path: anything but a well-formed id is a page that does not exist. */
export function paramId(params: Record<string, string | undefined>, name: string): string {
  const value = params[name];
  if (!isId(value)) notFound();
  return value;
}

/**
 * Only same-site relative paths, so a crafted redirectTo cannot send a user elsewhere.
 * Browsers drop tabs and newlines inside a URL, so "/\t/evil.com" would be read as
 * "//evil.com": control characters are refused too.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001F\u007F]/.test(to)) return fallback;
  return to;
}

export function clientAddress(request: Request) {
  return request.headers.get("x-sts-client-address") ?? "unknown";
}
