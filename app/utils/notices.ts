/**
 * Messages a redirect may ask the next page to show (?notice=...). Unknown keys show nothing.
 * A message that names something (the invited address, the new organisation) gets those
 * values from a one-time cookie, never from the URL (see notices.server.ts); without them
 * it is not shown.
 */
const NOTICES = {
  saved: { key: "app.saved", values: [] },
  "logged-out": { key: "login.loggedOut", values: [] },
  "password-changed": { key: "account.passwordChanged", values: [] },
  invited: { key: "foundation.invited", values: ["email"] },
  "invitation-withdrawn": { key: "foundation.revoked", values: [] },
  "member-removed": { key: "foundation.removed", values: [] },
  "organisation-created": { key: "foundation.organisationCreated", values: ["name", "email"] },
  welcome: { key: "invitation.accepted", values: ["tenant"] },
  "continuum-finished": { key: "continuum.finished", values: [] },
  "continuum-shared": { key: "continuum.sharedNotice", values: [] },
  "continuum-revoked": { key: "continuum.revokedNotice", values: [] },
  "self-assessment-saved": { key: "continuum.submitted", values: [] },
  "self-assessment-invited": { key: "continuum.invitationSent", values: [] },
} as const satisfies Record<string, { key: string; values: readonly string[] }>;

export type NoticeName = keyof typeof NOTICES;
export type NoticeValues = Record<string, string>;

export function isNoticeName(name: string | null | undefined): name is NoticeName {
  return typeof name === "string" && Object.hasOwn(NOTICES, name);
}

/** The message key and interpolation values of ?notice=name, or null if it cannot be shown. */
export function noticeMessage(name: string | null, values?: NoticeValues | null) {
  if (!isNoticeName(name)) return null;
  const notice = NOTICES[name];
  const picked: NoticeValues = {};
  for (const v of notice.values) {
    const value = values?.[v];
    if (typeof value !== "string") return null;
    picked[v] = value;
  }
  return { key: notice.key, values: picked };
}

export function withNotice(path: string, notice: NoticeName) {
  return `${path}${path.includes("?") ? "&" : "?"}notice=${notice}`;
}
