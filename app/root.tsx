import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
  useSearchParams,
} from "@remix-run/react";
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useEffect } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import styles from "./styles/app.css?url";
import { i18nFor, t as translate, translateKey } from "./i18n";
import { getViewer } from "./utils/auth.server";
import { csrfToken } from "./utils/csrf.server";
import { CsrfInput, Notice } from "./components/forms";
import { navigationFor } from "./utils/navigation";
import { useNonce } from "./utils/nonce";
import { noticeMessage } from "./utils/notices";
import { takeNoticeValues } from "./utils/notices.server";
import { keptDocument } from "./utils/kept-document";

export const handle = keptDocument;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** The title of pages without their own, and of the error pages (which the routes' meta never reach). */
export const meta: MetaFunction = ({ error }) => {
  const name = translate("app.name");
  if (!error) return [{ title: name }];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = status === 404 ? translate("app.notFoundTitle") : status === 403 ? translate("app.forbiddenTitle") : translate("app.errorTitle");
  return [{ title: `${title} · ${name}` }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request, context);
  const { token, setCookie } = csrfToken(request, context);
  const pending = takeNoticeValues(request, context);
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  if (pending) headers.append("Set-Cookie", pending.clear);
  return data(
    {
      csrf: token,
      notice: pending?.flash ?? null,
      locale: viewer?.user.locale ?? "en",
      viewer: viewer
        ? {
            name: viewer.user.name || viewer.user.email,
            email: viewer.user.email,
            acting: viewer.acting,
            memberships: viewer.memberships,
          }
        : null,
    },
    { headers },
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    <html lang={root?.locale ?? "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale } = useLoaderData<typeof loader>();
  const i18n = i18nFor(locale);
  // Marks the document once React has hydrated it: browser tests wait for it before using controls that
  // act through scripts (an autosaving radio clicked earlier is checked by the browser, but never saved).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <I18nextProvider i18n={i18n}>
      <Shell>
        <Outlet />
      </Shell>
    </I18nextProvider>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof loader>("root");
  const viewer = root?.viewer;
  const [params] = useSearchParams();
  const noticeName = params.get("notice");
  const notice = noticeMessage(noticeName, root?.notice?.notice === noticeName ? root.notice.values : null);
  const nav = viewer?.acting ? navigationFor(viewer.acting) : [];
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="brand">
            {t("app.name")}
          </Link>
          {viewer ? (
            <div className="acting-for">
              {viewer.acting ? (
                <p>
                  <span className="muted">{t("app.actingFor")}:</span> <strong data-testid="acting-for">{viewer.acting.tenantName}</strong>{" "}
                  <span className="role-badge">
                    {viewer.acting.kind === "organisation" && viewer.acting.role === "staff" ? t("roles.organisation_staff") : t(`roles.${viewer.acting.role}`)}
                  </span>
                </p>
              ) : null}
              {viewer.memberships.length > 1 ? (
                <Form method="post" action="/context" className="inline-form">
                  <CsrfInput />
                  <label htmlFor="context-switch" className="visually-hidden">
                    {t("app.switchContext")}
                  </label>
                  <select id="context-switch" name="membershipId" defaultValue={viewer.acting?.id}>
                    {viewer.memberships.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.tenantName}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className="button-secondary">
                    {t("app.switchTo")}
                  </button>
                </Form>
              ) : null}
            </div>
          ) : null}
          <div className="account-links">
            {viewer ? (
              <>
                <Link to="/account">{t("app.account")}</Link>
                <Form method="post" action="/logout" className="inline-form">
                  <CsrfInput />
                  <button type="submit" className="link-button">
                    {t("app.logout")}
                  </button>
                </Form>
              </>
            ) : (
              <Link to="/login">{t("app.login")}</Link>
            )}
          </div>
        </div>
        {nav.length ? (
          <nav aria-label={t("app.nav")} className="site-nav">
            <ul>
              {nav.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end}>
                    {translateKey(t, item.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        {notice ? <Notice tone="success">{translateKey(t, notice.key, notice.values)}</Notice> : null}
        {children}
      </main>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const i18n = i18nFor("en");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const reason = isRouteErrorResponse(error) ? (error.data as { reason?: string } | undefined)?.reason : undefined;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <I18nextProvider i18n={i18n}>
      <Shell>
        <ErrorMessage status={status} reason={reason} />
      </Shell>
    </I18nextProvider>
  );
}

function ErrorMessage({ status, reason }: { status: number; reason?: string }) {
  const { t } = useTranslation();
  const [title, body] =
    status === 404
      ? [t("app.notFoundTitle"), t("app.notFoundBody")]
      : status === 403
        ? [t("app.forbiddenTitle"), reason === "csrf" ? t("app.csrfBody") : t("app.forbiddenBody")]
        : [t("app.errorTitle"), t("app.errorBody")];
  return (
    <section className="error-page">
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <Link to="/">{t("app.backHome")}</Link>
      </p>
    </section>
  );
}
