import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CalendarDays, ClipboardList, Inbox, MessagesSquare, PiggyBank, Sparkles, Users, type LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { needsSetup } from "~/domain/accounts.server";
import { homeAttention } from "~/domain/home.server";
import { listCohortsForUser } from "~/domain/cohorts.server";
import { actingCaller, getViewer } from "~/utils/auth.server";
import { formatDate, formatDateTime, formatMoney } from "~/utils/format";
import { PageHeader } from "~/components/ui/page-header";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { FactList } from "~/components/ui/fact-list";
import { Icon } from "~/components/ui/icon";
import { Badge } from "~/components/ui/badge";

export const meta: MetaFunction = () => [{ title: `${t("home.title")} · ${t("app.name")}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request, context);
  if (!viewer) throw redirect((await needsSetup(context.db)) ? "/setup" : "/login");
  const caller = actingCaller(viewer);
  const locale = viewer.user.locale;
  const [attention, cohorts] = await Promise.all([caller ? homeAttention(context.db, caller) : null, caller ? listCohortsForUser(context.db, caller) : []]);
  const organisationBase = viewer.acting?.kind === "organisation" ? `/organisations/${viewer.acting.tenantId}` : null;
  return {
    name: viewer.user.name || viewer.user.email,
    acting: viewer.acting ? { kind: viewer.acting.kind, tenantName: viewer.acting.tenantName } : null,
    organisationBase,
    attention: attention && {
      ...attention,
      unplanned: attention.unplanned && {
        total: attention.unplanned.total,
        grants: attention.unplanned.grants.map((g) => ({
          id: g.id,
          title: g.title,
          party: g.party,
          href: organisationBase ? `${organisationBase}/grants/${g.id}` : `/grants/${g.id}`,
          toPlan: t("home.unplannedAmount", {
            amount: formatMoney(g.allowanceCents - g.plannedCents, locale),
            allowance: formatMoney(g.allowanceCents, locale),
          }),
        })),
      },
      sessions: attention.sessions.map((s) => ({ ...s, when: formatDateTime(s.startsAt, locale, s.timeZone), startsAt: s.startsAt.toISOString() })),
      threads: attention.threads.map((th) => ({ ...th, when: formatDate(th.lastPostAt, locale), lastPostAt: th.lastPostAt.toISOString() })),
    },
    cohorts: cohorts.map((c) => ({
      id: c.id,
      name: c.name,
      foundation: c.foundation_name,
      dates: t("learning.cohorts.dates", { start: formatDate(c.starts_on, locale), end: formatDate(c.ends_on, locale) }),
    })),
  };
}

export default function Home() {
  const { t } = useTranslation();
  const { name, acting, attention, cohorts, organisationBase } = useLoaderData<typeof loader>();
  const unplanned = attention?.unplanned;
  const nothingWaiting =
    attention && !unplanned?.total && attention.sessions.length === 0 && attention.threads.length === 0 && !attention.draftAssessmentId && !attention.admin;
  return (
    <>
      <PageHeader
        title={t("home.welcome", { name })}
        eyebrow={acting?.tenantName}
        description={acting ? (acting.kind === "foundation" ? t("home.foundationIntro") : t("home.organisationIntro")) : t("home.noMemberships")}
      />
      {nothingWaiting ? (
        <EmptyState icon={Sparkles} title={t("home.allClear")}>
          {t("home.allClearBody")}
        </EmptyState>
      ) : null}
      <div className="grid items-start gap-4 lg:grid-cols-2">
        {unplanned && unplanned.total > 0 ? (
          <Card title={organisationBase ? t("home.plansTitle") : t("home.unplannedTitle")}>
            <p className="mt-0 text-muted">
              {organisationBase ? t("home.plansIntro", { count: unplanned.total }) : t("home.unplannedIntro", { count: unplanned.total })}
            </p>
            <ul className="m-0 flex list-none flex-col gap-2 p-0">
              {unplanned.grants.map((g) => (
                <li key={g.id} className="flex flex-wrap items-baseline justify-between gap-x-3 border-t border-line pt-2">
                  <span className="min-w-0">
                    <Link to={g.href} className="font-semibold">
                      {g.title}
                    </Link>{" "}
                    <span className="text-muted">· {g.party}</span>
                  </span>
                  <Badge tone="info" icon={PiggyBank}>
                    {g.toPlan}
                  </Badge>
                </li>
              ))}
            </ul>
            <p className="mb-0">
              <Link to={organisationBase ? `${organisationBase}/grants` : "/portfolio"}>{organisationBase ? t("home.seeGrants") : t("home.seePortfolio")}</Link>
            </p>
          </Card>
        ) : null}
        {attention?.admin ? (
          <Card
            title={t("home.adminTitle")}
            actions={
              <>
                <Link to="/foundation/members">{t("home.manageMembers")}</Link>
                <Link to="/foundation/settings">{t("home.openSettings")}</Link>
                <Link to="/foundation/outbox">{t("home.openOutbox")}</Link>
              </>
            }
          >
            <FactList
              columns={2}
              facts={[
                { label: t("home.memberCount"), value: attention.admin.members, numeric: true },
                { label: t("home.pendingInvitations"), value: attention.admin.pendingInvitations, numeric: true },
                { label: t("home.queuedMail"), value: attention.admin.queuedMail, numeric: true },
                {
                  label: t("home.failedMail"),
                  value: attention.admin.failedMail ? (
                    <Badge tone="warn" icon={Inbox}>
                      {attention.admin.failedMail}
                    </Badge>
                  ) : (
                    0
                  ),
                },
              ]}
            />
          </Card>
        ) : null}
        {attention && attention.sessions.length > 0 ? (
          <Card title={t("home.sessionsTitle")}>
            <AttentionList
              icon={CalendarDays}
              items={attention.sessions.map((s) => ({
                id: s.id,
                href: `/cohorts/${s.cohortId}/sessions/${s.id}`,
                title: s.title,
                detail: (
                  <>
                    <time dateTime={s.startsAt}>{s.when}</time> · {s.cohortName}
                  </>
                ),
              }))}
            />
          </Card>
        ) : null}
        {attention && attention.threads.length > 0 ? (
          <Card title={t("home.discussionTitle")}>
            <AttentionList
              icon={MessagesSquare}
              items={attention.threads.map((th) => ({
                id: th.id,
                href: `/cohorts/${th.cohortId}/discussion/${th.id}`,
                title: th.title,
                detail: (
                  <>
                    {th.cohortName} · <time dateTime={th.lastPostAt}>{t("home.lastPost", { date: th.when })}</time>
                  </>
                ),
              }))}
            />
          </Card>
        ) : null}
        {attention?.draftAssessmentId && organisationBase ? (
          <Card title={t("home.draftTitle")}>
            <p className="mt-0">{t("home.draftBody")}</p>
            <Link to={`${organisationBase}/continuum/${attention.draftAssessmentId}`}>{t("home.draftLink")}</Link>
          </Card>
        ) : null}
        {attention?.canTakeFoundationSelfAssessment ? (
          <Card title={t("home.selfAssessmentTitle")}>
            <p className="mt-0 text-muted">{t("home.selfAssessmentBody")}</p>
            <Link to="/foundation/self-assessment" className="inline-flex items-center gap-1">
              <Icon icon={ClipboardList} />
              {t("home.selfAssessmentLink")}
            </Link>
          </Card>
        ) : null}
      </div>
      <h2 className="mt-8 flex items-center gap-2 text-xl font-semibold">
        <Icon icon={Users} className="size-5 text-muted" />
        {t("learning.cohorts.yourCohorts")}
      </h2>
      {cohorts.length === 0 ? (
        <p className="text-muted">{t("learning.cohorts.homeEmpty")}</p>
      ) : (
        <ul className="m-0 grid list-none gap-3 p-0 sm:grid-cols-2 lg:grid-cols-3">
          {cohorts.map((c) => (
            <li key={c.id} className="rounded-card border border-line bg-card p-4">
              <Link to={`/cohorts/${c.id}`} className="font-semibold">
                {c.name}
              </Link>
              <p className="m-0 mt-1 text-sm text-muted">
                {c.dates} · {t("learning.cohorts.runBy", { foundation: c.foundation })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function AttentionList({ icon, items }: { icon: LucideIcon; items: Array<{ id: string; href: string; title: string; detail: ReactNode }> }) {
  return (
    <ul className="m-0 flex list-none flex-col gap-2 p-0">
      {items.map((item) => (
        <li key={item.id} className="flex gap-2">
          <Icon icon={icon} className="mt-1 size-4 shrink-0 text-muted" />
          <span>
            <Link to={item.href} className="font-semibold">
              {item.title}
            </Link>
            <br />
            <span className="text-muted">{item.detail}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
