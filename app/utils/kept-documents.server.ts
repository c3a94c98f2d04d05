import { createHash } from "node:crypto";
import { constants, crc32, deflateRawSync } from "node:zlib";
import { LRUCache } from "lru-cache";
import Negotiator from "negotiator";
import { isKeptDocumentRoute } from "./kept-document";

/**
 * Documents kept after rendering, for pages whose markup is a pure function of the request URL and the
 * data their loaders returned (docs/decisions/0065-kept-documents.md). Loaders run on every request as
 * before (authorisation, consent, audit); only React's render of the same inputs is skipped. A document is
 * kept cut at its CSP nonce, so each response still carries a nonce of its own.
 */
export interface KeptDocuments {
  /**
   * The document for these inputs with `nonce` in place of the one it was rendered with, gzipped if asked:
   * it is compressed once when kept, and serving it adds the nonce uncompressed and a new checksum.
   */
  serve(key: string, nonce: string, encoding?: KeptEncoding): ReturnType<typeof Buffer.concat> | undefined;
  /** Keeps a document rendered with `nonce`; one that does not carry its nonce is not kept. */
  keep(key: string, html: Buffer, nonce: string): void;
}

/** What decides whether a rendered document may be kept. */
export interface RenderFacts {
  method: string;
  status: number;
  hasErrors: boolean;
  hasActionData: boolean;
  /** The `handle` of every route the page shows, the root's included. */
  handles: unknown[];
  cacheControl: string | null;
}

/**
 * A plain page view (GET, 200, no errors, no action) of routes that all declare `keptDocument`, and that
 * does not ask not to be stored: a page sent `no-store` (a shared journey) stays out of memory too.
 */
export function mayKeep(r: RenderFacts): boolean {
  return (
    r.method === "GET" &&
    r.status === 200 &&
    !r.hasErrors &&
    !r.hasActionData &&
    r.handles.length > 0 &&
    r.handles.every(isKeptDocumentRoute) &&
    !/\bno-store\b/i.test(r.cacheControl ?? "")
  );
}

export type KeptEncoding = "gzip" | "identity";

/** gzip when the client takes it (q-values respected), otherwise the plain document. */
export function keptEncoding(acceptEncoding: string | null): KeptEncoding {
  if (!acceptEncoding) return "identity";
  return new Negotiator({ headers: { "accept-encoding": acceptEncoding } }).encoding(["gzip", "identity"]) === "gzip" ? "gzip" : "identity";
}

interface Kept {
  /** The document cut at its nonce. */
  parts: Buffer[];
  /** Each part as raw deflate: every one but the last ends on a sync flush (byte-aligned, not final). */
  deflated: Buffer[];
}

/** Bounded by the bytes kept, least recently served first out; `maxBytes` 0 keeps nothing. */
export function createKeptDocuments(maxBytes: number): KeptDocuments | undefined {
  if (maxBytes <= 0) return undefined;
  const kept = new LRUCache<string, Kept>({
    maxSize: maxBytes,
    sizeCalculation: ({ parts, deflated }) =>
      Math.max(
        1,
        [...parts, ...deflated].reduce((n, p) => n + p.byteLength, 0),
      ),
  });
  return {
    serve(key, nonce, encoding = "identity") {
      const document = kept.get(key);
      if (!document) return undefined;
      const mark = Buffer.from(nonce);
      return encoding === "gzip" ? gzipWith(document, mark) : joinWith(document.parts, mark);
    },
    keep(key, html, nonce) {
      const parts = splitAt(html, Buffer.from(nonce));
      // A nonce that never appears means the document was not rendered with it: keeping it would send a
      // document whose scripts the Content-Security-Policy of later responses refuses.
      if (parts.length < 2 || html.byteLength > maxBytes) return;
      const last = parts.length - 1;
      // Copied, because zlib returns a view of its 16 KB output chunk and a part of a few bytes would pin all of it.
      const deflated = parts.map((p, i) => Buffer.from(deflateRawSync(p, i < last ? { finishFlush: constants.Z_SYNC_FLUSH } : {})));
      kept.set(key, { parts, deflated });
    },
  };
}

function joinWith(parts: Buffer[], mark: Buffer) {
  const pieces: Buffer[] = [];
  parts.forEach((p, i) => (i === 0 ? pieces.push(p) : pieces.push(mark, p)));
  return Buffer.concat(pieces);
}

// RFC 1952: deflate, no flags, no modification time, operating system unknown.
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/**
 * One gzip member from the parts compressed when kept, with the nonce between them as stored (uncompressed)
 * deflate blocks (RFC 1951, 3.2.4). Every piece but the last ends byte-aligned and not final, so they
 * concatenate into one valid deflate stream; only the checksum is computed again, over the plain bytes.
 */
function gzipWith({ parts, deflated }: Kept, mark: Buffer) {
  const stored = Buffer.alloc(5 + mark.byteLength);
  stored.writeUInt16LE(mark.byteLength, 1);
  stored.writeUInt16LE(~mark.byteLength & 0xffff, 3);
  mark.copy(stored, 5);
  const pieces: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let length = 0;
  parts.forEach((p, i) => {
    if (i > 0) {
      pieces.push(stored);
      crc = crc32(mark, crc);
      length += mark.byteLength;
    }
    pieces.push(deflated[i]);
    // Node's crc32 of no bytes is 0 whatever the running value, so an empty part must be skipped.
    if (p.byteLength > 0) crc = crc32(p, crc);
    length += p.byteLength;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length >>> 0, 4);
  pieces.push(trailer);
  return Buffer.concat(pieces);
}

function splitAt(buffer: Buffer, mark: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = buffer.indexOf(mark, from); at !== -1; at = buffer.indexOf(mark, from)) {
    parts.push(buffer.subarray(from, at));
    from = at + mark.byteLength;
  }
  parts.push(buffer.subarray(from));
  // Copies, so a kept document does not pin the larger buffer it was cut from.
  return parts.map((p) => Buffer.from(p));
}

/**
 * The key of a render: URL, status and the serialised state the document hands the browser (every
 * loader's data, action data and errors, exactly as single fetch streams them). Null when the state
 * cannot key a render: it streams promises, or holds values single fetch cannot encode faithfully.
 */
export function documentKey(url: string, status: number, serialisedState: string): string | null {
  if (/"SingleFetch(ClassInstance|Fallback)"/.test(serialisedState)) return null;
  return createHash("sha256").update(`${status} ${url}\n`).update(serialisedState).digest("base64url");
}

/**
 * Reads the serialised state from Remix's hand-off stream and returns it with a stream of the same bytes
 * for the render. The text is null when the stream does not end with its first chunk (deferred data):
 * then the state is not known before rendering. Single fetch encodes plain data synchronously, so for
 * every page of this app the end is already there when the first chunk is read.
 */
export async function readHandoff(stream: ReadableStream<Uint8Array>): Promise<{ text: string | null; stream: ReadableStream<Uint8Array> }> {
  const reader = stream.getReader();
  const first = await reader.read();
  if (first.done) return { text: null, stream: new ReadableStream({ start: (c) => c.close() }) };
  const notYet = Symbol();
  const next = reader.read();
  const second = await Promise.race([next, Promise.resolve(notYet)]);
  const ended = second !== notYet && second.done;
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = ended ? null : next;
  const forRender = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(first.value);
      if (ended) controller.close();
    },
    async pull(controller) {
      const step = await (pending ?? reader.read());
      pending = null;
      if (step.done) controller.close();
      else controller.enqueue(step.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { text: ended ? new TextDecoder().decode(first.value) : null, stream: forRender };
}
