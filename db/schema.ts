import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** A timestamp the database fills in; written as a Date or ISO string, read as a Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type FoundationRole = "admin" | "program_officer" | "staff";
export type OrganisationRole = "director" | "staff";
export type Role = FoundationRole | OrganisationRole;
export type Locale = "en" | "es";

export interface AppSecretTable {
  name: string;
  value: string;
  created_at: DefaultTimestamp;
}

export interface AppUserTable {
  id: Generated<string>;
  email: string;
  name: ColumnType<string, string | undefined, string>;
  password_hash: string | null;
  locale: ColumnType<Locale, Locale | undefined, Locale>;
  password_changed_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface FoundationTable {
  id: Generated<string>;
  name: string;
  default_allowance_bps: ColumnType<number, number | undefined, number>;
  min_group_size: ColumnType<number, number | undefined, number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface OrganisationTable {
  id: Generated<string>;
  name: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface MembershipTable {
  id: Generated<string>;
  user_id: string;
  foundation_id: string | null;
  organisation_id: string | null;
  role: Role;
  created_at: DefaultTimestamp;
}

export interface GranteeTable {
  foundation_id: string;
  organisation_id: string;
  created_at: DefaultTimestamp;
}

export interface SessionTable {
  id: string;
  user_id: string;
  membership_id: string | null;
  created_at: DefaultTimestamp;
  last_active_at: DefaultTimestamp;
  expires_at: Timestamp;
}

export interface InvitationTable {
  id: Generated<string>;
  token_hash: string;
  email: string;
  foundation_id: string | null;
  organisation_id: string | null;
  role: Role;
  invited_by: string | null;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
}

export type OutboxStatus = "queued" | "sent" | "failed";

export interface OutboxTable {
  id: Generated<string>;
  message_id: string;
  kind: string;
  foundation_id: string | null;
  organisation_id: string | null;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  list_unsubscribe: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: DefaultTimestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: DefaultTimestamp;
  sent_at: Timestamp | null;
}

export interface AuditEventTable {
  id: ColumnType<number, never, never>;
  at: DefaultTimestamp;
  actor_user_id: string | null;
  foundation_id: string | null;
  organisation_id: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  before: ColumnType<unknown, string | null, never> | null;
  after: ColumnType<unknown, string | null, never> | null;
}

export type ContinuumStage = "blindness" | "pre_competence" | "competence" | "proficiency";
export type ContinuumAssessmentStatus = "draft" | "finished";

export interface ContinuumAssessmentTable {
  id: Generated<string>;
  organisation_id: string;
  status: ColumnType<ContinuumAssessmentStatus, ContinuumAssessmentStatus | undefined, ContinuumAssessmentStatus>;
  reflection: ColumnType<string, string | undefined, string>;
  next_steps: ColumnType<string, string | undefined, string>;
  version: ColumnType<number, number | undefined, number>;
  started_by: string | null;
  finished_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  finished_at: Timestamp | null;
  staff_invited: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ContinuumPillarAnswerTable {
  assessment_id: string;
  pillar: string;
  stage: ContinuumStage | null;
  note: ColumnType<string, string | undefined, string>;
}

export interface ContinuumShareTable {
  organisation_id: string;
  foundation_id: string;
  granted_by: string | null;
  granted_at: DefaultTimestamp;
}

export interface FoundationSelfAssessmentTable {
  id: Generated<string>;
  foundation_id: string;
  user_id: string;
  role: FoundationRole;
  foundation_understanding: ContinuumStage;
  learning_together: ContinuumStage;
  funding_support: ContinuumStage;
  needs_differ: ContinuumStage;
  own_understanding: ContinuumStage;
  comment: ColumnType<string, string | undefined, string>;
  share_comment: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultTimestamp;
}

export interface FoundationSelfAssessmentInvitationTable {
  foundation_id: string;
  period_year: number;
  sent_by: string | null;
  sent_at: DefaultTimestamp;
}

// Learning communities and the practices library.
type DateOnly = ColumnType<string, string, string>;

export interface PracticeTable {
  id: string;
  name: string;
  tier: "best" | "promising" | "emerging" | "contraindicated";
  level: "organisational" | "individual";
  pillars: string[];
  summary: string;
  /** Derived from practice_citation, for search and one-line display. */
  citation: string;
  position: ColumnType<number, number | undefined, number>;
  /** What the study found (migration 0066). */
  finding: ColumnType<string, string | undefined, string>;
  tier_note: string | null;
  /** True when the level is the product's reading rather than the study's. */
  level_is_reading: ColumnType<boolean, boolean | undefined, boolean>;
  /** True for every practice: the study never assigns pillars. */
  pillars_are_reading: ColumnType<boolean, boolean | undefined, boolean>;
}

/** One source the study gives for a practice (migration 0066); kind "study" is the field study itself. */
export interface PracticeCitationTable {
  practice_id: string;
  position: number;
  kind: "study" | "source";
  authors: string | null;
  year: string | null;
  source_tier: "best" | "promising" | "emerging" | "contraindicated" | null;
  note: string | null;
}

export interface FoundationResourceTable {
  id: Generated<string>;
  foundation_id: string;
  title: string;
  url: string | null;
  note: string | null;
  level: "organisational" | "individual" | null;
  pillars: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface CohortTable {
  id: Generated<string>;
  foundation_id: string;
  name: string;
  purpose: string;
  /** A calendar date, selected as text (YYYY-MM-DD) by the domain module. */
  starts_on: DateOnly;
  ends_on: DateOnly;
  created_by: string | null;
  created_at: DefaultTimestamp;
  version: ColumnType<number, number | undefined, number>;
}

export interface CohortFacilitatorTable {
  cohort_id: string;
  user_id: string;
}

export interface CohortOrganisationTable {
  cohort_id: string;
  organisation_id: string;
  invited_by: string | null;
  invited_at: DefaultTimestamp;
  accepted_by: string | null;
  accepted_at: Timestamp | null;
}

export interface CohortMemberTable {
  cohort_id: string;
  user_id: string;
  organisation_id: string;
  added_by: string | null;
  created_at: DefaultTimestamp;
}

export interface CohortSessionTable {
  id: Generated<string>;
  cohort_id: string;
  title: string;
  starts_at: Timestamp;
  duration_minutes: number;
  time_zone: string;
  place: string | null;
  video_url: string | null;
  agenda: ColumnType<string, string | undefined, string>;
  created_by: string | null;
  created_at: DefaultTimestamp;
  reminder_claimed_at: Timestamp | null;
  /** iCalendar SEQUENCE, moved by a trigger when a calendar-visible field changes (migration 0068). */
  sequence: ColumnType<number, number | undefined, number>;
}

export type RsvpResponse = "yes" | "no" | "maybe";

export interface SessionRsvpTable {
  session_id: string;
  user_id: string;
  response: RsvpResponse | null;
  responded_at: Timestamp | null;
  attended: boolean | null;
  attendance_recorded_by: string | null;
  attendance_recorded_at: Timestamp | null;
}

export interface CohortPinTable {
  id: Generated<string>;
  cohort_id: string;
  practice_id: string | null;
  resource_id: string | null;
  note: ColumnType<string, string | undefined, string>;
  pinned_by: string | null;
  created_at: DefaultTimestamp;
}

export interface CohortThreadTable {
  id: Generated<string>;
  cohort_id: string;
  title: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
  last_post_at: DefaultTimestamp;
}

export interface CohortPostTable {
  id: Generated<string>;
  thread_id: string;
  cohort_id: string;
  author_id: string | null;
  body: string;
  version: ColumnType<number, number | undefined, number>;
  created_at: DefaultTimestamp;
  edited_at: Timestamp | null;
  hidden_at: Timestamp | null;
  hidden_by: string | null;
}

export interface EmailPreferenceTable {
  user_id: string;
  cohort_invitations: ColumnType<boolean, boolean | undefined, boolean>;
  session_reminders: ColumnType<boolean, boolean | undefined, boolean>;
  weekly_digest: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: DefaultTimestamp;
}

export interface DigestClaimTable {
  user_id: string;
  week_start: DateOnly;
  claimed_at: DefaultTimestamp;
}

export type GrantLineKind = "dedicated" | "enhancement";
export type GrantStatus = "proposed" | "active" | "closed";

export interface GrantLineTable {
  id: Generated<string>;
  foundation_id: string;
  name: string;
  fiscal_year: number;
  description: ColumnType<string, string | undefined, string>;
  kind: GrantLineKind;
  /** Basis points of the proposed budget (1000 = 10%); only for enhancement lines. */
  allowance_bps: number | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** Dates are `date` columns; select them as text (`starts_on::text`) so no time zone shifts them. */
type DateColumn = ColumnType<string, string | null | undefined, string | null>;

export interface GrantTable {
  id: Generated<string>;
  foundation_id: string;
  grant_line_id: string;
  organisation_id: string;
  title: string;
  proposed_budget_cents: number;
  awarded_cents: number | null;
  starts_on: DateColumn | null;
  ends_on: DateColumn | null;
  status: ColumnType<GrantStatus, GrantStatus | undefined, GrantStatus>;
  officer_user_id: string | null;
  version: ColumnType<number, number | undefined, number>;
  plan_version: ColumnType<number, number | undefined, number>;
  /** Sum of the grant's plan lines, kept by triggers on plan_line (migration 0050); never written by the app. */
  planned_cents: ColumnType<number, never, never>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PlanLineTable {
  id: Generated<string>;
  grant_id: string;
  position: number;
  pillar: string;
  purpose: string | null;
  description: ColumnType<string, string | undefined, string>;
  amount_cents: number;
  practice_id: string | null;
  created_at: DefaultTimestamp;
}

export interface GrantCommentTable {
  id: Generated<string>;
  grant_id: string;
  author_user_id: string | null;
  side: "foundation" | "organisation";
  body: string;
  created_at: DefaultTimestamp;
}

/** Moved by triggers on commit of any change the portfolio shows (migration 0062); read, never written, by the app. */
export interface PortfolioVersionTable {
  foundation_id: string;
  version: ColumnType<number, never, never>;
}

export interface DB {
  app_secret: AppSecretTable;
  app_user: AppUserTable;
  foundation: FoundationTable;
  organisation: OrganisationTable;
  membership: MembershipTable;
  grantee: GranteeTable;
  session: SessionTable;
  invitation: InvitationTable;
  outbox: OutboxTable;
  audit_event: AuditEventTable;
  continuum_assessment: ContinuumAssessmentTable;
  continuum_pillar_answer: ContinuumPillarAnswerTable;
  continuum_share: ContinuumShareTable;
  foundation_self_assessment: FoundationSelfAssessmentTable;
  foundation_self_assessment_invitation: FoundationSelfAssessmentInvitationTable;
  practice: PracticeTable;
  practice_citation: PracticeCitationTable;
  foundation_resource: FoundationResourceTable;
  cohort: CohortTable;
  cohort_facilitator: CohortFacilitatorTable;
  cohort_organisation: CohortOrganisationTable;
  cohort_member: CohortMemberTable;
  cohort_session: CohortSessionTable;
  session_rsvp: SessionRsvpTable;
  cohort_pin: CohortPinTable;
  cohort_thread: CohortThreadTable;
  cohort_post: CohortPostTable;
  email_preference: EmailPreferenceTable;
  digest_claim: DigestClaimTable;
  grant_line: GrantLineTable;
  grant: GrantTable;
  plan_line: PlanLineTable;
  grant_comment: GrantCommentTable;
  portfolio_version: PortfolioVersionTable;
}

export type User = Selectable<AppUserTable>;
export type Foundation = Selectable<FoundationTable>;
export type Organisation = Selectable<OrganisationTable>;
export type Membership = Selectable<MembershipTable>;
export type NewOutboxMessage = Insertable<OutboxTable>;
export type FoundationUpdate = Updateable<FoundationTable>;
