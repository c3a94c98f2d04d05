/**
 * Headers decided in one place for every response (server.ts, entry.server.tsx).
 */

/** No feature here uses these; a page that is framed or compromised cannot ask for them either. */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "browsing-topics=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "publickey-credentials-get=()",
  "usb=()",
].join(", ");

export const NO_STORE = "private, no-store";

/**
 * Pages that show self-assessments, their sharing, or figures drawn from them: no browser or proxy keeps a copy
 * (downloads and briefs send the same). A page that shows fund or pulse data joins this list; a test requests
 * every route listed here (tests/integration/no-store.test.ts), so a renamed route fails there.
 */
export const NO_STORE_ROUTES: ReadonlySet<string> = new Set([
  "routes/organisations.$organisationId.continuum._index",
  "routes/organisations.$organisationId.continuum.$assessmentId",
  "routes/organisations.$organisationId.continuum.sharing",
  "routes/organisations.$organisationId.data",
  "routes/foundation.organisations_.$organisationId.continuum",
  "routes/foundation.self-assessment._index",
  "routes/foundation.self-assessment.summary",
]);

/** `no-store` when any route the document shows is listed. */
export function documentCacheControl(routeIds: readonly string[]): string | null {
  return routeIds.some((id) => NO_STORE_ROUTES.has(id)) ? NO_STORE : null;
}
