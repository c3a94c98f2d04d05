import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { pageParam } from "~/utils/outbox-listing.server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { listJourneyViews, listSharing, setSharing } from "~/domain/continuum.server";
import { DomainError } from "~/domain/errors";
import { requireOrganisationCaller } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";
import { withNotice } from "~/utils/notices";
import { formatDate, formatDateTime } from "~/utils/format";
import { CsrfInput } from "~/components/forms";
import { Pagination } from "~/components/pagination";

export const meta: MetaFunction = () => [{ title: `${t("continuum.sharingTitle")} · ${t("app.name")}` }];

const SharingSchema = z.object({ intent: z.enum(["share", "revoke"]), foundationId: z.string().uuid() });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organisationId, viewer, caller } = await requireOrganisationCaller(request, context, params.organisationId, "share:continuum");
  const locale = viewer.user.locale;
  const page = pageParam(new URL(request.url));
  const [sharing, views] = await Promise.all([listSharing(context.db, caller), listJourneyViews(context.db, caller, page)]);
  return {
    organisationId,
    foundations: sharing.map((s) => ({ id: s.foundationId, name: s.name, sharedSince: s.sharedSince ? formatDate(s.sharedSince, locale) : null })),
    views: views.rows.map((v) => ({
      id: String(v.id),
      viewer: v.viewer || v.viewerEmail || "—",
      foundation: v.foundation ?? "—",
      at: formatDateTime(v.at, locale),
    })),
    page,
    pages: Math.max(1, Math.ceil(views.total / views.pageSize)),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organisationId, caller } = await requireOrganisationCaller(request, context, params.organisationId, "share:continuum");
  const form = await readForm(request, context);
  const submission = parseWithZod(form, { schema: SharingSchema });
  if (submission.status !== "success") notFound();
  const share = submission.value.intent === "share";
  try {
    await setSharing(context.db, caller, { foundationId: submission.value.foundationId, share, now: context.now() });
  } catch (e) {
    if (e instanceof DomainError && e.status === 404) notFound();
    throw e;
  }
  return redirect(withNotice(`/organisations/${organisationId}/continuum/sharing`, share ? "continuum-shared" : "continuum-revoked"));
}

export default function ContinuumSharing() {
  const { t } = useTranslation();
  const { organisationId, foundations, views, page, pages } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("continuum.sharingTitle")}</h1>
      <p>{t("continuum.sharingIntro")}</p>
      <p className="muted">{t("continuum.sharedBodyOrganisation")}</p>
      <h2>{t("continuum.sharingCandidates")}</h2>
      {foundations.length === 0 ? (
        <p>{t("continuum.sharingNone")}</p>
      ) : (
        <ul className="cards">
          {foundations.map((f) => (
            <li key={f.id} className="card" data-testid={`sharing-${f.name}`}>
              <h3>{f.name}</h3>
              <p>{f.sharedSince ? t("continuum.sharedSince", { date: f.sharedSince }) : t("continuum.notSharedYet")}</p>
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="foundationId" value={f.id} />
                {f.sharedSince ? (
                  <button type="submit" name="intent" value="revoke" className="button-secondary">
                    {t("continuum.stopSharing", { foundation: f.name })}
                  </button>
                ) : (
                  <button type="submit" name="intent" value="share">
                    {t("continuum.share", { foundation: f.name })}
                  </button>
                )}
              </Form>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("continuum.viewsTitle")}</h2>
      {views.length === 0 ? (
        <p>{t("continuum.viewsEmpty")}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("continuum.viewsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("continuum.viewer")}</th>
                  <th scope="col">{t("continuum.foundation")}</th>
                  <th scope="col">{t("continuum.viewedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {views.map((v) => (
                  <tr key={v.id}>
                    <td>{v.viewer}</td>
                    <td>{v.foundation}</td>
                    <td>{v.at}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pages={pages} />
        </>
      )}
      <p>
        <Link to={`/organisations/${organisationId}/continuum`}>{t("continuum.backToJourney")}</Link>
      </p>
    </section>
  );
}
