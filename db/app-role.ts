import { sql, type Kysely } from "kysely";
import type { DB } from "./schema";
import { quoteIdent } from "./client";

/**
 * The role the server acts as for every request: no superuser, no BYPASSRLS, only reading and
 * writing rows of the app's own tables. Row-level security applies to it (migration 0060).
 * Migrations, seeds and backups run as the connecting user, who owns the tables.
 */
export const APP_ROLE = "sts_app";

/**
 * Creates the app role if it is missing and lets the connecting user act as it, then grants it
 * what it needs on every table of `schema` (run after each migration, so new tables are covered).
 * Roles belong to the whole cluster: several schemas (test runs, staging) share one, and two
 * processes may race to create it, which is harmless.
 */
export async function prepareAppRole(db: Kysely<DB>, schema = "public") {
  await ensureAppRole(db);
  const s = quoteIdent(schema);
  for (const statement of [
    `grant usage on schema ${s} to ${APP_ROLE}`,
    `grant select, insert, update, delete on all tables in schema ${s} to ${APP_ROLE}`,
    `grant usage, select on all sequences in schema ${s} to ${APP_ROLE}`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}

async function ensureAppRole(db: Kysely<DB>) {
  await sql
    .raw(
      `do $$ begin
         if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
           begin
             create role ${APP_ROLE} nologin nosuperuser nobypassrls nocreatedb nocreaterole noinherit;
           exception when duplicate_object or unique_violation then null;
           end;
         end if;
         if not pg_has_role(current_user, '${APP_ROLE}', 'member') then
           execute format('grant ${APP_ROLE} to %I', current_user);
         end if;
       end $$`,
    )
    .execute(db);
}

/**
 * A role the server can log in as (docs/decisions/0060): a member of the app role and nothing more, so
 * it can neither bypass row-level security, nor own or alter a table, nor `RESET ROLE` back to an owner.
 * Created by the tables' owner (`npm run db:login-role NAME`); safe to run again, which sets the password.
 */
export async function createLoginRole(db: Kysely<DB>, name: string, password?: string) {
  await ensureAppRole(db);
  const role = quoteIdent(name);
  await sql
    .raw(
      `do $$ begin
         if not exists (select 1 from pg_roles where rolname = '${role}') then
           begin
             create role ${role} login inherit nosuperuser nobypassrls nocreatedb nocreaterole noreplication;
           exception when duplicate_object or unique_violation then null;
           end;
         end if;
       end $$`,
    )
    .execute(db);
  await sql.raw(`grant ${APP_ROLE} to ${role}`).execute(db);
  if (password) {
    // Utility statements take no parameters: format() quotes the password as a literal.
    const { rows } = await sql<{ statement: string }>`select format('alter role %I password %L', ${role}, ${password}) as statement`.execute(db);
    await sql.raw(rows[0].statement).execute(db);
  }
}
