import type { Kysely } from "kysely";
import { run } from "./sql";

/**
 * A grant carries the sum of its plan lines (`planned_cents`), kept by statement-level
 * triggers on plan_line in the same transaction as the change. The portfolio's totals,
 * per-line sums and "planned" sort read it instead of summing plan lines per grant on
 * every page view (docs/benchmarks.md).
 */
export async function up(db: Kysely<any>) {
  await run(db, [
    `alter table "grant" add column planned_cents bigint not null default 0`,
    `update "grant" g set planned_cents = s.cents
       from (select grant_id, sum(amount_cents) as cents from plan_line group by grant_id) s
      where s.grant_id = g.id`,
    `create function plan_line_total_insert() returns trigger language plpgsql as $$
     begin
       update "grant" g set planned_cents = g.planned_cents + d.cents
         from (select grant_id, sum(amount_cents) as cents from new_rows group by grant_id) d
        where g.id = d.grant_id;
       return null;
     end $$`,
    `create function plan_line_total_delete() returns trigger language plpgsql as $$
     begin
       update "grant" g set planned_cents = g.planned_cents - d.cents
         from (select grant_id, sum(amount_cents) as cents from old_rows group by grant_id) d
        where g.id = d.grant_id;
       return null;
     end $$`,
    `create function plan_line_total_update() returns trigger language plpgsql as $$
     begin
       update "grant" g set planned_cents = g.planned_cents + d.cents
         from (select grant_id, sum(cents) as cents
                 from (select grant_id, amount_cents as cents from new_rows
                       union all select grant_id, -amount_cents from old_rows) x
                group by grant_id) d
        where g.id = d.grant_id and d.cents <> 0;
       return null;
     end $$`,
    `create trigger plan_line_total_insert after insert on plan_line
     referencing new table as new_rows for each statement execute function plan_line_total_insert()`,
    `create trigger plan_line_total_delete after delete on plan_line
     referencing old table as old_rows for each statement execute function plan_line_total_delete()`,
    `create trigger plan_line_total_update after update on plan_line
     referencing old table as old_rows new table as new_rows for each statement execute function plan_line_total_update()`,
  ]);
}
