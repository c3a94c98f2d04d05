import type { Kysely } from "kysely";
import { run } from "./sql";

/** The address a mail client's own unsubscribe button uses (List-Unsubscribe, RFC 2369); null for mail that has none. */
export async function up(db: Kysely<any>) {
  await run(db, [`alter table outbox add column list_unsubscribe text`]);
}
