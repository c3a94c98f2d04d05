import { redirect } from "@remix-run/node";
import type { BriefRequest } from "~/pdf/briefs/types";
import { BriefError } from "~/pdf/pool.server";
import type { AppContext } from "./context";

/** "Cohort brief: Peer learning 2026" → "peer-learning-2026"; file names stay plain ASCII. */
export function fileSlug(text: string) {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return slug || "brief";
}

/**
 * Renders a brief in the pool and answers with the PDF as a download. If it cannot be made
 * (failure, timeout, pool full) the browser is sent back to `backTo` with `?brief=<reason>`,
 * where the page explains and offers a retry: a download is only ever a whole PDF.
 */
export async function briefResponse(context: AppContext, request: BriefRequest, fileName: string, backTo: string) {
  let pdf: Uint8Array;
  try {
    pdf = await context.briefs.render(request);
  } catch (e) {
    if (!(e instanceof BriefError)) throw e;
    if (e.reason === "failed") console.error("[brief] render failed:", e.cause);
    const url = new URL(backTo, "http://local");
    url.searchParams.set("brief", e.reason);
    return redirect(`${url.pathname}${url.search}#brief`);
  }
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.byteLength),
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export function briefFileName(kind: string, name: string, now: Date) {
  return `${kind}-${fileSlug(name)}-${now.toISOString().slice(0, 10)}.pdf`;
}
