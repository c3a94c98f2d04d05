import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
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
import { Notice } from "./components/forms";
import { AppShell } from "./components/app-shell";
import { navigationFor } from "./utils/navigation.server";
import { roleLabelKey } from "./utils/roles";
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
            acting: viewer.acting ? { ...viewer.acting, roleLabel: roleLabelKey(viewer.acting.kind, viewer.acting.role) } : null,
            memberships: viewer.memberships,
            // The header's links, decided here from the permissions module; the page only renders them.
            navigation: viewer.acting ? navigationFor(viewer.acting) : [],
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
  const nav = viewer?.navigation ?? [];
  const roleLabel = viewer?.acting ? translateKey(t, viewer.acting.roleLabel) : null;
  return (
    <AppShell viewer={viewer ? { ...viewer, roleLabel } : null} nav={nav}>
      {notice ? <Notice tone="success">{translateKey(t, notice.key, notice.values)}</Notice> : null}
      {children}
    </AppShell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const i18n = i18nFor("en");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const details = isRouteErrorResponse(error) ? (error.data as { reason?: string; field?: string; message?: string } | undefined) : undefined;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <I18nextProvider i18n={i18n}>
      <Shell>
        <ErrorMessage status={status} reason={details?.reason} field={details?.field} message={details?.message} />
      </Shell>
    </I18nextProvider>
  );
}

function ErrorMessage({ status, reason, field, message }: { status: number; reason?: string; field?: string; message?: string }) {
  const { t } = useTranslation();
  // A form the bounded reader refused (app/utils/form-body.server.ts) says which field and why.
  const refusedForm = reason?.startsWith("form-") && typeof message === "string";
  const [title, body] = refusedForm
    ? [t("forms.refusedTitle"), typeof field === "string" ? t("forms.refusedField", { field, message }) : message]
    : status === 404
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
