import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { t } from "~/i18n";

export function EmailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f6f5f1", fontFamily: "Georgia, 'Times New Roman', serif", color: "#1f2a2e" }}>
        <Container style={{ maxWidth: 560, margin: "0 auto", padding: "24px", backgroundColor: "#ffffff" }}>
          <Text style={{ fontSize: 14, color: "#3d5a5b", margin: 0 }}>{t("app.name")}</Text>
          <Section>{children}</Section>
          <Hr />
          <Text style={{ fontSize: 12, color: "#5b6668" }}>{t("email.footer")}</Text>
        </Container>
      </Body>
    </Html>
  );
}
