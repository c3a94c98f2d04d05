import type { Kysely } from "kysely";
import { run } from "./sql";

/** The director may invite the organisation's staff to contribute to a draft; off unless they do. */
export async function up(db: Kysely<any>) {
  await run(db, [`alter table continuum_assessment add column staff_invited boolean not null default false`]);
}
