import { Button, Heading, Link, Section, Text } from "@react-email/components";
import { EmailLayout } from "./layout";
import { t } from "~/i18n";

const button = { backgroundColor: "#2f5d62", color: "#ffffff", padding: "12px 18px", borderRadius: 4 };

/** Every learning email ends with a one-click link that switches that kind of email off. */
function Unsubscribe({ url }: { url: string }) {
  return (
    <Text style={{ fontSize: 12, color: "#5b6668" }}>
      {t("learning.email.unsubscribeLead")} <Link href={url}>{t("learning.email.unsubscribe")}</Link> ({url})
    </Text>
  );
}

export interface CohortInvitationProps {
  foundationName: string;
  cohortName: string;
  organisationName: string;
  purpose: string;
  dates: string;
  cohortUrl: string;
  unsubscribeUrl: string;
}

export const cohortInvitationSubject = (p: Pick<CohortInvitationProps, "foundationName" | "cohortName">) =>
  t("learning.email.invitationSubject", { foundation: p.foundationName, cohort: p.cohortName });

export function CohortInvitationEmail(p: CohortInvitationProps) {
  return (
    <EmailLayout preview={cohortInvitationSubject(p)}>
      <Heading as="h1" style={{ fontSize: 22 }}>
        {p.cohortName}
      </Heading>
      <Text>{t("learning.email.invitationBody", { foundation: p.foundationName, organisation: p.organisationName })}</Text>
      <Text>{p.purpose}</Text>
      <Text>{p.dates}</Text>
      <Button href={p.cohortUrl} style={button}>
        {t("learning.email.invitationButton")}
      </Button>
      <Text style={{ fontSize: 13 }}>{p.cohortUrl}</Text>
      <Unsubscribe url={p.unsubscribeUrl} />
    </EmailLayout>
  );
}

export interface SessionReminderProps {
  cohortName: string;
  title: string;
  when: string;
  place: string | null;
  videoUrl: string | null;
  sessionUrl: string;
  unsubscribeUrl: string;
}

export const sessionReminderSubject = (p: Pick<SessionReminderProps, "title" | "when">) =>
  t("learning.email.reminderSubject", { title: p.title, when: p.when });

export function SessionReminderEmail(p: SessionReminderProps) {
  return (
    <EmailLayout preview={sessionReminderSubject(p)}>
      <Heading as="h1" style={{ fontSize: 22 }}>
        {p.title}
      </Heading>
      <Text>{t("learning.email.reminderBody", { cohort: p.cohortName, when: p.when })}</Text>
      {p.place ? <Text>{t("learning.email.place", { place: p.place })}</Text> : null}
      {p.videoUrl ? <Text>{t("learning.email.video", { url: p.videoUrl })}</Text> : null}
      <Button href={p.sessionUrl} style={button}>
        {t("learning.email.reminderButton")}
      </Button>
      <Text style={{ fontSize: 13 }}>{p.sessionUrl}</Text>
      <Unsubscribe url={p.unsubscribeUrl} />
    </EmailLayout>
  );
}

export interface DigestProps {
  posts: { cohortName: string; threadTitle: string; authorName: string; url: string }[];
  sessions: { cohortName: string; title: string; when: string; url: string }[];
  unsubscribeUrl: string;
}

export const digestSubject = () => t("learning.email.digestSubject");

export function DigestEmail(p: DigestProps) {
  return (
    <EmailLayout preview={digestSubject()}>
      <Heading as="h1" style={{ fontSize: 22 }}>
        {t("learning.email.digestHeading")}
      </Heading>
      {p.sessions.length ? (
        <Section>
          <Heading as="h2" style={{ fontSize: 18 }}>
            {t("learning.email.digestSessions")}
          </Heading>
          {p.sessions.map((s) => (
            <Text key={s.url}>
              {s.when} · {s.title} ({s.cohortName}) {s.url}
            </Text>
          ))}
        </Section>
      ) : null}
      {p.posts.length ? (
        <Section>
          <Heading as="h2" style={{ fontSize: 18 }}>
            {t("learning.email.digestPosts")}
          </Heading>
          {p.posts.map((post, i) => (
            <Text key={`${post.url}-${i}`}>
              {t("learning.email.digestPost", { author: post.authorName, thread: post.threadTitle, cohort: post.cohortName })} {post.url}
            </Text>
          ))}
        </Section>
      ) : null}
      <Unsubscribe url={p.unsubscribeUrl} />
    </EmailLayout>
  );
}
