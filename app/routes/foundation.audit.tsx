import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { t } from "~/i18n";
import { foundationAuditFacets, listFoundationAudit } from "~/domain/audit.server";
import { requireFoundationCaller } from "~/utils/auth.server";
import { pageParam } from "~/utils/outbox-listing.server";
import { formatDateTime } from "~/utils/format";
import { Pagination } from "~/components/pagination";

export const meta: MetaFunction = () => [{ title: `${t("audit.title")} · ${t("app.name")}` }];

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()));
const FiltersSchema = z.object({
  person: z.string().uuid().optional().catch(undefined),
  object: z.string().max(100).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { caller, viewer } = await requireFoundationCaller(request, context, "read:foundation-audit");
  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  const filters = FiltersSchema.parse(raw);
  const page = pageParam(url);
  const [listing, facets] = await Promise.all([
    listFoundationAudit(context.db, caller, { actorUserId: filters.person, objectType: filters.object, from: filters.from, to: filters.to }, page),
    foundationAuditFacets(context.db, caller),
  ]);
  const locale = viewer.user.locale;
  return {
    filters,
    // A date typed wrongly is ignored for the query and named next to its field, with what was typed kept.
    badDates: (["from", "to"] as const).filter((k) => raw[k] !== undefined && filters[k] === undefined),
    typed: { from: raw.from ?? "", to: raw.to ?? "" },
    facets,
    total: listing.total,
    page,
    pages: Math.max(1, Math.ceil(listing.total / listing.pageSize)),
    rows: listing.rows.map((r) => ({
      id: String(r.id),
      at: formatDateTime(r.at, locale),
      who: r.actor_name || r.actor_email || null,
      action: r.action,
      objectType: r.object_type,
      objectId: r.object_id,
      before: r.before === null ? null : JSON.stringify(r.before),
      after: r.after === null ? null : JSON.stringify(r.after),
    })),
  };
}

export default function FoundationAudit() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const filtered = Boolean(data.filters.person || data.filters.object || data.filters.from || data.filters.to);
  return (
    <section>
      <h1>{t("audit.title")}</h1>
      <p className="muted">{t("audit.intro")}</p>
      <Form method="get" className="card filters" aria-label={t("audit.filters")}>
        <div className="field">
          <label htmlFor="audit-person">{t("audit.person")}</label>
          <select id="audit-person" name="person" defaultValue={data.filters.person ?? ""}>
            <option value="">{t("audit.anyone")}</option>
            {data.facets.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name ? `${p.name} (${p.email})` : p.email}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-object">{t("audit.object")}</label>
          <select id="audit-object" name="object" defaultValue={data.filters.object ?? ""}>
            <option value="">{t("audit.anything")}</option>
            {data.facets.objectTypes.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
        {(["from", "to"] as const).map((k) => {
          const bad = data.badDates.includes(k);
          return (
            <div className="field" key={k}>
              <label htmlFor={`audit-${k}`}>{t(`audit.${k}`)}</label>
              <input
                id={`audit-${k}`}
                name={k}
                type="date"
                defaultValue={data.typed[k]}
                aria-invalid={bad || undefined}
                aria-describedby={bad ? `audit-${k}-error` : undefined}
              />
              {bad ? (
                <ul className="field-errors" id={`audit-${k}-error`}>
                  <li>{t("audit.badDate")}</li>
                </ul>
              ) : null}
            </div>
          );
        })}
        <div className="actions">
          <button type="submit">{t("audit.apply")}</button>
          {filtered ? <Link to="/foundation/audit">{t("audit.clear")}</Link> : null}
        </div>
      </Form>
      <p className="muted" role="status">
        {t("audit.count", { count: data.total })}
      </p>
      {data.rows.length === 0 ? (
        <p>{filtered ? t("audit.emptyFiltered") : t("audit.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("audit.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.record")}</th>
                <th scope="col">{t("audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.at}</td>
                  <td>{r.who ?? t("audit.system")}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>
                    {r.objectType}
                    {r.objectId ? <span className="muted"> {r.objectId}</span> : null}
                  </td>
                  <td className="audit-details">
                    {r.before ? (
                      <p>
                        {t("audit.before")}: <code>{r.before}</code>
                      </p>
                    ) : null}
                    {r.after ? (
                      <p>
                        {t("audit.after")}: <code>{r.after}</code>
                      </p>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={data.page} pages={data.pages} />
    </section>
  );
}
