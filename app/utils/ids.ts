import { z } from "zod";

/**
 * Every id the app makes is a UUID from PostgreSQL's gen_random_uuid() or crypto.randomUUID(), printed in
 * lower case. Anything else in a URL or a form names nothing: routes answer 404 (ids in the path) or a
 * field message (ids in a form) before any query runs, so PostgreSQL never sees a malformed uuid.
 */
export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value);
}

/** An id field of a form or query string. */
export const idSchema = z.string().regex(ID_PATTERN);

/** A practice of the library is named by a slug, not a UUID. */
export const PRACTICE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export function isPracticeId(value: unknown): value is string {
  return typeof value === "string" && value.length <= 60 && PRACTICE_ID_PATTERN.test(value);
}
