import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { ChevronDown, LogOut, Menu, UserRound } from "lucide-react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { translateKey } from "~/i18n";
import { CsrfInput } from "./forms";
import { cn } from "./ui/cn";
import { Icon } from "./ui/icon";

export interface ShellNavItem {
  to: string;
  label: string;
  end?: boolean;
}

export interface ShellViewer {
  name: string;
  acting: { id: string; tenantName: string; kind: "foundation" | "organisation"; role: string } | null;
  memberships: Array<{ id: string; tenantName: string }>;
  roleLabel: string | null;
}

/**
 * The pages about running the tenant itself (people, settings, mail, records) sit in one menu named for
 * the tenant, so the everyday pages fit one row on a desktop.
 */
const TENANT_PAGE = /^\/foundation\/(members|settings|outbox|audit|resources|self-assessment)|^\/organisations\/[^/]+\/(members|outbox|data)$/;

function NavItemLink({ item, onPhone }: { item: ShellNavItem; onPhone?: boolean }) {
  const { t } = useTranslation();
  return (
    <NavLink
      to={item.to}
      end={item.end}
      prefetch="intent"
      className={({ isActive }) =>
        cn(
          "block no-underline whitespace-nowrap",
          onPhone ? "rounded-md px-3 py-2" : "border-b-3 px-1 py-3",
          isActive
            ? onPhone
              ? "bg-accent-soft font-semibold text-ink"
              : "border-accent font-semibold text-ink"
            : "border-transparent text-accent hover:text-accent-strong",
        )
      }
    >
      {translateKey(t, item.label)}
    </NavLink>
  );
}

/** Closes an open <details> menu when the page changes (it stays a plain disclosure without JavaScript). */
function useCloseOnNavigate() {
  const ref = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [location.key]);
  return ref;
}

function ContextSwitch({ viewer, id }: { viewer: ShellViewer; id: string }) {
  const { t } = useTranslation();
  if (viewer.memberships.length < 2) return null;
  return (
    <Form method="post" action="/context" className="inline-form flex items-center gap-2">
      <CsrfInput />
      <label htmlFor={id} className="visually-hidden">
        {t("app.switchContext")}
      </label>
      <select id={id} name="membershipId" defaultValue={viewer.acting?.id} className="max-w-48">
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
  );
}

function LogoutButton() {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/logout" className="inline-form">
      <CsrfInput />
      <button type="submit" className="link-button inline-flex items-center gap-1">
        <Icon icon={LogOut} />
        {t("app.logout")}
      </button>
    </Form>
  );
}

export function AppShell({ viewer, nav, children }: { viewer: ShellViewer | null | undefined; nav: ShellNavItem[]; children: ReactNode }) {
  const { t } = useTranslation();
  const tenantMenu = useCloseOnNavigate();
  const phoneMenu = useCloseOnNavigate();
  const everyday = nav.filter((item) => !TENANT_PAGE.test(item.to));
  const tenantPages = nav.filter((item) => TENANT_PAGE.test(item.to));
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-2">
          <Link to="/" className="brand">
            {t("app.name")}
          </Link>
          {viewer ? (
            <>
              <div className="hidden items-center gap-4 lg:flex">
                {viewer.acting ? (
                  <p className="m-0 flex items-center gap-2">
                    <span className="visually-hidden">{t("app.actingFor")}:</span>
                    <strong data-testid="acting-for">{viewer.acting.tenantName}</strong>
                    {viewer.roleLabel ? <span className="role-badge">{viewer.roleLabel}</span> : null}
                  </p>
                ) : null}
                <ContextSwitch viewer={viewer} id="context-switch" />
                <Link to="/account" className="inline-flex items-center gap-1">
                  <Icon icon={UserRound} />
                  {t("app.account")}
                </Link>
                <LogoutButton />
              </div>
              <details ref={phoneMenu} className="group lg:hidden">
                <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md border border-line px-3 py-2 font-semibold text-accent [&::-webkit-details-marker]:hidden">
                  <Icon icon={Menu} />
                  {t("app.menu")}
                </summary>
                <div className="absolute inset-x-0 z-20 mt-2 border-b border-line bg-card px-4 pb-4 shadow-lg">
                  {viewer.acting ? (
                    <p className="my-3 flex flex-wrap items-center gap-2">
                      <span className="text-muted">{t("app.actingFor")}:</span>
                      <strong>{viewer.acting.tenantName}</strong>
                      {viewer.roleLabel ? <span className="role-badge">{viewer.roleLabel}</span> : null}
                    </p>
                  ) : null}
                  <ContextSwitch viewer={viewer} id="context-switch-phone" />
                  <nav aria-label={t("app.nav")}>
                    <ul className="m-0 mt-2 grid list-none gap-1 p-0 sm:grid-cols-2">
                      {nav.map((item) => (
                        <li key={item.to}>
                          <NavItemLink item={item} onPhone />
                        </li>
                      ))}
                    </ul>
                  </nav>
                  <div className="mt-3 flex items-center gap-4 border-t border-line pt-3">
                    <Link to="/account">{t("app.account")}</Link>
                    <LogoutButton />
                  </div>
                </div>
              </details>
            </>
          ) : (
            <Link to="/login">{t("app.login")}</Link>
          )}
        </div>
        {nav.length ? (
          <nav aria-label={t("app.nav")} className="hidden border-t border-line lg:block">
            <ul className="m-0 mx-auto flex max-w-6xl list-none items-center gap-5 px-4">
              {everyday.map((item) => (
                <li key={item.to}>
                  <NavItemLink item={item} />
                </li>
              ))}
              {tenantPages.length ? (
                <li className="relative ml-auto">
                  <details ref={tenantMenu}>
                    <summary className="flex cursor-pointer list-none items-center gap-1 py-3 text-accent [&::-webkit-details-marker]:hidden">
                      {viewer?.acting?.kind === "organisation" ? t("app.organisationMenu") : t("app.foundationMenu")}
                      <Icon icon={ChevronDown} />
                    </summary>
                    <ul className="absolute right-0 z-20 m-0 mt-1 min-w-56 list-none rounded-card border border-line bg-card p-2 shadow-lg">
                      {tenantPages.map((item) => (
                        <li key={item.to}>
                          <NavItemLink item={item} onPhone />
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
