import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { needsSetup } from "~/domain/accounts.server";
import { getViewer } from "~/utils/auth.server";
import { navigationFor } from "~/utils/navigation";

export const meta: MetaFunction = () => [{ title: `${t("home.title")} · ${t("app.name")}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request, context);
  if (!viewer) throw redirect((await needsSetup(context.db)) ? "/setup" : "/login");
  const acting = viewer.acting;
  return {
    name: viewer.user.name || viewer.user.email,
    acting: acting ? { kind: acting.kind, tenantName: acting.tenantName } : null,
    links: acting ? navigationFor(acting).filter((l) => l.to !== "/") : [],
  };
}

export default function Home() {
  const { t } = useTranslation();
  const { name, acting, links } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("home.welcome", { name })}</h1>
      {acting ? (
        <>
          <p className="muted">{acting.kind === "foundation" ? t("home.foundationIntro") : t("home.organisationIntro")}</p>
          <ul className="cards">
            {links.map((l) => (
              <li key={l.to} className="card">
                <Link to={l.to}>{t(l.label as never)}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("home.noMemberships")}</p>
      )}
    </section>
  );
}
