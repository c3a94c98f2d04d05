import type { IncomingMessage } from "node:http";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import { FORM_LIMITS } from "./form-body.server";

/** No request body is read past this, whatever its framing: the largest form is all any route takes. */
export const MAX_BODY_BYTES = FORM_LIMITS.bytes;

const BODY = Symbol("request body");
type WithBody = ExpressRequest & { [BODY]?: Buffer };

/**
 * Reads a body up to `limit` bytes, counted as they arrive (a chunked body declares no length; a declared one
 * may lie). Past the limit it stops reading, so the client's further bytes wait in the socket until it is closed.
 */
export function readBodyWithin(req: IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("aborted", onAborted);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limit) {
        done();
        req.pause();
        return resolve("too-large");
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, total));
    };
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    const onAborted = () => onError(new Error("request aborted"));
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("error", onError);
    req.once("aborted", onAborted);
  });
}

/**
 * Express middleware: the body of every request that may carry one is read here, within MAX_BODY_BYTES, before
 * any route, CSRF check or login sees it. Too large: 413 and the connection is closed.
 */
export function boundedBody(limit = MAX_BODY_BYTES) {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const tooLarge = () => {
      lingeringClose(req);
      res.set("Connection", "close");
      res.status(413).type("text/plain").send("The request is larger than this site accepts.");
    };
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limit) return tooLarge();
    readBodyWithin(req, limit).then((body) => {
      if (body === "too-large") return tooLarge();
      (req as WithBody)[BODY] = body;
      next();
    }, next);
  };
}

/**
 * Reads nothing more of the request and closes its connection gently. Node closes a "Connection: close" socket
 * as soon as the answer is written; with the client still sending, unread bytes make that close a reset, which
 * can reach the client before it has read the 413. Instead the answer goes out with a FIN, the rest of the body
 * waits in the client's socket (nothing is read: the request stays paused), and the socket is closed once the
 * client has closed its side, or after a few seconds.
 */
function lingeringClose(req: ExpressRequest) {
  req.pause();
  // Marks the body as being consumed, so Node does not read the rest to throw it away; buffers at most its
  // high-water mark.
  req.read(0);
  const socket = req.socket as typeof req.socket & { destroySoon?: () => void };
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), 5_000).unref();
  };
}

function remixHeaders(req: ExpressRequest) {
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (values === undefined) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  return headers;
}

/**
 * The Remix request handler for Express, as @remix-run/express does it, except that the body is the one
 * `boundedBody` read, never the socket: nothing downstream can read past the limit.
 */
export function remixHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "development" | "production";
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}) {
  const handle = createRequestHandler(options.build, options.mode);
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    const [, port] = /:(\d+)$/.exec(req.get("host") ?? "") ?? [];
    const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(url.href, {
      method: req.method,
      headers: remixHeaders(req),
      signal: controller.signal,
      body: hasBody ? new Uint8Array((req as WithBody)[BODY] ?? []) : undefined,
    });
    handle(request, options.getLoadContext(req, res))
      .then(async (response) => {
        res.statusMessage = response.statusText;
        res.status(response.status);
        for (const [key, value] of response.headers.entries()) res.append(key, value);
        if (response.body) await writeReadableStreamToWritable(response.body, res);
        else res.end();
      })
      .catch(next);
  };
}
