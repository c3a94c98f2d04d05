import type { Role } from "#db/schema";

/**
 * The one place a role becomes words: the i18n key of its label. An organisation's "staff" reads differently
 * from a foundation's, so the kind of tenant is part of the key.
 */
export function roleLabelKey(kind: "foundation" | "organisation", role: Role): string {
  return kind === "organisation" && role === "staff" ? "roles.organisation_staff" : `roles.${role}`;
}
