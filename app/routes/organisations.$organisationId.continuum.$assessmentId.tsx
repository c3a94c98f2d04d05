import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { getFormProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { useEffect, useRef, useState } from "react";
import { t, translateKey } from "~/i18n";
import { getAssessment, saveAssessment, setStaffInvited, type PillarAnswers } from "~/domain/continuum.server";
import { listPracticeIdeasByPillar } from "~/domain/practices.server";
import { NOTE_MAX, REFLECTION_MAX } from "~/domain/continuum-limits";
import { DomainError } from "~/domain/errors";
import { CONTINUUM_STAGES, PILLARS, type ContinuumStage } from "~/domain/vocabulary";
import { can, type Caller } from "~/domain/permissions.server";
import { requireOrganisationCaller } from "~/utils/auth.server";
import { errorReply, readForm } from "~/utils/forms.server";
import { forbidden, notFound, paramId } from "~/utils/http.server";
import { withNotice } from "~/utils/notices";
import { formatDate } from "~/utils/format";
import { CsrfInput, FieldErrors, FormErrors, Notice, useForm } from "~/components/forms";

export const meta: MetaFunction = () => [{ title: `${t("continuum.assessmentTitle")} · ${t("app.name")}` }];

const text = (max: number) => z.string().max(max, t("errors.tooLong", { max })).optional().default("");

const AssessmentSchema = z.object({
  intent: z.enum(["save", "finish", "autosave"]),
  version: z.coerce.number().int(),
  reflection: text(REFLECTION_MAX),
  nextSteps: text(REFLECTION_MAX),
  ...(Object.fromEntries(
    PILLARS.flatMap((p) => [
      [`stage_${p}`, z.enum(CONTINUUM_STAGES).optional()],
      [`note_${p}`, text(NOTE_MAX)],
    ]),
  ) as Record<`stage_${(typeof PILLARS)[number]}`, z.ZodOptional<z.ZodEnum<[ContinuumStage, ...ContinuumStage[]]>>> &
    Record<`note_${(typeof PILLARS)[number]}`, ReturnType<typeof text>>),
});
type AssessmentForm = z.infer<typeof AssessmentSchema>;

function formValues(a: { answers: PillarAnswers; reflection: string; next_steps: string; version: number }) {
  return {
    version: String(a.version),
    reflection: a.reflection,
    nextSteps: a.next_steps,
    ...Object.fromEntries(
      PILLARS.flatMap((p) => [
        [`stage_${p}`, a.answers[p].stage ?? undefined],
        [`note_${p}`, a.answers[p].note],
      ]),
    ),
  };
}

function answersFrom(v: AssessmentForm): PillarAnswers {
  return Object.fromEntries(PILLARS.map((p) => [p, { stage: v[`stage_${p}`] ?? null, note: v[`note_${p}`] ?? "" }])) as PillarAnswers;
}

/** The assessment, if the caller may see it (the domain decides: directors see all of theirs, staff only a draft they were invited to). */
async function load(context: LoaderFunctionArgs["context"], caller: Caller, assessmentId: string) {
  try {
    return await getAssessment(context.db, caller, assessmentId);
  } catch (e) {
    if (e instanceof DomainError && e.status === 404) notFound();
    throw e;
  }
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organisationId, viewer, caller } = await requireOrganisationCaller(request, context, params.organisationId, "contribute:continuum");
  const a = await load(context, caller, paramId(params, "assessmentId"));
  const ideas = a.status === "finished" ? null : await listPracticeIdeasByPillar(context.db);
  return {
    ideas,
    organisationId,
    isDirector: can(caller.membership, "manage:continuum"),
    staffInvited: a.staff_invited,
    id: a.id,
    finished: a.status === "finished",
    finishedOn: a.finished_at ? formatDate(a.finished_at, viewer.user.locale) : null,
    values: formValues(a),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organisationId, caller } = await requireOrganisationCaller(request, context, params.organisationId, "contribute:continuum");
  const assessmentId = paramId(params, "assessmentId");
  await load(context, caller, assessmentId);
  const form = await readForm(request, context);
  const staffIntent = form.get("intent");
  if (staffIntent === "invite-staff" || staffIntent === "uninvite-staff") {
    if (!can(caller.membership, "manage:continuum")) forbidden();
    await setStaffInvited(context.db, caller, assessmentId, staffIntent === "invite-staff");
    return redirect(withNotice(`/organisations/${organisationId}/continuum/${assessmentId}`, "saved"));
  }
  const submission = parseWithZod(form, { schema: AssessmentSchema });
  const autosave = form.get("intent") === "autosave";
  if (submission.status !== "success") {
    return data(
      { result: submission.reply(), autosave: autosave ? { ok: false as const, version: null, message: null } : null, current: null },
      { status: 400 },
    );
  }
  const v = submission.value;
  try {
    const saved = await saveAssessment(context.db, caller, assessmentId, {
      answers: answersFrom(v),
      reflection: v.reflection,
      nextSteps: v.nextSteps,
      version: v.version,
      finish: v.intent === "finish",
      now: context.now(),
    });
    if (autosave) return data({ result: null, autosave: { ok: true as const, version: saved.version, message: null }, current: null });
  } catch (e) {
    const { result, status } = errorReply(submission, e);
    const current = await getAssessment(context.db, caller, assessmentId);
    const message = e instanceof DomainError ? translateKey(t, e.message, e.values) : null;
    return data(
      {
        result,
        autosave: autosave ? { ok: false as const, version: null, message } : null,
        current: { version: current.version, finished: current.status === "finished", values: formValues(current) },
      },
      { status },
    );
  }
  if (v.intent === "finish") return redirect(withNotice(`/organisations/${organisationId}/continuum`, "continuum-finished"));
  return redirect(withNotice(`/organisations/${organisationId}/continuum/${assessmentId}`, "saved"));
}

