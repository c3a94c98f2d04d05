import { Text, View } from "@react-pdf/renderer";
import { t } from "~/i18n";
import { CONTINUUM_STAGES, PILLARS } from "~/domain/vocabulary";
import { formatDate, formatDateTime } from "~/utils/format";
import { BriefFrame, Table } from "../frame";
import { styles } from "../theme";
import { PlannedSpreadSection } from "./parts";
import type { CohortBriefData } from "./types";

export function CohortBrief({ data }: { data: CohortBriefData }) {
  const { cohort, locale } = data;
  return (
    <BriefFrame
      title={t("briefs.cohort.title", { name: cohort.name })}
      subtitle={t("briefs.cohort.dates", { start: formatDate(cohort.startsOn, locale), end: formatDate(cohort.endsOn, locale) })}
      foundationName={data.foundationName}
      generatedAt={new Date(data.generatedAt)}
      locale={locale}
    >
      <Text style={styles.h2}>{t("briefs.cohort.purpose")}</Text>
      <Text style={styles.paragraph}>{cohort.purpose}</Text>
      {cohort.facilitators.length ? <Text style={styles.muted}>{t("briefs.cohort.facilitators", { names: cohort.facilitators.join(", ") })}</Text> : null}

      <Text style={styles.h2}>{t("briefs.cohort.sessions")}</Text>
      {data.sessions.length ? (
        <Table
          head={[t("briefs.cohort.session"), t("briefs.cohort.when"), t("briefs.cohort.attended")]}
          numeric={[2]}
          rows={data.sessions.map((s) => [s.title, `${formatDateTime(s.startsAt, locale, s.timeZone)} (${s.timeZone})`, s.attended])}
        />
      ) : (
        <Text style={styles.muted}>{t("briefs.none")}</Text>
      )}

      <Text style={styles.h2}>{t("briefs.cohort.resources")}</Text>
      {data.resources.length ? (
        <Table
          head={[t("briefs.cohort.resource"), t("briefs.cohort.tier"), t("briefs.cohort.note")]}
          rows={data.resources.map((r) => [r.title, r.tier ? t(`vocabulary.tier.${r.tier}`) : t("briefs.cohort.ownResource"), r.note])}
        />
      ) : (
        <Text style={styles.muted}>{t("briefs.none")}</Text>
      )}

      <View break>
        <Text style={styles.h2}>{t("briefs.cohort.planned")}</Text>
        <Text style={styles.paragraph}>{t("briefs.cohort.plannedIntro", { count: data.memberOrganisations })}</Text>
        <PlannedSpreadSection spread={data.planned} locale={locale} />
      </View>

      <Text style={styles.h2}>{t("briefs.cohort.continuum")}</Text>
      {data.continuum ? (
        <View>
          <Text style={styles.paragraph}>{t("briefs.cohort.continuumIntro", { count: data.continuum.organisations, foundation: data.foundationName })}</Text>
          <Table
            head={[t("briefs.pillar"), ...CONTINUUM_STAGES.map((s) => t(`vocabulary.stage.${s}`))]}
            numeric={[1, 2, 3, 4]}
            rows={PILLARS.map((p) => [t(`vocabulary.pillar.${p}`), ...CONTINUUM_STAGES.map((s) => data.continuum!.byPillar[p][s])])}
          />
        </View>
      ) : (
        <Text style={styles.paragraph}>{t("briefs.cohort.continuumHidden", { min: data.minGroupSize })}</Text>
      )}
    </BriefFrame>
  );
}
