/**
 * No STS reporting burden (DESIGN.md): no due dates, reminders or overdue states on STS plans or assessments.
 * Checked in what people receive (every email template's subject and body), in what is stored (columns and
 * enumerated states), and in every string of the interface. Reminders of a cohort session someone chose to
 * attend are a different thing and allowed; a reminder about a plan or an assessment is not.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { createElement, type ComponentType } from "react";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { renderEmail } from "#emails/render";
import InvitationEmail, { invitationSubject } from "#emails/invitation";
import SelfAssessmentInvitationEmail, { selfAssessmentInvitationSubject } from "#emails/self-assessment-invitation";
import { CohortInvitationEmail, cohortInvitationSubject, DigestEmail, digestSubject, SessionReminderEmail, sessionReminderSubject } from "#emails/learning";
import { createTestDatabase } from "../support/db";

/** Words of a reporting duty: something due, late, chased or to be handed in. */
const DUTY = /\b(overdue|deadlines?|past due|late|due( date| by| on| in| soon)?|submit(ted)?|reporting|remind(er|ers|ing)?)\b/i;
/** What a duty would be about: plans and assessments. */
const PLAN_OR_ASSESSMENT = /\b(plans?|self-assessments?|assessments?|continuum|journey)\b/i;
/** Strings with a duty word that is no reporting duty, and why. */
const NOT_A_DUTY: Record<string, string> = {
  "app.csrfBody": "submitting a form again after a reload, not handing anything in",
};

/** A duty word said to deny the duty ("there are no reminders", "nothing here is due"). */
const DENIED = /\b(no|never|nothing here is|not)\b[^.;]*\b(due|remind\w*|required)\b/i;

const EMAILS_DIR = path.resolve(__dirname, "../../emails");
const URL = "https://commons.example/x";

/** Every email the product sends, with sample values, and whether it is the session reminder. */
const EMAILS: { name: string; component: ComponentType<never>; props: object; subject: string; sessionReminder?: boolean }[] = [
  {
    name: "InvitationEmail",
    component: InvitationEmail as ComponentType<never>,
    props: { tenantName: "Riverside", inviterName: "Ada", roleLabel: "Director", acceptUrl: URL, expiresOn: "Dec 9, 2026" },
    subject: invitationSubject({ tenantName: "Riverside" }),
  },
  {
    name: "SelfAssessmentInvitationEmail",
    component: SelfAssessmentInvitationEmail as ComponentType<never>,
    props: { foundationName: "Harbour Light", url: URL },
    subject: selfAssessmentInvitationSubject({ foundationName: "Harbour Light" }),
  },
  {
    name: "CohortInvitationEmail",
    component: CohortInvitationEmail as ComponentType<never>,
    props: {
      foundationName: "Harbour Light",
      cohortName: "Peer learning",
      organisationName: "Riverside",
      purpose: "Learn",
      dates: "Jan–Jun",
      cohortUrl: URL,
      unsubscribeUrl: URL,
    },
    subject: cohortInvitationSubject({ foundationName: "Harbour Light", cohortName: "Peer learning" }),
  },
  {
    name: "SessionReminderEmail",
    component: SessionReminderEmail as ComponentType<never>,
    props: { cohortName: "Peer learning", title: "Naming STS", when: "Mar 2, 15:00", place: "Hall", videoUrl: null, sessionUrl: URL, unsubscribeUrl: URL },
    subject: sessionReminderSubject({ title: "Naming STS", when: "Mar 2, 15:00" }),
    sessionReminder: true,
  },
  {
    name: "DigestEmail",
    component: DigestEmail as ComponentType<never>,
    props: {
      posts: [{ cohortName: "Peer learning", threadTitle: "Rotas", authorName: "Sam", url: URL }],
      sessions: [{ cohortName: "Peer learning", title: "Naming STS", when: "Mar 2", url: URL }],
      unsubscribeUrl: URL,
    },
    subject: digestSubject(),
  },
];

/** Where a text asks for something about a plan or an assessment to be done by a time, or chases it. */
function duties(text: string, { sessionReminder = false } = {}) {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .filter((sentence) => DUTY.test(sentence) && !DENIED.test(sentence))
    .filter((sentence) => !sessionReminder || PLAN_OR_ASSESSMENT.test(sentence) || !/remind/i.test(sentence));
}

