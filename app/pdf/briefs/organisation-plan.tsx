import { Text, View } from "@react-pdf/renderer";
import { t } from "~/i18n";
import { PILLARS } from "~/domain/vocabulary";
import { formatDate, formatMoney } from "~/utils/format";
import { BriefFrame, Table } from "../frame";
import { styles } from "../theme";
import type { OrganisationPlanBriefData } from "./types";

export function OrganisationPlanBrief({ data }: { data: OrganisationPlanBriefData }) {
  const { locale } = data;
  const money = (c: number) => formatMoney(c, locale);
  const practices = [...new Set(data.grants.flatMap((g) => g.lines.map((l) => l.practice).filter((p): p is string => Boolean(p))))].sort();
  return (
    <BriefFrame
      title={t("briefs.organisation.title", { name: data.organisationName })}
      subtitle={t("briefs.organisation.subtitle")}
      foundationName={data.foundationName}
      generatedAt={new Date(data.generatedAt)}
      locale={locale}
    >
      {data.grants.length === 0 ? <Text style={styles.muted}>{t("briefs.organisation.noGrants")}</Text> : null}
      {data.grants.map((g, i) => (
        <View key={i} wrap>
          <Text style={styles.h2}>{t("briefs.organisation.grant", { title: g.title, foundation: g.foundationName })}</Text>
          <Text style={styles.muted}>{t("briefs.organisation.line", { name: g.grantLineName, year: g.fiscalYear })}</Text>
          <Table
            head={[t("briefs.organisation.allowance"), t("briefs.organisation.planned"), t("briefs.organisation.remaining")]}
            numeric={[0, 1, 2]}
            rows={[[money(g.allowance), money(g.planned), money(g.allowance - g.planned)]]}
          />
          {g.lines.length ? (
            <Table
              head={[t("briefs.pillar"), t("briefs.purpose"), t("briefs.organisation.description"), t("briefs.organisation.practice"), t("briefs.amount")]}
              numeric={[4]}
              rows={g.lines.map((l) => [
                t(`vocabulary.pillar.${l.pillar}`),
                l.purpose ? t(`vocabulary.purpose.${l.purpose}`) : "",
                l.description,
                l.practice ?? "",
                money(l.amount),
              ])}
            />
          ) : (
            <Text style={styles.paragraph}>{t("briefs.organisation.noPlan")}</Text>
          )}
        </View>
      ))}
      {practices.length ? (
        <View>
          <Text style={styles.h2}>{t("briefs.organisation.practices")}</Text>
          {practices.map((p) => (
            <Text key={p} style={styles.paragraph}>
              • {p}
            </Text>
          ))}
        </View>
      ) : null}
      {data.journey ? (
        <View break>
          <Text style={styles.h2}>{t("briefs.organisation.journey")}</Text>
          <Text style={styles.paragraph}>{t("briefs.organisation.journeyIntro")}</Text>
          <Table
            head={[t("briefs.pillar"), ...data.journey.map((a) => formatDate(a.finishedAt, locale))]}
            rows={PILLARS.map((p) => [t(`vocabulary.pillar.${p}`), ...data.journey!.map((a) => (a.stages[p] ? t(`vocabulary.stage.${a.stages[p]}`) : ""))])}
          />
        </View>
      ) : null}
    </BriefFrame>
  );
}
