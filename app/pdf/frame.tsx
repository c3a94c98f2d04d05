import type { ReactNode } from "react";
import { Document, Page, Text, View } from "@react-pdf/renderer";
import { registerFonts, styles } from "./theme";
import { formatDate } from "~/utils/format";
import { t } from "~/i18n";

export interface BriefFrameProps {
  title: string;
  subtitle?: string;
  /** Printed in the header of every page. */
  foundationName: string;
  generatedAt: Date;
  locale: string;
  children: ReactNode;
}

/** Every brief: the foundation's name and the title on each page, generation date and page numbers below. */
export function BriefFrame({ title, subtitle, foundationName, generatedAt, locale, children }: BriefFrameProps) {
  registerFonts();
  const generated = t("briefs.generatedOn", { date: formatDate(generatedAt, locale, { dateStyle: "long" }) });
  return (
    <Document title={title} author={foundationName} creator={t("app.name")} producer={t("app.name")} language={locale}>
      <Page size="A4" style={styles.page} wrap>
        <View style={styles.header} fixed>
          <Text>{foundationName}</Text>
          <Text>{title}</Text>
        </View>
        <Text style={styles.title}>{title}</Text>
        {subtitle ? <Text style={styles.subtitle}>{subtitle}</Text> : null}
        {children}
        <View style={styles.footer} fixed>
          <Text>{generated}</Text>
          <Text render={({ pageNumber, totalPages }) => t("briefs.pageOf", { page: pageNumber, pages: totalPages })} />
        </View>
      </Page>
    </Document>
  );
}

export function Table({ head, rows, numeric = [] }: { head: string[]; rows: (string | number)[][]; numeric?: number[] }) {
  return (
    <View style={styles.table}>
      <View style={styles.headRow} fixed>
        {head.map((h, i) => (
          <Text key={i} style={numeric.includes(i) ? styles.numberCell : styles.cell}>
            {h}
          </Text>
        ))}
      </View>
      {rows.map((r, ri) => (
        <View key={ri} style={styles.row} wrap={false}>
          {r.map((c, i) => (
            <Text key={i} style={numeric.includes(i) ? styles.numberCell : styles.cell}>
              {String(c)}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