describe("no reporting burden: emails", () => {
  it("lists every email template there is", async () => {
    const exported = new Set<string>();
    for (const file of readdirSync(EMAILS_DIR).filter((f) => f.endsWith(".tsx") && f !== "layout.tsx")) {
      const mod = (await import(path.join(EMAILS_DIR, file))) as Record<string, unknown>;
      for (const [key, value] of Object.entries(mod)) {
        if (typeof value === "function" && (key === "default" ? value.name : key).endsWith("Email")) exported.add(key === "default" ? value.name : key);
      }
    }
    expect([...exported].sort()).toEqual(EMAILS.map((e) => e.name).sort());
  });

  for (const email of EMAILS) {
    it(`${email.name}: its subject and body set no due date, chase nothing and name nothing overdue`, async () => {
      const { text } = await renderEmail(createElement(email.component, email.props as never));
      expect(text.length).toBeGreaterThan(50);
      expect(duties(email.subject, email)).toEqual([]);
      expect(duties(text, email)).toEqual([]);
      // The one reminder is of a session someone is going to, never of a plan or an assessment.
      if (email.sessionReminder) expect(`${email.subject}\n${text}`).not.toMatch(PLAN_OR_ASSESSMENT);
    });
  }
});

describe("no reporting burden: wording", () => {
  it("no interface string gives a plan or an assessment a due date, a reminder or an overdue state", () => {
    const found: string[] = [];
    const walk = (value: unknown, key: string) => {
      if (typeof value === "string" && !(key in NOT_A_DUTY)) {
        const session = /\bsessions?\b/i.test(value) || /session/i.test(key);
        for (const d of duties(value, { sessionReminder: session })) found.push(`${key}: ${d}`);
      } else if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) walk(v, key ? `${key}.${k}` : k);
      }
    };
    walk(en, "");
    expect(found).toEqual([]);
  });

  it("the check can see a duty (so that passing means something)", () => {
    expect(duties("Your STS plan is overdue.")).toHaveLength(1);
    expect(duties("Please submit your self-assessment by Friday.")).toHaveLength(1);
    expect(duties("A reminder: your plan is due on March 1.")).toHaveLength(1);
    expect(duties("There are no reminders.")).toEqual([]);
    expect(duties("Change it whenever you like; nothing here is due.")).toEqual([]);
  });
});

const database = await createTestDatabase();
afterAll(() => database.close());

describe("no reporting burden: stored states", () => {
  it("no column holds a due date, a deadline, a reminder or an overdue mark, except for cohort sessions", async () => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns where table_schema = current_schema()
    `.execute(database.db);
    expect(columns.rows.length).toBeGreaterThan(50);
    const duty = columns.rows
      .filter((c) => /due|deadline|overdue|remind|late_|_late|chase|report/.test(c.column_name))
      .map((c) => `${c.table_name}.${c.column_name}`)
      // Reminders of cohort sessions: the session's own, and each person's choice to get them.
      .filter((c) => !/^cohort_session\.|\.session_reminders?$/.test(c));
    expect(duty).toEqual([]);
  });

  it("no state of anything is overdue, late, missed or due", async () => {
    const labels = await sql<{ typname: string; enumlabel: string }>`
      select t.typname, e.enumlabel from pg_enum e join pg_type t on t.oid = e.enumtypid
    `.execute(database.db);
    const checks = await sql<{ def: string }>`
      select pg_get_constraintdef(c.oid) as def from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'c' and n.nspname = current_schema()
    `.execute(database.db);
    const states = [...labels.rows.map((l) => `${l.typname}: ${l.enumlabel}`), ...checks.rows.map((c) => c.def)];
    expect(states.length).toBeGreaterThan(5);
    expect(states.filter((s) => /overdue|'late'|missed|'due'|past_due|not_submitted/i.test(s))).toEqual([]);
    // The states a plan and an assessment do have: drafts and finished points, nothing that falls behind.
    expect(states.some((s) => /'draft'/.test(s) && /'finished'/.test(s))).toBe(true);
  });
});
