import { Text, View } from "@react-pdf/renderer";
import { t } from "~/i18n";
import { CONTINUUM_STAGES } from "~/domain/vocabulary";
import { formatMoney } from "~/utils/format";
import { BriefFrame, Table } from "../frame";
import { styles } from "../theme";
import { PlannedSpreadSection } from "./parts";
import type { FoundationBriefData } from "./types";

export function FoundationBrief({ data }: { data: FoundationBriefData }) {
  const { locale, portfolio, staffAssessment: staff } = data;
  const money = (c: number) => formatMoney(c, locale);
  return (
    <BriefFrame
      title={t("briefs.foundation.title", { name: data.foundationName })}
      subtitle={t("briefs.foundation.subtitle")}
      foundationName={data.foundationName}
      generatedAt={new Date(data.generatedAt)}
      locale={locale}
    >
      <Text style={styles.h2}>{t("briefs.foundation.investment")}</Text>
      <Table
        head={[
          t("briefs.foundation.grantLines"),
          t("briefs.foundation.grants"),
          t("briefs.foundation.proposed"),
          t("briefs.foundation.awarded"),
          t("briefs.foundation.allowance"),
          t("briefs.foundation.planned"),
          t("briefs.foundation.unplanned"),
        ]}
        numeric={[0, 1, 2, 3, 4, 5, 6]}
        rows={[
          [
            portfolio.grantLines,
            portfolio.grants,
            money(portfolio.proposed),
            money(portfolio.awarded),
            money(portfolio.allowance),
            money(portfolio.planned),
            money(portfolio.allowance - portfolio.planned),
          ],
        ]}
      />
      <PlannedSpreadSection spread={portfolio.spread} locale={locale} />
      <Text style={styles.h2}>{t("briefs.foundation.byLine")}</Text>
      <Table
        head={[
          t("briefs.foundation.line"),
          t("briefs.foundation.grants"),
          t("briefs.foundation.awarded"),
          t("briefs.foundation.allowance"),
          t("briefs.foundation.planned"),
        ]}
        numeric={[1, 2, 3, 4]}
        rows={portfolio.byLine.map((l) => [`${l.name} (${l.fiscalYear})`, l.grants, money(l.awarded), money(l.allowance), money(l.planned)])}
      />
      <View break>
        <Text style={styles.h2}>{t("briefs.foundation.staff")}</Text>
        {staff.respondents === null ? (
          <Text style={styles.paragraph}>{t("briefs.foundation.staffHidden", { period: staff.periodLabel, min: staff.minGroupSize })}</Text>
        ) : (
          <>
            <Text style={styles.paragraph}>{t("briefs.foundation.staffIntro", { count: staff.respondents, period: staff.periodLabel })}</Text>
            <Table
              head={[t("briefs.foundation.question"), ...CONTINUUM_STAGES.map((s) => t(`vocabulary.stage.${s}`))]}
              numeric={[1, 2, 3, 4]}
              rows={staff.questions.map((q) => [q.label, ...CONTINUUM_STAGES.map((s) => (q.counts ? q.counts[s] : "–"))])}
            />
          </>
        )}
      </View>
    </BriefFrame>
  );
}
