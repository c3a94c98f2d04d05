import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "./utils/nonce";
import { serverTimingHeader } from "./utils/timing.server";
import { documentKey, keptEncoding, mayKeep, readHandoff } from "./utils/kept-documents.server";
import { documentCacheControl, NO_STORE } from "./utils/response-headers.server";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const renderStartedAt = performance.now();
  const documents = loadContext.keptDocuments;
  let key: string | null = null;
  const rendered = remixContext.staticHandlerContext;
  // Decided before keeping: a page sent `no-store` is not kept in memory either.
  const cacheControl = documentCacheControl(rendered.matches.map((m) => m.route.id));
  if (cacheControl) responseHeaders.set("Cache-Control", cacheControl);
  const keepable = mayKeep({
    method: request.method,
    status: responseStatusCode,
    hasErrors: Boolean(rendered.errors),
    hasActionData: Boolean(rendered.actionData),
    handles: rendered.matches.map((m) => remixContext.routeModules[m.route.id]?.handle),
    cacheControl: responseHeaders.get("Cache-Control"),
  });
  if (documents && remixContext.serverHandoffStream && keepable) {
    const handoff = await readHandoff(remixContext.serverHandoffStream);
    remixContext.serverHandoffStream = handoff.stream;
    key = handoff.text === null ? null : documentKey(request.url, responseStatusCode, handoff.text);
    const encoding = keptEncoding(request.headers.get("Accept-Encoding"));
    const kept = key ? documents.serve(key, nonce, encoding) : undefined;
    if (kept) {
      void handoff.stream.cancel().catch(() => {});
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      // Already compressed, so the compression middleware passes it through (bench/notes.md, section 14).
      if (encoding === "gzip") responseHeaders.set("Content-Encoding", "gzip");
      responseHeaders.append("Vary", "Accept-Encoding");
      responseHeaders.set("Content-Length", String(kept.byteLength));
      const timing = serverTimingHeader(renderStartedAt, performance.now(), true);
      if (timing) responseHeaders.set("Server-Timing", timing);
      return new Response(kept, { headers: responseHeaders, status: responseStatusCode });
    }
  }
  // The whole document is rendered, then sent as one body (docs/decisions/0064-whole-document-responses.md):
  // no page suspends, and React's many small chunks each cost a compression pass and a socket write.
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        const html = Buffer.concat(chunks);
        // A render that failed after the shell (status set to 500 in onError) is never kept.
        if (key && responseStatusCode === 200) documents?.keep(key, html, nonce);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        const timing = serverTimingHeader(renderStartedAt);
        if (timing) responseHeaders.set("Server-Timing", timing);
        resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          clearTimeout(timer);
          pipe(sink);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Loader and action data (client navigations, fetchers) carry the same timing. No data response is stored by a
 * browser or proxy: Remix never reuses one, and which routes a data request covers is not known here.
 */
export function handleDataRequest(response: Response) {
  const timing = serverTimingHeader();
  if (timing) response.headers.set("Server-Timing", timing);
  if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", NO_STORE);
  return response;
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error("[remix]", error);
}