function StageChoice({ meta, pillar, legend }: { meta: FieldMetadata<string | undefined>; pillar: string; legend: string }) {
  const { t } = useTranslation();
  const hintId = `${meta.id}-hint`;
  return (
    <fieldset
      className="stage-options"
      aria-describedby={meta.errors?.length ? `${hintId} ${meta.errorId}` : hintId}
      aria-invalid={meta.errors?.length ? true : undefined}
    >
      <legend>{legend}</legend>
      <p className="hint" id={hintId}>
        {translateKey(t, `vocabulary.pillarHint.${pillar}`)}
      </p>
      {CONTINUUM_STAGES.map((stage) => {
        const id = `${meta.id}-${stage}`;
        return (
          <div className="stage-option" key={stage}>
            <input type="radio" id={id} name={meta.name} value={stage} defaultChecked={meta.initialValue === stage} key={`${meta.key}-${stage}`} />
            <label htmlFor={id}>
              <strong>{t(`vocabulary.stage.${stage}`)}</strong>: {translateKey(t, `continuum.stageDescription.${pillar}.${stage}`)}
            </label>
          </div>
        );
      })}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

function TextArea({ meta, label }: { meta: FieldMetadata<string | undefined>; label: string }) {
  const props = getTextareaProps(meta);
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <textarea {...props} key={props.key} rows={3} />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

function FinishedAssessment({ values, finishedOn, organisationId }: { values: Record<string, unknown>; finishedOn: string; organisationId: string }) {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t("continuum.finishedTitle", { date: finishedOn })}</h1>
      <p className="muted">{t("continuum.frozen")}</p>
      <dl>
        {PILLARS.map((p) => {
          const stage = values[`stage_${p}`] as string | undefined;
          const note = values[`note_${p}`] as string;
          return (
            <div key={p}>
              <dt>{t(`vocabulary.pillar.${p}`)}</dt>
              <dd>
                {stage ? translateKey(t, `vocabulary.stage.${stage}`) : t("continuum.noStage")}
                {note ? <p>{note}</p> : null}
              </dd>
            </div>
          );
        })}
        <dt>{t("continuum.reflection")}</dt>
        <dd>{(values.reflection as string) || t("app.none")}</dd>
        <dt>{t("continuum.nextSteps")}</dt>
        <dd>{(values.nextSteps as string) || t("app.none")}</dd>
      </dl>
      <p>
        <Link to={`/organisations/${organisationId}/continuum`}>{t("continuum.backToJourney")}</Link>
      </p>
    </section>
  );
}

const AUTOSAVE_MS = 1200;

export default function ContinuumAssessment() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const fetcher = useFetcher<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // One autosave at a time: a second one sent before the first returns would carry a stale version.
  const busy = useRef(false);
  busy.current = fetcher.state !== "idle";
  const savedVersion = actionData?.current?.version ?? Number(loaderData.values.version);
  const [version, setVersion] = useState(savedVersion);
  useEffect(() => setVersion(savedVersion), [savedVersion]);
  const autosave = fetcher.data?.autosave;
  useEffect(() => {
    if (autosave?.ok) setVersion(autosave.version);
  }, [autosave]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const [form, fields] = useForm({
    id: `assessment-${loaderData.id}`,
    lastResult: actionData?.result,
    defaultValue: loaderData.values,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AssessmentSchema }),
  });

  if (loaderData.finished) {
    return <FinishedAssessment values={loaderData.values} finishedOn={loaderData.finishedOn ?? ""} organisationId={loaderData.organisationId} />;
  }

  const scheduleAutosave = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!formRef.current) return;
      if (busy.current) return scheduleAutosave();
      const body = new FormData(formRef.current);
      body.set("intent", "autosave");
      fetcher.submit(body, { method: "post" });
    }, AUTOSAVE_MS);
  };

  const f = fields as unknown as Record<string, FieldMetadata<string | undefined>>;
  return (
    <section className="narrow">
      <h1>{t("continuum.draftTitle")}</h1>
      <p>{t("continuum.draftIntro")}</p>
      <FormErrors errors={form.errors} id={form.errorId} />
      {actionData?.current?.finished ? <Notice tone="error">{t("continuum.alreadyFinished")}</Notice> : null}
      <div aria-live="polite" className="muted">
        {fetcher.state !== "idle" ? t("continuum.autosaving") : autosave?.ok ? t("continuum.autosaved") : null}
      </div>
      {autosave && !autosave.ok && autosave.message ? <Notice tone="error">{autosave.message}</Notice> : null}
      <Form method="post" {...getFormProps(form)} ref={formRef} onChange={scheduleAutosave}>
        <CsrfInput />
        <input type="hidden" name="version" value={version} readOnly />
        {PILLARS.map((p) => (
          <div className="pillar-fieldset" key={p}>
            <StageChoice meta={f[`stage_${p}`]} pillar={p} legend={t(`vocabulary.pillar.${p}`)} />
            <TextArea meta={f[`note_${p}`]} label={t("continuum.noteFor", { pillar: t(`vocabulary.pillar.${p}`) })} />
            {loaderData.ideas?.[p]?.length ? <PillarIdeas pillar={p} ideas={loaderData.ideas[p]} /> : null}
          </div>
        ))}
        <TextArea meta={f.reflection} label={t("continuum.reflection")} />
        <TextArea meta={f.nextSteps} label={t("continuum.nextSteps")} />
        <p>
          <button type="submit" name="intent" value="save" className="button-secondary" onClick={() => clearTimeout(timer.current)}>
            {t("continuum.saveDraft")}
          </button>
        </p>
        {loaderData.isDirector ? (
          <>
            <p className="hint" id="finish-hint">
              {t("continuum.finishHint")}
            </p>
            <button type="submit" name="intent" value="finish" aria-describedby="finish-hint" onClick={() => clearTimeout(timer.current)}>
              {t("continuum.finish")}
            </button>
          </>
        ) : (
          <p className="muted">{t("continuum.directorFinishes")}</p>
        )}
      </Form>
      {loaderData.isDirector ? (
        <Form method="post" className="card">
          <CsrfInput />
          <h2>{t("continuum.staffTitle")}</h2>
          <p>{loaderData.staffInvited ? t("continuum.staffInvitedNow") : t("continuum.staffNotInvitedNow")}</p>
          <button type="submit" name="intent" value={loaderData.staffInvited ? "uninvite-staff" : "invite-staff"} className="button-secondary">
            {loaderData.staffInvited ? t("continuum.uninviteStaff") : t("continuum.inviteStaff")}
          </button>
        </Form>
      ) : null}
      <p>
        <Link to={`/organisations/${loaderData.organisationId}/continuum`}>{t("continuum.backToJourney")}</Link>
      </p>
    </section>
  );
}

function PillarIdeas({ pillar, ideas }: { pillar: string; ideas: { id: string; name: string; tier: string }[] }) {
  const { t } = useTranslation();
  return (
    <details className="ideas">
      <summary>{t("continuum.ideasSummary", { pillar: translateKey(t, `vocabulary.pillar.${pillar}`) })}</summary>
      <p className="hint">{t("continuum.ideasIntro")}</p>
      <ul>
        {ideas.map((i) => (
          <li key={i.id}>
            <Link to={`/practices/${i.id}`}>{i.name}</Link> <span className="muted">({translateKey(t, `vocabulary.tier.${i.tier}`)})</span>
          </li>
        ))}
      </ul>
      <p>
        <Link to={`/practices?pillar=${pillar}`}>{t("continuum.ideasMore")}</Link>
      </p>
    </details>
  );
}
