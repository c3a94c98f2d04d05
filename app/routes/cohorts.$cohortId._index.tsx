import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { pageParam } from "~/utils/outbox-listing.server";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { BriefDownload } from "~/components/brief-download";
import { t } from "~/i18n";
import {
  acceptCohortInvitation,
  addCohortMember,
  canSeeContent,
  createSession,
  createThread,
  inviteOrganisation,
  listCohortOrganisations,
  listFacilitators,
  INVITABLE_SHOWN,
  listInvitableOrganisations,
  listOrganisationPeople,
  listPinnableResources,
  listPins,
  listSessions,
  listThreads,
  pinToCohort,
  removeCohortMember,
  unpin,
  updateCohort,
} from "~/domain/cohorts.server";
import { listSuggestablePractices } from "~/domain/practices.server";
import { cohortInvitationNotifier } from "~/domain/learning-email.server";
import { requireCohort, refusalResponse } from "~/utils/cohort-access.server";
import { errorReply, readForm } from "~/utils/forms.server";
import { formText } from "~/utils/form-data";
import { notFound } from "~/utils/http.server";
import { formatDate } from "~/utils/format";
import { formatInZone, isValidTimeZone, resolveZonedDateTime, zonedDateTimeToInstant, zoneLabel } from "~/utils/time-zone";
import { CsrfInput, Field, FieldErrors, FormErrors, useForm } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { nameField } from "~/utils/schemas";
import { idSchema } from "~/utils/ids";
import { keptDocument } from "~/utils/kept-document";

