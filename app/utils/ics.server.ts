import { createEvent } from "ics";

/**
 * An iCalendar file for one session, written by the `ics` library (escaping, folding and
 * CRLF line ends are its job). The start is given in UTC, so every calendar shows it at the
 * right moment in the reader's own zone.
 */
export function sessionCalendar(
  session: {
    id: string;
    title: string;
    starts_at: Date;
    duration_minutes: number;
    place: string | null;
    video_url: string | null;
    agenda: string;
    time_zone: string;
  },
  cohortName: string,
  url: string,
): string {
  const { error, value } = createEvent({
    uid: `${session.id}@sts-commons`,
    title: session.title,
    start: session.starts_at.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    duration: { minutes: session.duration_minutes },
    description: [cohortName, session.agenda, session.video_url ?? ""].filter(Boolean).join("\n\n"),
    location: session.place ?? session.video_url ?? undefined,
    url,
    productId: "sts-commons/cohorts",
  });
  if (error || !value) throw error ?? new Error("Calendar file could not be written");
  return value;
}
