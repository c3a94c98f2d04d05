import type { Kysely } from "kysely";
import { run } from "./sql";

/**
 * A foundation's portfolio version: a counter that moves with every committed change to what its portfolio
 * page shows (grants, grant lines, plan lines, the officers, and the names of funded organisations and of
 * officers). The server keeps computed portfolio pages under it (portfolioPage in app/domain/portfolio.server.ts); each
 * request reads the version first, so a page is never older than the last commit, whichever instance wrote it.
 *
 * The triggers are deferred to commit: the version row is then the last lock a transaction takes, so two
 * writers can never hold each other's rows in a cycle, and it is held only for the commit itself. Each
 * transaction bumps a foundation once (`app.portfolio_bumped` lists those done), whatever its row count.
 * See docs/decisions/0062-portfolio-version.md.
 */
export async function up(db: Kysely<any>) {
  await run(db, [
    `create table portfolio_version (
      foundation_id uuid primary key references foundation(id) on delete cascade,
      version bigint not null default 1
    )`,
    `create function bump_portfolio_version(fid uuid) returns void language plpgsql as $$
     declare done text := coalesce(current_setting('app.portfolio_bumped', true), '');
     begin
       if fid is null or position(fid::text in done) > 0 then return; end if;
       -- The foundation itself may be going in the same transaction (its grants cascade).
       insert into portfolio_version as v (foundation_id) select fid where exists (select from foundation where id = fid)
         on conflict (foundation_id) do update set version = v.version + 1;
       perform set_config('app.portfolio_bumped', done || fid::text || ',', true);
     end $$`,
    // grant, grant_line and (foundation) membership rows name their foundation.
    `create function portfolio_changed_by_foundation_row() returns trigger language plpgsql as $$
     begin
       if tg_op <> 'INSERT' then perform bump_portfolio_version(old.foundation_id); end if;
       if tg_op <> 'DELETE' then perform bump_portfolio_version(new.foundation_id); end if;
       return null;
     end $$`,
    `create function portfolio_changed_by_plan_line() returns trigger language plpgsql as $$
     begin
       perform bump_portfolio_version(g.foundation_id) from "grant" g
         where g.id in (case when tg_op <> 'INSERT' then old.grant_id end, case when tg_op <> 'DELETE' then new.grant_id end);
       return null;
     end $$`,
    // A renamed organisation or person shows on the portfolios that fund or employ them.
    `create function portfolio_changed_by_organisation() returns trigger language plpgsql as $$
     begin
       perform bump_portfolio_version(f.foundation_id) from (select distinct foundation_id from "grant" where organisation_id = new.id) f;
       return null;
     end $$`,
    `create function portfolio_changed_by_user() returns trigger language plpgsql as $$
     begin
       -- Members, and former officers whose name stays on the grants they looked after.
       perform bump_portfolio_version(f.foundation_id)
          from (select foundation_id from membership where user_id = new.id and foundation_id is not null
                union select foundation_id from "grant" where officer_user_id = new.id) f;
       return null;
     end $$`,
    `create constraint trigger portfolio_version after insert or update or delete on "grant"
       deferrable initially deferred for each row execute function portfolio_changed_by_foundation_row()`,
    `create constraint trigger portfolio_version after insert or update or delete on grant_line
       deferrable initially deferred for each row execute function portfolio_changed_by_foundation_row()`,
    `create constraint trigger portfolio_version after insert or update or delete on membership
       deferrable initially deferred for each row execute function portfolio_changed_by_foundation_row()`,
    `create constraint trigger portfolio_version after insert or update or delete on plan_line
       deferrable initially deferred for each row execute function portfolio_changed_by_plan_line()`,
    `create constraint trigger portfolio_version after update of name on organisation
       deferrable initially deferred for each row execute function portfolio_changed_by_organisation()`,
    `create constraint trigger portfolio_version after update of name on app_user
       deferrable initially deferred for each row execute function portfolio_changed_by_user()`,
  ]);
}
