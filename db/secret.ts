import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "./schema";

/**
 * The signing key for links in emails. Generated on first start and kept in the
 * database, so no secret lives in the repository and every app server shares it.
 */
export async function loadOrCreateSecret(db: Kysely<DB>, name = "signing"): Promise<string> {
  await db
    .insertInto("app_secret")
    .values({ name, value: randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await db.selectFrom("app_secret").select("value").where("name", "=", name).executeTakeFirstOrThrow();
  return row.value;
}
