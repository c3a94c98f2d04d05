import { getOutboxMessage, listOutbox } from "~/domain/outbox.server";
import type { Caller } from "~/domain/permissions.server";
import { isId } from "./ids";
import type { OutboxListing } from "~/components/outbox";
import type { AppContext } from "./context";
import { formatDateTime } from "./format";

export function pageParam(url: URL) {
  const n = Number(url.searchParams.get("page") ?? "1");
  return Number.isSafeInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export async function loadOutboxListing(request: Request, context: AppContext, caller: Caller, locale: string): Promise<OutboxListing> {
  const url = new URL(request.url);
  const page = pageParam(url);
  const messageId = url.searchParams.get("message");
  const [listing, message] = await Promise.all([
    listOutbox(context.db, caller, page),
    isId(messageId) ? getOutboxMessage(context.db, caller, messageId) : undefined,
  ]);
  return {
    smtpConfigured: Boolean(context.config.smtpUrl),
    rows: listing.rows.map((r) => ({ id: r.id, to: r.to_address, subject: r.subject, status: r.status, created: formatDateTime(r.created_at, locale) })),
    page,
    pages: Math.max(1, Math.ceil(listing.total / listing.pageSize)),
    message: message ? { id: message.id, to: message.to_address, subject: message.subject, text: message.text, messageId: message.message_id } : null,
  };
}
