import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encode } from "turbo-stream";
import { createKeptDocuments, documentKey, keptEncoding, mayKeep, readHandoff, type RenderFacts } from "./kept-documents.server";
import { keptDocument } from "./kept-document";

const html = (nonce: string, filler = "") => Buffer.from(`<html><script nonce="${nonce}">a</script>${filler}<script nonce="${nonce}">b</script></html>`);

async function readAll(stream: ReadableStream<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  return Buffer.concat(chunks).toString();
}

describe("kept documents", () => {
  it("serves a kept document with the new nonce everywhere the old one was", () => {
    const kept = createKeptDocuments(1 << 20)!;
    kept.keep("k", html("first-nonce"), "first-nonce");
    const served = kept.serve("k", "second-nonce")!.toString();
    expect(served).toBe(html("second-nonce").toString());
    expect(served).not.toContain("first-nonce");
  });

  it("serves the same document gzipped, whatever stands around the nonce", () => {
    const kept = createKeptDocuments(1 << 22)!;
    const big = Array.from({ length: 4000 }, (_, i) => `<tr><td>${i}</td><td>${(i * 7919) % 1000}</td></tr>`).join("");
    const documents = {
      "two scripts": html("old-nonce"),
      "a long page": html("old-nonce", big),
      "the nonce first and last": Buffer.from("old-noncemiddleold-nonce"),
      "nonces side by side": Buffer.from("<a>old-nonceold-nonce</a>"),
    };
    for (const [name, document] of Object.entries(documents)) {
      kept.keep(name, document, "old-nonce");
      for (const nonce of ["n1", "a-much-longer-nonce-of-the-usual-size=="]) {
        const plain = kept.serve(name, nonce, "identity")!;
        expect(plain.toString(), name).toBe(document.toString().replaceAll("old-nonce", nonce));
        expect(gunzipSync(kept.serve(name, nonce, "gzip")!).toString(), name).toBe(plain.toString());
      }
    }
    // Compressed once when kept: the long page is sent in a fraction of its size.
    expect(kept.serve("a long page", "n", "gzip")!.byteLength).toBeLessThan(documents["a long page"].byteLength / 3);
  });

  it("gzips only for a client that takes it", () => {
    expect(keptEncoding("gzip, deflate, br, zstd")).toBe("gzip");
    expect(keptEncoding("br;q=1.0, gzip;q=0.8")).toBe("gzip");
    expect(keptEncoding("*")).toBe("gzip");
    expect(keptEncoding("gzip;q=0, br")).toBe("identity");
    expect(keptEncoding("br")).toBe("identity");
    expect(keptEncoding("identity")).toBe("identity");
    expect(keptEncoding("")).toBe("identity");
    expect(keptEncoding(null)).toBe("identity");
  });

  it("does not keep a document that was not rendered with its nonce", () => {
    const kept = createKeptDocuments(1 << 20)!;
    kept.keep("k", html("other"), "the-nonce");
    expect(kept.serve("k", "x")).toBeUndefined();
  });

  it("keeps no more bytes than it may, dropping the least recently served", () => {
    // Each is kept plain and compressed; the compressed copy of this page is a few dozen bytes.
    const page = html("the-nonce", "x".repeat(1000));
    const kept = createKeptDocuments(Math.floor(3.5 * page.byteLength))!;
    for (const k of ["a", "b", "c"]) kept.keep(k, page, "the-nonce");
    expect(kept.serve("a", "m")).toBeDefined(); // a is now the most recent
    kept.keep("d", page, "the-nonce");
    expect(kept.serve("b", "m")).toBeUndefined();
    for (const k of ["a", "c", "d"]) expect(kept.serve(k, "m")).toBeDefined();
  });

  it("keeps nothing when given no memory", () => {
    expect(createKeptDocuments(0)).toBeUndefined();
  });

  it("keys a render by URL, status and state, and refuses state single fetch cannot encode faithfully", () => {
    const base = documentKey("http://x/portfolio", 200, '[{"a":1}]');
    expect(base).toBe(documentKey("http://x/portfolio", 200, '[{"a":1}]'));
    for (const other of [
      documentKey("http://x/portfolio?page=2", 200, '[{"a":1}]'),
      documentKey("http://x/portfolio", 404, '[{"a":1}]'),
      documentKey("http://x/portfolio", 200, '[{"a":2}]'),
    ])
      expect(other).not.toBe(base);
    expect(documentKey("http://x/", 200, '[["SingleFetchClassInstance",1]]')).toBeNull();
    expect(documentKey("http://x/", 200, '[["SingleFetchFallback"]]')).toBeNull();
  });
});

describe("reading the hand-off stream", () => {
  it("gives the whole serialised state of plain data and the same bytes to the render", async () => {
    const state = { loaderData: { root: { csrf: "t" }, page: { when: new Date("2026-01-02T00:00:00Z"), n: [1, 2] } } };
    const expected = await readAll(encode(state));
    const { text, stream } = await readHandoff(encode(state));
    expect(text).toBe(expected);
    expect(await readAll(stream)).toBe(expected);
  });

  it("gives no state for deferred data, and still every byte to the render", async () => {
    const later = () => ({ page: new Promise((r) => setTimeout(() => r("late"), 20)) });
    const expected = await readAll(encode(later()));
    const { text, stream } = await readHandoff(encode(later()));
    expect(text).toBeNull();
    expect(await readAll(stream)).toBe(expected);
  });
});

describe("which documents may be kept", () => {
  const view: RenderFacts = { method: "GET", status: 200, hasErrors: false, hasActionData: false, handles: [keptDocument, keptDocument], cacheControl: null };

  it("a plain view of routes that all declare it", () => {
    expect(mayKeep(view)).toBe(true);
  });

  it.each<[string, Partial<RenderFacts>]>([
    ["a form post", { method: "POST" }],
    ["a status other than 200", { status: 404 }],
    ["an error", { hasErrors: true }],
    ["action data", { hasActionData: true }],
    ["a route that does not declare it", { handles: [keptDocument, undefined] }],
    ["no routes", { handles: [] }],
    ["a page sent no-store", { cacheControl: "private, no-store" }],
  ])("not %s", (_, change) => {
    expect(mayKeep({ ...view, ...change })).toBe(false);
  });
});
