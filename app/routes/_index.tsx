import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { t, translateKey } from "~/i18n";
import { needsSetup } from "~/domain/accounts.server";
import { actingCaller, getViewer } from "~/utils/auth.server";
import { navigationFor } from "~/utils/navigation.server";
import { listCohortsForUser } from "~/domain/cohorts.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: `${t("home.title")} · ${t("app.name")}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request, context);
  if (!viewer) throw redirect((await needsSetup(context.db)) ? "/setup" : "/login");
  const acting = viewer.acting;
  const caller = actingCaller(viewer);
  const cohorts = caller ? await listCohortsForUser(context.db, caller) : [];
  return {
    cohorts: cohorts.map((c) => ({
      id: c.id,
      name: c.name,
      foundation: c.foundation_name,
      dates: t("learning.cohorts.dates", { start: formatDate(c.starts_on, viewer.user.locale), end: formatDate(c.ends_on, viewer.user.locale) }),
    })),
    name: viewer.user.name || viewer.user.email,
    acting: acting ? { kind: acting.kind, tenantName: acting.tenantName } : null,
    links: acting ? navigationFor(acting).filter((l) => l.to !== "/") : [],
  };
}

export default function Home() {
  const { t } = useTranslation();
  const { name, acting, links, cohorts } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("home.welcome", { name })}</h1>
      {acting ? (
        <>
          <p className="muted">{acting.kind === "foundation" ? t("home.foundationIntro") : t("home.organisationIntro")}</p>
          <ul className="cards">
            {links.map((l) => (
              <li key={l.to} className="card">
                <Link to={l.to}>{translateKey(t, l.label)}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("home.noMemberships")}</p>
      )}
      <h2>{t("learning.cohorts.yourCohorts")}</h2>
      {cohorts.length === 0 ? (
        <p className="muted">{t("learning.cohorts.homeEmpty")}</p>
      ) : (
        <ul className="cards">
          {cohorts.map((c) => (
            <li key={c.id} className="card">
              <Link to={`/cohorts/${c.id}`}>{c.name}</Link>
              <p className="muted">
                {c.dates} · {t("learning.cohorts.runBy", { foundation: c.foundation })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
