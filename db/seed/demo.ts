import type { Kysely } from "kysely";
import type { DB, Role } from "../schema";
import { hashPassword } from "../../app/utils/password.server";
import { seedContinuumDemo } from "./continuum";
import { seedDemoCohorts } from "./cohorts";
import { seedGrants } from "./grants";

/** Every demo account uses this password (listed in the README). Never seeded in production. */
export const DEMO_PASSWORD = "commons-demo-2026";

export const DEMO_ORGANISATIONS = [
  "Riverside Refugee Services",
  "Safe Passage Anti-Trafficking Network",
  "Northside Family Social Work",
  "Harbour Asylum Legal Aid",
] as const;

interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  tenant: "foundation" | (typeof DEMO_ORGANISATIONS)[number];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "admin@demo.test", name: "Amara Okafor", role: "admin", tenant: "foundation" },
  { email: "officer@demo.test", name: "Daniel Reyes", role: "program_officer", tenant: "foundation" },
  { email: "staff@demo.test", name: "Priya Natarajan", role: "staff", tenant: "foundation" },
  { email: "director@demo.test", name: "Lucia Fernández", role: "director", tenant: "Riverside Refugee Services" },
  { email: "member@demo.test", name: "Samuel Mensah", role: "staff", tenant: "Riverside Refugee Services" },
  { email: "director2@demo.test", name: "Hannah Weiss", role: "director", tenant: "Safe Passage Anti-Trafficking Network" },
];

/** Seeds the demo foundation once: only into a database that has no users yet. */
export async function seedDemoIfEmpty(db: Kysely<DB>): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const anyUser = await trx.selectFrom("app_user").select("id").limit(1).executeTakeFirst();
    if (anyUser) return false;
    const foundation = await trx.insertInto("foundation").values({ name: "Harbour Light Foundation" }).returning("id").executeTakeFirstOrThrow();
    const organisationIds = new Map<string, string>();
    for (const name of DEMO_ORGANISATIONS) {
      const org = await trx.insertInto("organisation").values({ name }).returning("id").executeTakeFirstOrThrow();
      organisationIds.set(name, org.id);
      await trx.insertInto("grantee").values({ foundation_id: foundation.id, organisation_id: org.id }).execute();
    }
    const userIds = new Map<string, string>();
    for (const account of DEMO_ACCOUNTS) {
      const user = await trx
        .insertInto("app_user")
        .values({ email: account.email, name: account.name, password_hash: passwordHash })
        .returning("id")
        .executeTakeFirstOrThrow();
      userIds.set(account.email, user.id);
      await trx
        .insertInto("membership")
        .values({
          user_id: user.id,
          role: account.role,
          foundation_id: account.tenant === "foundation" ? foundation.id : null,
          organisation_id: account.tenant === "foundation" ? null : organisationIds.get(account.tenant)!,
        })
        .execute();
    }
    await seedContinuumDemo(trx, { foundationId: foundation.id, organisationIds, userIds, passwordHash });
    await seedDemoCohorts(trx, { foundationId: foundation.id, organisationIds, userIds });
    await seedGrants(trx, { foundationId: foundation.id, organisationIds, userIds });
    return true;
  });
}
