import type { Kysely } from "kysely";
import { run } from "./sql";

/**
 * The login and invitation rate limits' table, in the shape rate-limiter-flexible uses. It used to
 * be created by the limiter at start-up; the server now acts as a role that cannot create tables.
 */
export async function up(db: Kysely<any>) {
  await run(db, [
    `create table if not exists rate_limit (
      key varchar(255) primary key,
      points integer not null default 0,
      expire bigint
    )`,
  ]);
}
