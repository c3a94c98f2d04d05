/**
 * A route whose markup depends on nothing but the request URL and the data of its loaders (no clock, no
 * randomness, no state outside them) says so with `export const handle = keptDocument`; its documents may
 * then be kept and served again for the same inputs (app/utils/kept-documents.server.ts). Every route a
 * page shows, the root included, must say so.
 */
export const keptDocument = { keptDocument: true } as const;

export function isKeptDocumentRoute(handle: unknown): boolean {
  return typeof handle === "object" && handle !== null && (handle as { keptDocument?: unknown }).keptDocument === true;
}
