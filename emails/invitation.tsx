import { Button, Heading, Text } from "@react-email/components";
import { EmailLayout } from "./layout";
import { t } from "~/i18n";

export interface InvitationEmailProps {
  tenantName: string;
  inviterName: string;
  roleLabel: string;
  acceptUrl: string;
  expiresOn: string;
}

export function invitationSubject(p: Pick<InvitationEmailProps, "tenantName">) {
  return t("email.invitationSubject", { tenant: p.tenantName });
}

export default function InvitationEmail(p: InvitationEmailProps) {
  return (
    <EmailLayout preview={invitationSubject(p)}>
      <Heading as="h1" style={{ fontSize: 22 }}>
        {t("email.invitationHeading", { tenant: p.tenantName })}
      </Heading>
      <Text>{t("email.invitationBody", { inviter: p.inviterName, tenant: p.tenantName, role: p.roleLabel })}</Text>
      <Button href={p.acceptUrl} style={{ backgroundColor: "#2f5d62", color: "#ffffff", padding: "12px 18px", borderRadius: 4 }}>
        {t("email.invitationButton")}
      </Button>
      <Text style={{ fontSize: 13 }}>{p.acceptUrl}</Text>
      <Text style={{ fontSize: 13 }}>{t("email.invitationExpiry", { date: p.expiresOn })}</Text>
    </EmailLayout>
  );
}