export const handle = keptDocument;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.cohort.name ?? ""} · ${t("app.name")}` }];

const uuid = idSchema;
const SessionSchema = z
  .object({
    intent: z.literal("session"),
    title: nameField(200),
    date: z.string({ required_error: t("errors.required") }).regex(/^\d{4}-\d{2}-\d{2}$/, t("learning.errors.dateTime")),
    time: z.string({ required_error: t("errors.required") }).regex(/^\d{2}:\d{2}$/, t("learning.errors.dateTime")),
    timeZone: z
      .string({ required_error: t("errors.required") })
      .trim()
      .refine(isValidTimeZone, t("learning.errors.timeZone")),
    duration: z.coerce
      .number({ required_error: t("errors.required"), invalid_type_error: t("learning.errors.duration") })
      .int(t("learning.errors.duration"))
      .min(5, t("learning.errors.duration"))
      .max(1440, t("learning.errors.duration")),
    place: z
      .string()
      .trim()
      .max(300, t("errors.tooLong", { max: 300 }))
      .optional(),
    videoUrl: z
      .string()
      .trim()
      .max(2000, t("errors.tooLong", { max: 2000 }))
      .regex(/^https?:\/\/\S+$/i, t("learning.errors.url"))
      .optional(),
    agenda: z
      .string()
      .trim()
      .max(5000, t("errors.tooLong", { max: 5000 }))
      .optional(),
    // Only asked for when the time happens twice that day (the night the clocks go back).
    occurrence: z.enum(["earlier", "later"]).optional(),
  })
  .superRefine((v, ctx) => {
    const when = resolveZonedDateTime(v.date, v.time, v.timeZone);
    const values = { time: v.time, date: v.date, zone: v.timeZone };
    if (when.kind === "invalid") ctx.addIssue({ code: z.ZodIssueCode.custom, message: t("learning.errors.dateTime"), path: ["date"] });
    else if (when.kind === "gap") ctx.addIssue({ code: z.ZodIssueCode.custom, message: t("learning.errors.clockGap", values), path: ["time"] });
    else if (when.kind === "ambiguous" && !v.occurrence) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: t("learning.errors.clockRepeat", values), path: ["occurrence"] });
    }
  });
const dateField = z.string({ required_error: t("errors.required") }).regex(/^\d{4}-\d{2}-\d{2}$/, t("learning.errors.dateTime"));
const EditSchema = z
  .object({
    intent: z.literal("edit-cohort"),
    name: nameField(200),
    purpose: z
      .string({ required_error: t("errors.required") })
      .trim()
      .min(1, t("errors.required"))
      .max(2000, t("errors.tooLong", { max: 2000 })),
    startsOn: dateField,
    endsOn: dateField,
    version: z.coerce.number().int().min(1),
  })
  .refine((v) => v.endsOn >= v.startsOn, { message: t("learning.errors.endBeforeStart"), path: ["endsOn"] });
const ThreadSchema = z.object({
  intent: z.literal("thread"),
  title: nameField(200),
  body: z
    .string({ required_error: t("errors.required") })
    .trim()
    .min(1, t("errors.required"))
    .max(20_000, t("errors.tooLong", { max: 20_000 })),
});
const PinSchema = z.object({
  intent: z.literal("pin"),
  target: z.string({ required_error: t("errors.required") }).regex(/^(practice:[a-z0-9-]{1,60}|resource:[0-9a-f-]{36})$/, t("errors.required")),
  note: z
    .string()
    .trim()
    .max(1000, t("errors.tooLong", { max: 1000 }))
    .optional(),
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, access } = await requireCohort(request, context, params.cohortId, false);
  const locale = viewer.user.locale;
  const content = canSeeContent(access);
  const url = new URL(request.url);
  const page = pageParam(url);
  const find = (url.searchParams.get("find") ?? "").trim().slice(0, 200);
  const [organisations, facilitators, sessions, pins, threads, invitable, practices, resources, people] = await Promise.all([
    listCohortOrganisations(context.db, access),
    listFacilitators(context.db, access),
    content ? listSessions(context.db, access) : Promise.resolve([]),
    content ? listPins(context.db, access) : Promise.resolve([]),
    content ? listThreads(context.db, access, page) : Promise.resolve({ rows: [], total: 0, page: 1, pageSize: 20 }),
    access.canFacilitate ? listInvitableOrganisations(context.db, access, find) : Promise.resolve({ rows: [], total: 0 }),
    access.canFacilitate ? listSuggestablePractices(context.db) : Promise.resolve([]),
    access.canFacilitate ? listPinnableResources(context.db, access) : Promise.resolve([]),
    Promise.all(
      access.directs
        .filter((d) => d.accepted)
        .map(async (d) => ({ organisationId: d.organisationId, people: await listOrganisationPeople(context.db, access, d.organisationId) })),
    ),
  ]);
  const now = context.now().getTime();
  const directed = new Set(access.directs.map((d) => d.organisationId));
  return {
    cohort: {
      id: access.cohort.id,
      name: access.cohort.name,
      purpose: access.cohort.purpose,
      startsOn: access.cohort.starts_on,
      endsOn: access.cohort.ends_on,
      version: access.cohort.version,
      foundation: access.cohort.foundation_name,
      dates: t("learning.cohorts.dates", { start: formatDate(access.cohort.starts_on, locale), end: formatDate(access.cohort.ends_on, locale) }),
    },
    content,
    canFacilitate: access.canFacilitate,
    facilitators: facilitators.map((f) => f.name || f.email),
    // Who sees the names of those taking part is the domain's rule (listCohortOrganisations).
    organisations: organisations.map((o) => ({
      id: o.id,
      name: o.name,
      accepted: Boolean(o.accepted_at),
      directed: directed.has(o.id),
      members: o.members.map((m) => ({ id: m.id, name: m.name || m.email })),
      candidates: (people.find((p) => p.organisationId === o.id)?.people ?? [])
        .filter((p) => !o.members.some((m) => m.id === p.id))
        .map((p) => ({ id: p.id, name: p.name || p.email })),
    })),
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      when: `${formatInZone(s.starts_at, s.time_zone, locale)} (${s.time_zone})`,
      upcoming: s.starts_at.getTime() > now,
      response: s.response,
    })),
    pins,
    threads: threads.rows.map((th) => ({
      id: th.id,
      title: th.title,
      posts: th.posts,
      author: th.author_name ?? "",
      last: formatDate(th.last_post_at, locale),
    })),
    threadPages: Math.max(1, Math.ceil(threads.total / threads.pageSize)),
    page,
    invitable: { ...invitable, find, limit: INVITABLE_SHOWN },
    practices,
    resources: resources.map((r) => ({ id: r.id, title: r.title })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, access } = await requireCohort(request, context, params.cohortId, false);
  const form = await readForm(request, context);
  const intent = formText(form, "intent");
  const base = `/cohorts/${access.cohort.id}`;
  const now = context.now();
  const links = { publicUrl: context.config.publicUrl, secret: context.secret };
  if (intent === "session") {
    const submission = parseWithZod(form, { schema: SessionSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const v = submission.value;
    try {
      const id = await createSession(context.db, access, {
        title: v.title,
        startsAt: zonedDateTimeToInstant(v.date, v.time, v.timeZone, v.occurrence)!,
        durationMinutes: v.duration,
        timeZone: v.timeZone,
        place: v.place,
        videoUrl: v.videoUrl,
        agenda: v.agenda,
      });
      return redirect(`${base}/sessions/${id}?notice=saved`);
    } catch (e) {
      const { result, status } = errorReply(submission, e);
      return data({ intent, result }, { status });
    }
  }
  if (intent === "edit-cohort") {
    const submission = parseWithZod(form, { schema: EditSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      await updateCohort(context.db, access, submission.value);
      return redirect(`${base}?notice=saved`);
    } catch (e) {
      const { result, status } = errorReply(submission, e);
      if (status === 403) return refusalResponse(e, intent);
      return data({ intent, result }, { status });
    }
  }
  if (intent === "thread") {
    const submission = parseWithZod(form, { schema: ThreadSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      const id = await createThread(context.db, access, submission.value.title, submission.value.body, now);
      return redirect(`${base}/discussion/${id}`);
    } catch (e) {
      const { result, status } = errorReply(submission, e);
      return data({ intent, result }, { status });
    }
  }
  if (intent === "pin") {
    const submission = parseWithZod(form, { schema: PinSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const [kind, id] = submission.value.target.split(/:(.*)/s) as [string, string];
    try {
      await pinToCohort(context.db, access, kind === "practice" ? { practiceId: id } : { resourceId: id }, submission.value.note ?? "");
      return redirect(`${base}?notice=saved#resources`);
    } catch (e) {
      const { result, status } = errorReply(submission, e);
      return data({ intent, result }, { status });
    }
  }
  const organisationId = uuid.safeParse(form.get("organisationId"));
  const userId = uuid.safeParse(form.get("userId"));
  const pinId = uuid.safeParse(form.get("pinId"));
  try {
    if (intent === "invite" && organisationId.success) {
      await inviteOrganisation(context.db, access, organisationId.data, cohortInvitationNotifier(access, links, organisationId.data));
    } else if (intent === "accept" && organisationId.success) {
      await acceptCohortInvitation(context.db, access, organisationId.data, now);
    } else if (intent === "add-member" && organisationId.success && userId.success) {
      await addCohortMember(context.db, access, organisationId.data, userId.data);
    } else if (intent === "remove-member" && organisationId.success && userId.success) {
      await removeCohortMember(context.db, access, organisationId.data, userId.data);
    } else if (intent === "unpin" && pinId.success) {
      await unpin(context.db, access, pinId.data);
    } else {
      notFound();
    }
  } catch (e) {
    return refusalResponse(e, intent);
  }
  void viewer;
  return redirect(`${base}?notice=saved`);
}

