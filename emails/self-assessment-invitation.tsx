import { Button, Heading, Text } from "@react-email/components";
import { EmailLayout } from "./layout";
import { t } from "~/i18n";

export interface SelfAssessmentInvitationEmailProps {
  foundationName: string;
  url: string;
}

export function selfAssessmentInvitationSubject(p: Pick<SelfAssessmentInvitationEmailProps, "foundationName">) {
  return t("continuum.email.subject", { foundation: p.foundationName });
}

export default function SelfAssessmentInvitationEmail(p: SelfAssessmentInvitationEmailProps) {
  return (
    <EmailLayout preview={selfAssessmentInvitationSubject(p)}>
      <Heading as="h1" style={{ fontSize: 22 }}>
        {t("continuum.email.heading", { foundation: p.foundationName })}
      </Heading>
      <Text>{t("continuum.email.body", { foundation: p.foundationName })}</Text>
      <Text>{t("continuum.email.privacy")}</Text>
      <Button href={p.url} style={{ backgroundColor: "#2f5d62", color: "#ffffff", padding: "12px 18px", borderRadius: 4 }}>
        {t("continuum.email.button")}
      </Button>
      <Text style={{ fontSize: 13 }}>{p.url}</Text>
    </EmailLayout>
  );
}
