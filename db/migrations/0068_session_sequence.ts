import type { Kysely } from "kysely";
import { run } from "./sql";

/**
 * The revision of a session as calendars count it (iCalendar SEQUENCE). The database moves it whenever a
 * change a calendar shows is saved, whoever saves it, so a calendar that imported the file earlier takes
 * the new one as an update (docs/decisions/0067-calendar-files.md).
 */
export async function up(db: Kysely<any>) {
  await run(db, [
    `alter table cohort_session add column sequence integer not null default 0 check (sequence >= 0)`,
    `create function cohort_session_next_sequence() returns trigger language plpgsql as $$
     begin
       if (new.title, new.starts_at, new.duration_minutes, new.time_zone, new.place, new.video_url, new.agenda)
          is distinct from (old.title, old.starts_at, old.duration_minutes, old.time_zone, old.place, old.video_url, old.agenda) then
         new.sequence := old.sequence + 1;
       end if;
       return new;
     end $$`,
    `create trigger cohort_session_sequence before update on cohort_session
       for each row execute function cohort_session_next_sequence()`,
  ]);
}