type ActionData = { intent: string; result?: unknown; field?: string | null; message?: string };

export default function CohortOverview() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const resultFor = (intent: string) => (actionData?.intent === intent ? (actionData.result as never) : undefined);
  const messageFor = (intent: string) => (actionData?.intent === intent && actionData.message ? [actionData.message] : undefined);
  const [sessionForm, session] = useForm({
    id: "session",
    lastResult: resultFor("session"),
    defaultValue: { timeZone: "Europe/London", duration: "90" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SessionSchema }),
  });
  const [threadForm, thread] = useForm({
    id: "thread",
    lastResult: resultFor("thread"),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ThreadSchema }),
  });
  const [pinForm, pin] = useForm({
    id: "pin",
    lastResult: resultFor("pin"),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PinSchema }),
  });
  const [editForm, edit] = useForm({
    id: "edit-cohort",
    lastResult: resultFor("edit-cohort"),
    defaultValue: { name: d.cohort.name, purpose: d.cohort.purpose, startsOn: d.cohort.startsOn, endsOn: d.cohort.endsOn },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditSchema }),
  });
  const upcoming = d.sessions.filter((s) => s.upcoming);
  const past = d.sessions.filter((s) => !s.upcoming).reverse();
  const SessionList = ({ items }: { items: typeof d.sessions }) => (
    <ul>
      {items.map((s) => (
        <li key={s.id}>
          <Link to={`/cohorts/${d.cohort.id}/sessions/${s.id}`}>{s.title}</Link> · {s.when}
          {s.response ? ` · ${t("learning.cohort.yourRsvp", { response: t(`learning.session.response.${s.response}`) })}` : null}
        </li>
      ))}
    </ul>
  );
  return (
    <section>
      <h1>{d.cohort.name}</h1>
      <p className="muted">
        {d.cohort.dates} · {t("learning.cohorts.runBy", { foundation: d.cohort.foundation })}
      </p>
      <p>{d.cohort.purpose}</p>
      {d.facilitators.length ? <p className="muted">{t("learning.cohort.facilitatedBy", { names: d.facilitators.join(", ") })}</p> : null}
      {d.canFacilitate ? <BriefDownload action={`/cohorts/${d.cohort.id}/brief.pdf`} label={t("briefs.cohort.download")} /> : null}
      {d.canFacilitate ? (
        <details open={actionData?.intent === "edit-cohort"}>
          <summary>{t("learning.cohort.edit")}</summary>
          <Form method="post" {...getFormProps(editForm)} className="card narrow">
            <CsrfInput />
            <input type="hidden" name="intent" value="edit-cohort" />
            {/* The version of what is shown now: after a conflict, saving again is a choice made on the current values. */}
            <input type="hidden" name="version" value={String(d.cohort.version)} />
            <FormErrors errors={editForm.errors} id={editForm.errorId} />
            <Field label={t("learning.cohorts.name")} meta={edit.name} autoComplete="off" />
            <div className="field">
              <label htmlFor={edit.purpose.id}>{t("learning.cohorts.purpose")}</label>
              <textarea {...getTextareaProps(edit.purpose)} key={edit.purpose.key} rows={3} />
              <FieldErrors id={edit.purpose.errorId} errors={edit.purpose.errors} />
            </div>
            <Field label={t("learning.cohorts.startsOn")} meta={edit.startsOn} type="date" />
            <Field label={t("learning.cohorts.endsOn")} meta={edit.endsOn} type="date" />
            <button type="submit">{t("learning.cohort.editSave")}</button>
          </Form>
        </details>
      ) : null}

      <h2>{t("learning.cohort.organisations")}</h2>
      {d.organisations.length === 0 ? <p>{t("learning.cohort.noOrganisations")}</p> : null}
      <ul className="cards">
        {d.organisations.map((o) => (
          <li key={o.id} className="card">
            <h3>{o.name}</h3>
            <p className="muted">{o.accepted ? t("learning.cohort.joined") : t("learning.cohort.pending")}</p>
            {o.directed && !o.accepted ? (
              <Form method="post">
                <CsrfInput />
                <p>{t("learning.cohort.invitationOpen", { organisation: o.name })}</p>
                <input type="hidden" name="organisationId" value={o.id} />
                <button type="submit" name="intent" value="accept">
                  {t("learning.cohort.accept", { organisation: o.name })}
                </button>
              </Form>
            ) : null}
            {o.accepted && (o.members.length || o.directed) ? (
              <>
                <h4>{t("learning.cohort.participants")}</h4>
                {o.members.length === 0 ? <p>{t("learning.cohort.noParticipants")}</p> : null}
                <ul>
                  {o.members.map((m) => (
                    <li key={m.id}>
                      {m.name}
                      {o.directed ? (
                        <Form method="post" className="inline-form">
                          <CsrfInput />
                          <input type="hidden" name="organisationId" value={o.id} />
                          <input type="hidden" name="userId" value={m.id} />
                          <button type="submit" name="intent" value="remove-member" className="button-secondary">
                            {t("learning.cohort.remove", { name: m.name })}
                          </button>
                        </Form>
                      ) : null}
                    </li>
                  ))}
                </ul>
                {o.directed && o.candidates.length ? (
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="organisationId" value={o.id} />
                    <label htmlFor={`add-${o.id}`}>{t("learning.cohort.person")}</label>{" "}
                    <select id={`add-${o.id}`} name="userId">
                      {o.candidates.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name}
                        </option>
                      ))}
                    </select>{" "}
                    <button type="submit" name="intent" value="add-member">
                      {t("learning.cohort.add")}
                    </button>
                  </Form>
                ) : null}
                {o.directed ? <FormErrors errors={messageFor("add-member") ?? messageFor("remove-member")} /> : null}
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {d.canFacilitate ? <InviteOrganisation invitable={d.invitable} message={messageFor("invite")} /> : null}

      {d.content ? (
        <>
          <h2>{t("learning.cohort.sessions")}</h2>
          {d.sessions.length === 0 ? <p>{t("learning.cohort.noSessions")}</p> : null}
          {upcoming.length ? (
            <>
              <h3>{t("learning.cohort.upcoming")}</h3>
              <SessionList items={upcoming} />
            </>
          ) : null}
          {past.length ? (
            <>
              <h3>{t("learning.cohort.past")}</h3>
              <SessionList items={past} />
            </>
          ) : null}
          {d.canFacilitate ? (
            <Form method="post" {...getFormProps(sessionForm)} className="card narrow">
              <CsrfInput />
              <h3>{t("learning.cohort.newSession")}</h3>
              <input type="hidden" name="intent" value="session" />
              <FormErrors errors={sessionForm.errors} id={sessionForm.errorId} />
              <Field label={t("learning.session.title")} meta={session.title} autoComplete="off" />
              <Field label={t("learning.session.date")} meta={session.date} type="date" />
              <div className="field">
                <label htmlFor={session.time.id}>{t("learning.session.time")}</label>
                <input
                  id={session.time.id}
                  name={session.time.name}
                  type="time"
                  defaultValue={session.time.initialValue}
                  key={session.time.key}
                  aria-invalid={session.time.errors ? true : undefined}
                  aria-describedby={session.time.errors ? session.time.errorId : undefined}
                />
                <FieldErrors id={session.time.errorId} errors={session.time.errors} />
              </div>
              <Field label={t("learning.session.timeZone")} meta={session.timeZone} hint={t("learning.session.timeZoneHint")} autoComplete="off" />
              <OccurrenceChoice
                date={session.date.value}
                time={session.time.value}
                zone={session.timeZone.value}
                name={session.occurrence.name}
                initial={session.occurrence.initialValue}
                errorId={session.occurrence.errorId}
                errors={session.occurrence.errors}
              />
              <Field label={t("learning.session.duration")} meta={session.duration} type="number" inputMode="numeric" />
              <Field label={t("learning.session.place")} meta={session.place} autoComplete="off" />
              <Field label={t("learning.session.videoUrl")} meta={session.videoUrl} type="url" autoComplete="off" />
              <div className="field">
                <label htmlFor={session.agenda.id}>{t("learning.session.agenda")}</label>
                <textarea {...getTextareaProps(session.agenda)} key={session.agenda.key} rows={4} />
                <FieldErrors id={session.agenda.errorId} errors={session.agenda.errors} />
              </div>
              <button type="submit">{t("learning.session.save")}</button>
            </Form>
          ) : null}

          <h2 id="resources">{t("learning.cohort.resources")}</h2>
          {d.pins.length === 0 ? <p>{t("learning.cohort.noPins")}</p> : null}
          <ul className="cards">
            {d.pins.map((p) => (
              <li key={p.id} className="card">
                <h3>
                  {p.practice_id ? (
                    <Link to={`/practices/${p.practice_id}`}>{p.practice_name}</Link>
                  ) : p.resource_url ? (
                    <a href={p.resource_url} rel="noopener noreferrer">
                      {p.resource_title}
                    </a>
                  ) : (
                    p.resource_title
                  )}
                </h3>
                {p.practice_tier ? <p className="muted">{t(`learning.library.tierLabel.${p.practice_tier}`)}</p> : null}
                {p.resource_note ? <p className="prewrap">{p.resource_note}</p> : null}
                {p.note ? <p>{p.note}</p> : null}
                {d.canFacilitate ? (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="pinId" value={p.id} />
                    <button type="submit" name="intent" value="unpin" className="button-secondary">
                      {t("learning.cohort.unpin")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          {d.canFacilitate ? (
            <Form method="post" {...getFormProps(pinForm)} className="card narrow">
              <CsrfInput />
              <h3>{t("learning.cohort.pin")}</h3>
              <input type="hidden" name="intent" value="pin" />
              <FormErrors errors={pinForm.errors} id={pinForm.errorId} />
              <div className="field">
                <label htmlFor={pin.target.id}>{t("learning.cohort.pinTarget")}</label>
                <select
                  id={pin.target.id}
                  name={pin.target.name}
                  defaultValue={pin.target.initialValue ?? ""}
                  key={pin.target.key}
                  aria-invalid={pin.target.errors ? true : undefined}
                  aria-describedby={pin.target.errors ? pin.target.errorId : undefined}
                >
                  <optgroup label={t("learning.cohort.practicesGroup")}>
                    {d.practices.map((p) => (
                      <option key={p.id} value={`practice:${p.id}`}>
                        {p.name}
                      </option>
                    ))}
                  </optgroup>
                  {d.resources.length ? (
                    <optgroup label={t("learning.cohort.resourcesGroup")}>
                      {d.resources.map((r) => (
                        <option key={r.id} value={`resource:${r.id}`}>
                          {r.title}
                        </option>
                      ))}
                    </optgroup>
                  ) : null}
                </select>
                <FieldErrors id={pin.target.errorId} errors={pin.target.errors} />
              </div>
              <Field label={t("learning.cohort.pinNote")} meta={pin.note} autoComplete="off" />
              <button type="submit">{t("learning.cohort.pinSave")}</button>
            </Form>
          ) : null}

          <h2>{t("learning.cohort.discussion")}</h2>
          {d.threads.length === 0 ? <p>{t("learning.cohort.noThreads")}</p> : null}
          <ul>
            {d.threads.map((th) => (
              <li key={th.id}>
                <Link to={`/cohorts/${d.cohort.id}/discussion/${th.id}`}>{th.title}</Link> · {th.author} · {t("learning.cohort.posts", { count: th.posts })} ·{" "}
                {t("learning.cohort.lastPost", { when: th.last })}
              </li>
            ))}
          </ul>
          <Pagination page={d.page} pages={d.threadPages} />
          <Form method="post" {...getFormProps(threadForm)} className="card narrow">
            <CsrfInput />
            <h3>{t("learning.cohort.newThread")}</h3>
            <input type="hidden" name="intent" value="thread" />
            <FormErrors errors={threadForm.errors} id={threadForm.errorId} />
            <Field label={t("learning.cohort.threadTitle")} meta={thread.title} autoComplete="off" />
            <div className="field">
              <label htmlFor={thread.body.id}>{t("learning.cohort.body")}</label>
              <p className="hint" id={`${thread.body.id}-hint`}>
                {t("learning.cohort.bodyHint")}
              </p>
              <textarea {...getTextareaProps(thread.body, { ariaDescribedBy: `${thread.body.id}-hint` })} key={thread.body.key} rows={6} />
              <FieldErrors id={thread.body.errorId} errors={thread.body.errors} />
            </div>
            <button type="submit">{t("learning.cohort.post")}</button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

/**
 * The invitation form. A long list of funded organisations (more than the page shows at once) gets
 * a search first; the list then holds the first matches by name.
 */
function InviteOrganisation({
  invitable,
  message,
}: {
  invitable: { rows: { id: string; name: string }[]; total: number; find: string; limit: number };
  message: string[] | undefined;
}) {
  const searching = invitable.find !== "" || invitable.total > invitable.limit;
  if (!searching && invitable.total === 0) return <p className="muted">{t("learning.cohort.noneToInvite")}</p>;
  return (
    <section className="card narrow" id="invite" aria-labelledby="invite-title">
      <h3 id="invite-title">{t("learning.cohort.invite")}</h3>
      <p className="hint" id="invite-hint">
        {t("learning.cohort.inviteHint")}
      </p>
      {searching ? (
        <Form method="get" className="inline-form" preventScrollReset>
          <label htmlFor="invite-find">{t("learning.cohort.findOrganisation")}</label>
          <input id="invite-find" name="find" type="search" defaultValue={invitable.find} maxLength={200} />
          <button type="submit" className="button-secondary">
            {t("learning.cohort.find")}
          </button>
        </Form>
      ) : null}
      {searching ? (
        <p className="hint" role="status">
          {invitable.total === 0
            ? t("learning.cohort.noMatch", { find: invitable.find })
            : invitable.total > invitable.rows.length
              ? t("learning.cohort.firstMatches", { shown: invitable.rows.length, total: invitable.total })
              : t("learning.cohort.allMatches", { count: invitable.total })}
        </p>
      ) : null}
      {invitable.rows.length ? (
        <Form method="post">
          <CsrfInput />
          <FormErrors errors={message} />
          <div className="field">
            <label htmlFor="invite-organisation">{t("learning.cohort.organisation")}</label>
            <select id="invite-organisation" name="organisationId" aria-describedby="invite-hint">
              {invitable.rows.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" name="intent" value="invite">
            {t("learning.cohort.sendInvite")}
          </button>
        </Form>
      ) : (
        <FormErrors errors={message} />
      )}
    </section>
  );
}

/**
 * Shown only when the chosen time happens twice that day (the clocks go back): which of the two is meant,
 * each named with its zone abbreviation, so the session is never put an hour out without anyone choosing.
 */
function OccurrenceChoice(props: { date: unknown; time: unknown; zone: unknown; name: string; initial: unknown; errorId: string; errors?: string[] }) {
  const { t } = useTranslation();
  const [date, time, zone] = [props.date, props.time, props.zone].map((v) => (typeof v === "string" ? v.trim() : ""));
  const when = resolveZonedDateTime(date, time, zone);
  if (when.kind !== "ambiguous") return null;
  const options = [
    { value: "earlier", label: t("learning.session.occurrenceEarlier", { time, zone: zoneLabel(when.earlier, zone) }) },
    { value: "later", label: t("learning.session.occurrenceLater", { time, zone: zoneLabel(when.later, zone) }) },
  ];
  return (
    <fieldset className="field" aria-describedby={props.errors ? props.errorId : undefined}>
      <legend>{t("learning.session.occurrence", { time })}</legend>
      <p className="hint">{t("learning.session.occurrenceHint")}</p>
      {options.map((o) => (
        <label key={o.value}>
          <input type="radio" name={props.name} value={o.value} defaultChecked={props.initial === o.value} /> {o.label}
        </label>
      ))}
      <FieldErrors id={props.errorId} errors={props.errors} />
    </fieldset>
  );
}
