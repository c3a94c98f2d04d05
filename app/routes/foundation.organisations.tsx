import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { createGranteeOrganisation, listGrantees } from "~/domain/foundations.server";
import { requireFoundationCaller } from "~/utils/auth.server";
import { can } from "~/domain/permissions.server";
import { errorReply, readForm } from "~/utils/forms.server";
import { withNotice } from "~/utils/notices";
import { noticeValuesCookie } from "~/utils/notices.server";
import { normaliseEmail } from "~/domain/accounts.server";
import { formatDate } from "~/utils/format";
import { DomainError } from "~/domain/errors";
import { CsrfInput, Field, FormErrors, useForm } from "~/components/forms";
import { emailField, nameField } from "~/utils/schemas";

export const meta: MetaFunction = () => [{ title: `${t("foundation.organisationsTitle")} · ${t("app.name")}` }];

const NewOrganisationSchema = z.object({ name: nameField(), directorEmail: emailField });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { caller, viewer } = await requireFoundationCaller(request, context, "read:grantees");
  const grantees = await listGrantees(context.db, caller);
  return {
    canCreate: can(caller.membership, "create:grantee"),
    organisations: grantees.map((g) => ({ id: g.id, name: g.name, since: formatDate(g.created_at, viewer.user.locale) })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { caller, viewer } = await requireFoundationCaller(request, context, "create:grantee");
  const form = await readForm(request, context);
  const submission = parseWithZod(form, { schema: NewOrganisationSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const wait = await context.invitationLimiter.consume([`invite-user:${viewer.user.id}`]);
    if (wait > 0) throw new DomainError("errors.rateLimited", undefined, { minutes: Math.ceil(wait / 60) }, 429);
    await createGranteeOrganisation(context.db, caller, {
      name: submission.value.name,
      directorEmail: submission.value.directorEmail,
      publicUrl: context.config.publicUrl,
      now: context.now(),
    });
  } catch (e) {
    const { result, status } = errorReply(submission, e);
    return data(result, { status });
  }
  return redirect(withNotice("/foundation/organisations", "organisation-created"), {
    headers: {
      "Set-Cookie": noticeValuesCookie(context, "organisation-created", {
        name: submission.value.name,
        email: normaliseEmail(submission.value.directorEmail),
      }),
    },
  });
}

export default function FoundationOrganisations() {
  const { t } = useTranslation();
  const { organisations, canCreate } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewOrganisationSchema }),
  });
  return (
    <section>
      <h1>{t("foundation.organisationsTitle")}</h1>
      <p className="muted">{t("foundation.organisationsIntro")}</p>
      {organisations.length === 0 ? (
        <p>{t("foundation.noOrganisations")}</p>
      ) : (
        <ul className="cards">
          {organisations.map((o) => (
            <li key={o.id} className="card">
              <Link to={`/organisations/${o.id}`}>{o.name}</Link>
              <p>
                <Link to={`/foundation/organisations/${o.id}/continuum`}>
                  {t("continuum.journeyLink")}
                  <span className="visually-hidden"> ({o.name})</span>
                </Link>
              </p>
              <p className="muted">
                {t("foundation.since")} {o.since}
              </p>
            </li>
          ))}
        </ul>
      )}
      {canCreate ? (
        <>
          <h2>{t("foundation.newOrganisation")}</h2>
          <Form method="post" {...getFormProps(form)} className="card narrow">
            <CsrfInput />
            <FormErrors errors={form.errors} id={form.errorId} />
            <Field label={t("foundation.organisationName")} meta={fields.name} autoComplete="off" />
            <Field label={t("foundation.directorEmail")} meta={fields.directorEmail} type="email" autoComplete="off" />
            <button type="submit">{t("foundation.createOrganisation")}</button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
