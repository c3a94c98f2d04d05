/** The learning emails a person can switch off (account page and one-click links). */
export const EMAIL_SWITCHES = ["cohort_invitations", "session_reminders", "weekly_digest"] as const;
export type EmailSwitch = (typeof EMAIL_SWITCHES)[number];
