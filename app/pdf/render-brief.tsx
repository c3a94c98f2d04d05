/**
 * Runs in a worker thread of the brief pool (app/pdf/pool.server.ts): turns a brief's data into
 * PDF bytes, so a long render never holds up the event loop that serves pages.
 */
import { renderToBuffer } from "@react-pdf/renderer";
import { briefDocument, type BriefRequest } from "./briefs";

export default async function renderBriefInWorker(request: BriefRequest): Promise<Uint8Array> {
  const buffer = await renderToBuffer(briefDocument(request));
  return new Uint8Array(buffer);
}
