import { Text, View } from "@react-pdf/renderer";
import { t } from "~/i18n";
import { PILLARS, PURPOSES } from "~/domain/vocabulary";
import { formatMoney } from "~/utils/format";
import { BarChart } from "../chart";
import { Table } from "../frame";
import { styles } from "../theme";
import type { PlannedSpread } from "./types";

/** Planned STS money by pillar and by purpose: a vector chart and the same numbers as a table. */
export function PlannedSpreadSection({ spread, locale }: { spread: PlannedSpread; locale: string }) {
  const money = (c: number) => formatMoney(c, locale);
  const pillarBars = PILLARS.map((p) => ({ label: t(`vocabulary.pillar.${p}`), value: spread.byPillar[p], display: money(spread.byPillar[p]) }));
  const purposeBars = PURPOSES.map((p) => ({ label: t(`vocabulary.purpose.${p}`), value: spread.byPurpose[p], display: money(spread.byPurpose[p]) }));
  return (
    <View>
      <Text style={styles.h3}>{t("briefs.pillar")}</Text>
      <BarChart bars={pillarBars} title={t("briefs.pillar")} />
      <Text style={styles.h3}>{t("briefs.purpose")}</Text>
      <BarChart bars={purposeBars} title={t("briefs.purpose")} />
      <Table
        head={[t("briefs.pillar"), t("briefs.amount")]}
        numeric={[1]}
        rows={[...pillarBars.map((b) => [b.label, b.display]), [t("briefs.total"), money(spread.total)]]}
      />
    </View>
  );
}
