/**
 * The authorization matrix: every route module of app/routes, every loader and action, called as
 * each kind of person of two tenants and as an anonymous visitor, with URLs that point at tenant A's
 * objects. A route without an entry here fails the test; see docs/decisions/0050-authorization-matrix.md.
 *
 * Columns (in this order): anon | A: admin, officer, staff | X: director, staff | B: admin, officer,
 * staff | Y: director, staff. Cells: ok (2xx, or the redirect that is the route's normal success),
 * L (302 to /login?redirectTo=…), 403, 404. An allowed action must also have taken effect: something stored
 * changed (or what its probe reads changed), unless the check says why success stores nothing.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import type { AppContext } from "~/utils/context";
import { createBriefPool, type BriefPool } from "~/pdf/pool.server";
import { createLimiter, INVITATION_RULES, LOGIN_RULES } from "~/utils/rate-limit.server";
import * as root from "~/root";
import { createFoundationResource } from "~/domain/practices.server";
import { addCohortMember, getCohortAccess } from "~/domain/cohorts.server";
import { asOwner, createTestDatabase } from "../support/db";
import { addOrganisationMember, callerOf, createUser, TEST_PASSWORD } from "../support/factories";
import { DATASETS } from "~/domain/organisation-export.server";
import { answerOf, cookieFor, CSRF, get, routeContext } from "../support/routes";
import { CALLERS, createAuthzWorld, databaseFingerprint, draftVersionOf, uniqueEmail, type AuthzWorld, type Caller } from "../support/authz-world";

const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");
const ROUTE_FILES = readdirSync(ROUTES_DIR)
  .filter((f) => /\.(tsx?|jsx?)$/.test(f) && !/\.test\.[jt]sx?$/.test(f))
  .sort();

type Cell = "ok" | "L" | 403 | 404;
type Row = Record<Caller, Cell>;
type Fields = Record<string, string | string[]>;

/** One row of the matrix, written as 11 cells in the column order above. */
function row(cells: string): Row {
  const parts = cells.trim().split(/\s+/);
  if (parts.length !== CALLERS.length) throw new Error(`A matrix row needs ${CALLERS.length} cells: "${cells}"`);
  return Object.fromEntries(
    CALLERS.map((c, i) => {
      const p = parts[i];
      if (p !== "ok" && p !== "L" && p !== "403" && p !== "404") throw new Error(`Unknown cell "${p}"`);
      return [c, p === "ok" || p === "L" ? p : Number(p)];
    }),
  ) as Row;
}

// Rows that recur.
const PUBLIC = row("ok ok ok ok ok ok ok ok ok ok ok");
const NOWHERE = row("404 404 404 404 404 404 404 404 404 404 404");
const SIGNED_IN = row("L ok ok ok ok ok ok ok ok ok ok");
/** Pages of the foundation the caller acts for (no object of A in the URL): by role, in either tenant. */
const F_ADMIN = row("L ok 403 403 403 403 ok 403 403 403 403");
const F_MANAGERS = row("L ok ok 403 403 403 ok ok 403 403 403");
const F_ANY = row("L ok ok ok 403 403 ok ok ok 403 403");
/** An object of foundation A (grant line, grant) in the URL: B's managers find nothing. */
const A_MANAGERS = row("L ok ok 403 403 403 404 404 403 403 403");
/** Pages of organisation X: no one outside X learns it exists. */
const X_DIRECTOR = row("L 404 404 404 ok 403 404 404 404 404 404");
const X_MEMBERS = row("L 404 404 404 ok ok 404 404 404 404 404");
/** Cohort A: facilitators (A's admin and officer), X's director and X's staff member. */
const COHORT = row("L ok ok 404 ok ok 404 404 404 404 404");
const COHORT_FACILITATORS = row("L ok ok 404 403 403 404 404 404 404 404");

interface Check {
  /** What the call does, for messages (an intent for actions). */
  label?: string;
  path: string;
  params?: Record<string, string>;
  /** The form of an action (CSRF field added); may build fresh objects for each caller. */
  form?: (caller: Caller) => Fields | Promise<Fields>;
  /** The path params, when they must be fresh for each caller. */
  freshParams?: (caller: Caller) => Promise<{ path: string; params: Record<string, string> }>;
  expect: Row;
  /** The call ends or replaces the caller's session (logout, login, accepting an invitation). */
  freshSession?: boolean;
  /**
   * How an allowed action shows it took effect. By default the database fingerprint changes; `probe` reads what
   * the action changes where the fingerprint cannot see it; `none` says why success stores nothing (for the
   * callers in `noneFor`, or for all).
   */
  effect?: { probe?: (caller: Caller) => Promise<unknown>; none?: string; noneFor?: Caller[] };
}
interface Entry {
  loader?: Check | Check[];
  action?: Check | Check[];
  /** Why a route is public or special. */
  note?: string;
}

let database: Database;
let context: AppContext;
let briefs: BriefPool;
let w: AuthzWorld;
const cookies = {} as Record<Caller, string>;
let loginEmail: string;
let loginUserId: string;
let finishing = "";
const NEW_PASSWORD = "a different long passphrase";

beforeAll(async () => {
  database = await createTestDatabase();
  briefs = createBriefPool({ threads: 1, timeoutMs: 60_000, priority: "normal" });
  context = routeContext(database, {
    briefs,
    loginLimiter: createLimiter(LOGIN_RULES),
    invitationLimiter: createLimiter(INVITATION_RULES),
  });
  w = await createAuthzWorld(database.db, context.secret);
  cookies.anon = `sts_csrf=${CSRF}`;
  for (const caller of CALLERS) if (caller !== "anon") cookies[caller] = await cookieFor(context, w.users[caller]);
  const loginUser = await createUser(database.db, { email: uniqueEmail("login") });
  loginEmail = loginUser.email;
  loginUserId = loginUser.id;
});
afterAll(async () => {
  await briefs?.close();
  await database?.close();
});

/** The foundation a caller acts for (A for anonymous and organisation people: their forms are refused anyway). */
const foundationOf = (caller: Caller) => (caller.startsWith("b") ? w.foundationB : w.foundationA);

function matrix(): Record<string, Entry> {
  const db = database.db;
  const cohort = `/cohorts/${w.cohortId}`;
  const X = `/organisations/${w.organisationX}`;
  const cohortParams = { cohortId: w.cohortId };
  const xParams = { organisationId: w.organisationX };
  const grantForm = {
    title: "Core support",
    proposedBudget: "50000",
    status: "active",
  };
  return {
    "$.tsx": {
      note: "The catch-all: 404 for everyone, whatever the method.",
      loader: { path: "/no/such/page", params: { "*": "no/such/page" }, expect: NOWHERE },
      action: { path: "/no/such/page", params: { "*": "no/such/page" }, form: () => ({}), expect: NOWHERE },
    },
    "_index.tsx": { note: "Home: anonymous visitors go to /login (setup is done).", loader: { path: "/", expect: SIGNED_IN } },
    "account.tsx": {
      loader: { path: "/account", expect: SIGNED_IN },
      action: [
        { label: "email", path: "/account", form: () => ({ intent: "email", weekly_digest: "on" }), expect: SIGNED_IN },
        { label: "profile", path: "/account", form: () => ({ intent: "profile", name: "Renamed Person", locale: "en" }), expect: SIGNED_IN },
        {
          // Each person changes their own password, once; the session the matrix uses for them is kept.
          label: "password",
          path: "/account",
          form: () => ({ intent: "password", currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
          expect: SIGNED_IN,
          effect: {
            probe: (caller) =>
              db
                .selectFrom("app_user")
                .select("password_hash")
                .where("id", "=", w.users[caller as Exclude<Caller, "anon">])
                .executeTakeFirst(),
          },
        },
      ],
    },
    "cohorts._index.tsx": {
      loader: { path: "/cohorts", expect: SIGNED_IN },
      action: {
        path: "/cohorts",
        form: () => ({ name: "New cohort", purpose: "Learn", startsOn: "2031-01-01", endsOn: "2031-06-30" }),
        expect: F_MANAGERS,
      },
    },
    "cohorts.$cohortId._index.tsx": {
      loader: { path: cohort, params: cohortParams, expect: COHORT },
      action: [
        { label: "thread", path: cohort, params: cohortParams, form: () => ({ intent: "thread", title: "Hello", body: "A question" }), expect: COHORT },
        {
          label: "session",
          path: cohort,
          params: cohortParams,
          form: () => ({ intent: "session", title: "Second", date: "2030-05-01", time: "10:00", timeZone: "UTC", duration: "60" }),
          expect: COHORT_FACILITATORS,
        },
        {
          label: "pin",
          path: cohort,
          params: cohortParams,
          form: async () => {
            // A practice not pinned yet, so that an allowed pin is not refused as a duplicate.
            const free = await db
              .selectFrom("practice")
              .select("id")
              .where("tier", "!=", "contraindicated")
              .where(
                "id",
                "not in",
                db
                  .selectFrom("cohort_pin")
                  .select("practice_id")
                  .where("cohort_id", "=", w.cohortId)
                  .where("practice_id", "is not", null)
                  .$castTo<{ practice_id: string }>(),
              )
              .orderBy("id")
              .executeTakeFirstOrThrow();
            return { intent: "pin", target: `practice:${free.id}`, note: "" };
          },
          expect: COHORT_FACILITATORS,
        },
        {
          label: "unpin",
          path: cohort,
          params: cohortParams,
          form: async () => {
            const resourceId = await createFoundationResource(db, await callerOf(db, w.users.aOfficer, w.foundationA), {
              title: "To unpin",
              url: "https://example.org/u",
              pillars: [],
            });
            const pin = await db
              .insertInto("cohort_pin")
              .values({ cohort_id: w.cohortId, resource_id: resourceId, note: "", pinned_by: w.users.aOfficer })
              .returning("id")
              .executeTakeFirstOrThrow();
            return { intent: "unpin", pinId: pin.id };
          },
          expect: COHORT_FACILITATORS,
        },
        {
          label: "invite",
          path: cohort,
          params: cohortParams,
          form: async () => ({ intent: "invite", organisationId: await w.freshGrantee() }),
          expect: COHORT_FACILITATORS,
        },
        {
          label: "edit-cohort",
          path: cohort,
          params: cohortParams,
          form: async () => {
            const c = await db.selectFrom("cohort").select("version").where("id", "=", w.cohortId).executeTakeFirstOrThrow();
            return {
              intent: "edit-cohort",
              name: "Renamed cohort",
              purpose: "Learn",
              startsOn: "2030-01-01",
              endsOn: "2030-12-31",
              version: String(c.version),
            };
          },
          expect: COHORT_FACILITATORS,
        },
        {
          label: "accept (an invitation of a new cohort of A to X)",
          path: cohort,
          freshParams: async () => {
            const cohortId = await w.freshCohortInvitingX();
            return { path: `/cohorts/${cohortId}`, params: { cohortId } };
          },
          form: () => ({ intent: "accept", organisationId: w.organisationX }),
          // Only X's director accepts for X; like add-member, the rule answers 404 to anyone who does not direct it.
          expect: row("L 404 404 404 ok 404 404 404 404 404 404"),
        },
        {
          label: "add-member",
          path: cohort,
          params: cohortParams,
          form: async () => {
            const person = await createUser(db);
            await addOrganisationMember(db, person.id, w.organisationX, "staff");
            return { intent: "add-member", organisationId: w.organisationX, userId: person.id };
          },
          // Only the organisation's director adds its people; the rule answers 404 to anyone who does not direct it.
          expect: row("L 404 404 404 ok 404 404 404 404 404 404"),
        },
        {
          label: "remove-member",
          path: cohort,
          params: cohortParams,
          form: async () => {
            const person = await createUser(db);
            await addOrganisationMember(db, person.id, w.organisationX, "staff");
            await addCohortMember(
              db,
              (await getCohortAccess(db, await callerOf(db, w.users.xDirector, w.organisationX), w.cohortId))!,
              w.organisationX,
              person.id,
            );
            return { intent: "remove-member", organisationId: w.organisationX, userId: person.id };
          },
          expect: row("L 404 404 404 ok 404 404 404 404 404 404"),
        },
      ],
    },
    "cohorts.$cohortId.brief[.pdf].tsx": {
      loader: { path: `${cohort}/brief.pdf`, params: cohortParams, expect: COHORT_FACILITATORS },
    },
    "cohorts.$cohortId.discussion.$threadId.tsx": (() => {
      const p = `${cohort}/discussion/${w.threadId}`;
      const params = { cohortId: w.cohortId, threadId: w.threadId };
      return {
        loader: { path: p, params, expect: COHORT },
        action: [
          { label: "reply", path: p, params, form: () => ({ intent: "reply", body: "Me too" }), expect: COHORT },
          { label: "hide", path: p, params, form: async () => ({ intent: "hide", postId: await w.freshPost() }), expect: COHORT_FACILITATORS },
          {
            label: "edit (a post of X's staff member)",
            path: p,
            params,
            form: async () => ({ intent: "edit", postId: await w.freshPost(), version: "1", body: "Edited" }),
            expect: row("L 403 403 404 403 ok 404 404 404 404 404"),
          },
        ],
      };
    })(),
    "cohorts.$cohortId.sessions.$sessionId.tsx": (() => {
      const p = `${cohort}/sessions/${w.sessionId}`;
      const params = { cohortId: w.cohortId, sessionId: w.sessionId };
      return {
        loader: { path: p, params, expect: COHORT },
        action: [
          { label: "rsvp", path: p, params, form: () => ({ intent: "rsvp", response: "yes" }), expect: row("L 403 403 404 403 ok 404 404 404 404 404") },
          { label: "attendance", path: p, params, form: () => ({ intent: "attendance", attended: [w.users.xStaff] }), expect: COHORT_FACILITATORS },
        ],
      };
    })(),
    "cohorts.$cohortId.sessions.$sessionId[.ics].tsx": {
      loader: { path: `${cohort}/sessions/${w.sessionId}.ics`, params: { cohortId: w.cohortId, sessionId: w.sessionId }, expect: COHORT },
    },
    "context.tsx": {
      note: "Switching the acting membership: only one's own membership (A's admin's here).",
      loader: { path: "/context", expect: PUBLIC },
      action: {
        path: "/context",
        form: () => ({ membershipId: w.aAdminMembershipId }),
        expect: row("L ok 404 404 404 404 404 404 404 404 404"),
        effect: { probe: () => sessionsOf(database.db, w.users.aAdmin) },
      },
    },
    "foundation.audit.tsx": { loader: { path: "/foundation/audit", expect: F_ADMIN } },
    "foundation.brief[.pdf].tsx": { loader: { path: "/foundation/brief.pdf", expect: F_ADMIN } },
    "foundation.members.tsx": {
      loader: { path: "/foundation/members", expect: F_ADMIN },
      action: [
        { label: "invite", path: "/foundation/members", form: () => ({ intent: "invite", email: uniqueEmail("f-invite"), role: "staff" }), expect: F_ADMIN },
        {
          label: "withdraw (an invitation of A)",
          path: "/foundation/members",
          form: async () => ({ intent: "withdraw", invitationId: (await w.freshInvitation("foundation")).invitationId }),
          expect: row("L ok 403 403 403 403 404 403 403 403 403"),
        },
        {
          label: "resend (an invitation of A)",
          path: "/foundation/members",
          form: async () => ({ intent: "resend", invitationId: (await w.freshInvitation("foundation")).invitationId }),
          expect: row("L ok 403 403 403 403 404 403 403 403 403"),
        },
        {
          label: "remove (a staff member of A)",
          path: "/foundation/members",
          form: async () => {
            // A fresh staff member of A each time, so that the allowed call has someone to remove.
            const person = await createUser(db);
            const m = await db
              .insertInto("membership")
              .values({ user_id: person.id, foundation_id: w.foundationA, role: "staff" })
              .returning("id")
              .executeTakeFirstOrThrow();
            return { intent: "remove", membershipId: m.id };
          },
          expect: row("L ok 403 403 403 403 404 403 403 403 403"),
        },
      ],
    },
    "foundation.organisations.tsx": {
      loader: { path: "/foundation/organisations", expect: F_MANAGERS },
      action: { path: "/foundation/organisations", form: () => ({ name: "New grantee", directorEmail: uniqueEmail("director") }), expect: F_ADMIN },
    },
    "foundation.organisations_.$organisationId.continuum.tsx": {
      loader: { path: `/foundation/organisations/${w.organisationX}/continuum`, params: xParams, expect: A_MANAGERS },
    },
    "foundation.outbox.tsx": { loader: { path: "/foundation/outbox", expect: F_ADMIN } },
    "foundation.resources.tsx": {
      loader: { path: "/foundation/resources", expect: F_MANAGERS },
      action: { path: "/foundation/resources", form: () => ({ title: "A reading", url: "https://example.org/r" }), expect: F_MANAGERS },
    },
    "foundation.self-assessment._index.tsx": {
      loader: { path: "/foundation/self-assessment", expect: F_ANY },
      action: {
        path: "/foundation/self-assessment",
        form: () => ({
          foundation_understanding: "competence",
          learning_together: "competence",
          funding_support: "competence",
          needs_differ: "competence",
          own_understanding: "competence",
        }),
        expect: F_ANY,
      },
    },
    "foundation.self-assessment.summary.tsx": {
      loader: { path: "/foundation/self-assessment/summary", expect: F_ADMIN },
      action: { label: "send the invitation", path: "/foundation/self-assessment/summary", form: () => ({}), expect: F_ADMIN },
    },
    "foundation.settings.tsx": {
      loader: { path: "/foundation/settings", expect: F_ADMIN },
      action: {
        path: "/foundation/settings",
        form: async (caller) => {
          const f = await db.selectFrom("foundation").select(["name", "updated_at"]).where("id", "=", foundationOf(caller)).executeTakeFirstOrThrow();
          return { name: f.name, defaultAllowance: "10", minGroupSize: "5", version: f.updated_at.toISOString() };
        },
        expect: F_ADMIN,
      },
    },
    "grant-lines._index.tsx": {
      loader: { path: "/grant-lines", expect: F_MANAGERS },
      action: { path: "/grant-lines", form: () => ({ name: "Another line", fiscalYear: "2027", kind: "enhancement", allowance: "10" }), expect: F_MANAGERS },
    },
    "grant-lines.$lineId.tsx": (() => {
      const p = `/grant-lines/${w.lineId}`;
      const params = { lineId: w.lineId };
      return {
        loader: { path: p, params, expect: A_MANAGERS },
        action: [
          {
            label: "line",
            path: p,
            params,
            form: async () => {
              const l = await db.selectFrom("grant_line").select("version").where("id", "=", w.lineId).executeTakeFirstOrThrow();
              return { intent: "line", name: "Line renamed", fiscalYear: "2026", kind: "enhancement", allowance: "10", version: String(l.version) };
            },
            expect: A_MANAGERS,
          },
          { label: "grant (to X)", path: p, params, form: () => ({ ...grantForm, organisationId: w.organisationX }), expect: A_MANAGERS },
        ],
      };
    })(),
    "grants.$grantId.tsx": (() => {
      const p = `/grants/${w.grantId}`;
      const params = { grantId: w.grantId };
      return {
        loader: { path: p, params, expect: A_MANAGERS },
        action: [
          { label: "comment", path: p, params, form: () => ({ intent: "comment", body: "How is it going?" }), expect: A_MANAGERS },
          {
            label: "grant",
            path: p,
            params,
            form: async () => {
              const g = await db.selectFrom("grant").select("version").where("id", "=", w.grantId).executeTakeFirstOrThrow();
              return { ...grantForm, version: String(g.version) };
            },
            expect: A_MANAGERS,
          },
        ],
      };
    })(),
    "invitations.$token.tsx": {
      note: "Public: the token is the proof. Accepting as an existing account needs that very account.",
      loader: {
        path: "/invitations/token",
        freshParams: async () => {
          const { token } = await w.freshInvitation("organisation");
          return { path: `/invitations/${token}`, params: { token } };
        },
        expect: PUBLIC,
      },
      action: [
        {
          label: "accept-existing (the invitation is for someone else)",
          path: "/invitations/token",
          freshParams: async () => {
            const { token } = await w.freshInvitation("organisation");
            return { path: `/invitations/${token}`, params: { token } };
          },
          form: () => ({ intent: "accept-existing" }),
          expect: row("L 403 403 403 403 403 403 403 403 403 403"),
        },
        {
          label: "new-account",
          path: "/invitations/token",
          freshParams: async () => {
            const { token } = await w.freshInvitation("organisation");
            return { path: `/invitations/${token}`, params: { token } };
          },
          form: () => ({ intent: "new-account", name: "New Person", password: "a long enough passphrase" }),
          expect: PUBLIC,
          freshSession: true,
        },
      ],
    },
    "login.tsx": {
      note: "Public. Signed-in visitors are sent home.",
      loader: { path: "/login", expect: PUBLIC },
      action: {
        path: "/login",
        form: () => ({ email: loginEmail, password: TEST_PASSWORD }),
        expect: PUBLIC,
        freshSession: true,
        // Whoever was signed in before, a new session of the person logging in is made.
        effect: { probe: () => sessionsOf(database.db, loginUserId) },
      },
    },
    "logout.tsx": {
      note: "Public: ends whatever session the browser holds.",
      loader: { path: "/logout", expect: PUBLIC },
      action: {
        path: "/logout",
        form: () => ({}),
        expect: PUBLIC,
        freshSession: true,
        effect: { probe: () => allSessions(database.db), none: "an anonymous visitor has no session to end", noneFor: ["anon"] },
      },
    },
    "organisations.$organisationId._index.tsx": {
      note: "X's own page for its people; A's managers reach X through the grant and cohort.",
      loader: { path: X, params: xParams, expect: row("L ok ok 403 ok ok 404 404 404 404 404") },
    },
    "organisations.$organisationId.brief[.pdf].tsx": { loader: { path: `${X}/brief.pdf`, params: xParams, expect: X_DIRECTOR } },
    "organisations.$organisationId.continuum._index.tsx": {
      loader: { path: `${X}/continuum`, params: xParams, expect: X_MEMBERS },
      action: {
        label: "start",
        path: `${X}/continuum`,
        params: xParams,
        form: () => ({ intent: "start" }),
        expect: X_DIRECTOR,
        effect: { none: "X has a draft already: starting opens it (the route sends the director there) and stores nothing" },
      },
    },
    "organisations.$organisationId.continuum.$assessmentId.tsx": (() => {
      const p = `${X}/continuum/${w.draftId}`;
      const params = { organisationId: w.organisationX, assessmentId: w.draftId };
      return {
        note: "A draft X's staff are invited to.",
        loader: { path: p, params, expect: X_MEMBERS },
        action: [
          {
            label: "save",
            path: p,
            params,
            form: async () => {
              const a = await draftVersionOf(db, w.draftId);
              return { intent: "save", version: String(a.version), stage_supervision: "competence" };
            },
            expect: X_MEMBERS,
          },
          {
            label: "autosave",
            path: p,
            params,
            form: async () => {
              const a = await draftVersionOf(db, w.draftId);
              return { intent: "autosave", version: String(a.version), note_workload: "Thinking" };
            },
            expect: X_MEMBERS,
          },
          {
            label: "invite-staff",
            path: p,
            params,
            form: async (caller) => {
              // Not yet invited when X's director calls, so that the allowed call has something to change; invited
              // for everyone else, so that X's staff reach the draft and are refused the director's intent.
              await setStaffInvitedDirectly(db, w.draftId, caller !== "xDirector");
              return { intent: "invite-staff" };
            },
            expect: X_DIRECTOR,
            effect: { probe: () => asOwnerRead(db, w.draftId) },
          },
          {
            label: "uninvite-staff",
            path: p,
            params,
            form: async () => {
              await setStaffInvitedDirectly(db, w.draftId, true);
              return { intent: "uninvite-staff" };
            },
            // X's staff are invited when they call, so they reach the draft and are refused the director's intent.
            expect: X_DIRECTOR,
            effect: { probe: () => asOwnerRead(db, w.draftId) },
          },
          {
            // Last: finishing ends the draft; callers after X's director get a new one.
            label: "finish",
            path: p,
            freshParams: async () => {
              finishing = await w.openDraft();
              return { path: `${X}/continuum/${finishing}`, params: { organisationId: w.organisationX, assessmentId: finishing } };
            },
            form: async () => ({ intent: "finish", version: String((await draftVersionOf(db, finishing)).version), stage_supervision: "competence" }),
            // X's staff reach the draft they are invited to, and are refused finishing it.
            expect: row("L 404 404 404 ok 403 404 404 404 404 404"),
          },
        ],
      };
    })(),
    "organisations.$organisationId.continuum.sharing.tsx": {
      loader: { path: `${X}/continuum/sharing`, params: xParams, expect: X_DIRECTOR },
      action: [
        // Revoked, then shared again, so that A's view of X stays shared for the checks after this one.
        {
          label: "revoke A",
          path: `${X}/continuum/sharing`,
          params: xParams,
          form: () => ({ intent: "revoke", foundationId: w.foundationA }),
          expect: X_DIRECTOR,
        },
        {
          label: "share with A",
          path: `${X}/continuum/sharing`,
          params: xParams,
          form: () => ({ intent: "share", foundationId: w.foundationA }),
          expect: X_DIRECTOR,
        },
      ],
    },
    "organisations.$organisationId.grants._index.tsx": { loader: { path: `${X}/grants`, params: xParams, expect: X_MEMBERS } },
    "organisations.$organisationId.grants.$grantId.tsx": (() => {
      const p = `${X}/grants/${w.grantId}`;
      const params = { organisationId: w.organisationX, grantId: w.grantId };
      return {
        loader: { path: p, params, expect: X_MEMBERS },
        action: [
          { label: "comment", path: p, params, form: () => ({ intent: "comment", body: "Thank you" }), expect: X_DIRECTOR },
          {
            label: "plan",
            path: p,
            params,
            form: async () => {
              const g = await db.selectFrom("grant").select("plan_version").where("id", "=", w.grantId).executeTakeFirstOrThrow();
              return { version: String(g.plan_version), "lines[0].pillar": "workload", "lines[0].purpose": "prevention", "lines[0].amount": "100" };
            },
            expect: X_DIRECTOR,
          },
        ],
      };
    })(),
    "organisations.$organisationId.members.tsx": {
      loader: { path: `${X}/members`, params: xParams, expect: X_DIRECTOR },
      action: [
        {
          label: "invite",
          path: `${X}/members`,
          params: xParams,
          form: () => ({ intent: "invite", email: uniqueEmail("o-invite"), role: "staff" }),
          expect: X_DIRECTOR,
        },
        {
          label: "withdraw (an invitation of X)",
          path: `${X}/members`,
          params: xParams,
          form: async () => ({ intent: "withdraw", invitationId: (await w.freshInvitation("organisation")).invitationId }),
          expect: X_DIRECTOR,
        },
        {
          label: "resend (an invitation of X)",
          path: `${X}/members`,
          params: xParams,
          form: async () => ({ intent: "resend", invitationId: (await w.freshInvitation("organisation")).invitationId }),
          expect: X_DIRECTOR,
        },
      ],
    },
    "organisations.$organisationId.outbox.tsx": { loader: { path: `${X}/outbox`, params: xParams, expect: X_DIRECTOR } },
    "organisations.$organisationId.data.tsx": { loader: { path: `${X}/data`, params: xParams, expect: X_DIRECTOR } },
    "organisations.$organisationId.data[.json].tsx": { loader: { path: `${X}/data.json`, params: xParams, expect: X_DIRECTOR } },
    "organisations.$organisationId.data[.csv].tsx": {
      loader: DATASETS.map((dataset) => ({ label: dataset, path: `${X}/data.csv?dataset=${dataset}`, params: xParams, expect: X_DIRECTOR })),
    },
    "portfolio._index.tsx": { loader: { path: "/portfolio", expect: F_MANAGERS } },
    "portfolio.plan-lines[.csv].tsx": { loader: { path: "/portfolio/plan-lines.csv", expect: F_MANAGERS } },
    "portfolio[.csv].tsx": { loader: { path: "/portfolio.csv", expect: F_MANAGERS } },
    "practices._index.tsx": { loader: { path: "/practices", expect: SIGNED_IN } },
    "practices.about.tsx": { loader: { path: "/practices/about", expect: SIGNED_IN } },
    "practices.$practiceId.tsx": { loader: { path: `/practices/${w.practiceId}`, params: { practiceId: w.practiceId }, expect: SIGNED_IN } },
    "setup.tsx": {
      note: "Only a database without accounts offers setup; afterwards the page does not exist.",
      loader: { path: "/setup", expect: NOWHERE },
      action: {
        path: "/setup",
        form: () => ({ foundationName: "Takeover", name: "Mallory", email: uniqueEmail("setup"), password: "a long enough passphrase" }),
        expect: NOWHERE,
      },
    },
    "unsubscribe.$token.tsx": {
      note: "Public: the signed token is the proof.",
      loader: { path: `/unsubscribe/${w.unsubscribe}`, params: { token: w.unsubscribe }, expect: PUBLIC },
      action: { label: "resubscribe", path: `/unsubscribe/${w.unsubscribe}`, params: { token: w.unsubscribe }, form: () => ({}), expect: PUBLIC },
    },
  };
}

function post(urlPath: string, cookie: string, fields: Fields) {
  const body = new URLSearchParams({ csrf: CSRF });
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return new Request(`http://localhost${urlPath}`, { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body });
}

type Handler = (args: never) => unknown;
/** A cell of the matrix, or what was answered instead (another status, a redirect elsewhere, "500"). */
type Outcome = { cell: string | number; detail: string };

/** What one call answered, as a cell of the matrix. */
async function callAs(
  caller: Caller,
  handler: Handler,
  kind: "loader" | "action",
  check: Check,
  target: { path: string; params: Record<string, string> },
  fields: Fields,
  cookie = cookies[caller],
): Promise<Outcome> {
  const request = kind === "loader" ? get(target.path, cookie) : post(target.path, cookie, fields);
  let answer: Awaited<ReturnType<typeof answerOf>>;
  try {
    answer = await answerOf(() => handler({ request, context, params: target.params } as never));
  } catch (e) {
    return {
      cell: "500",
      detail: String((e as Error)?.stack ?? e)
        .split("\n")
        .slice(0, 3)
        .join(" "),
    };
  }
  const location = answer.response?.headers.get("location") ?? "";
  if (answer.status >= 300 && answer.status < 400) {
    const loginTarget = target.path === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(target.path)}`;
    if (location === loginTarget) return { cell: "L", detail: location };
    if (location === "/login" || location.startsWith("/login?redirectTo=")) return { cell: `login redirect to ${location}`, detail: location };
    return { cell: "ok", detail: `${answer.status} ${location}` };
  }
  if (answer.status >= 200 && answer.status < 300) return { cell: "ok", detail: String(answer.status) };
  return { cell: answer.status, detail: String(answer.status) };
}

const asList = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Sessions, which the fingerprint leaves out: of one person, or how many there are. */
const sessionsOf = (db: Database["db"], userId: string) => asOwner(db, (o) => o.selectFrom("session").selectAll().where("user_id", "=", userId).execute());
const allSessions = (db: Database["db"]) =>
  asOwner(db, (o) =>
    o
      .selectFrom("session")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst(),
  );

/** Sets up whether staff are invited to a draft, past row-level security (setup before a call, not the call). */
const setStaffInvitedDirectly = (db: Database["db"], assessmentId: string, invited: boolean) =>
  asOwner(db, (o) => o.updateTable("continuum_assessment").set({ staff_invited: invited }).where("id", "=", assessmentId).execute());

/** A draft's stored state, read past row-level security. */
const asOwnerRead = (db: Database["db"], assessmentId: string) =>
  asOwner(db, (o) => o.selectFrom("continuum_assessment").selectAll().where("id", "=", assessmentId).executeTakeFirst());
let calls = 0;

/** Runs one check for every caller; refused calls must change nothing stored. */
async function runCheck(name: string, handler: Handler, kind: "loader" | "action", check: Check) {
  const problems: string[] = [];
  for (const caller of CALLERS) {
    const expected = check.expect[caller];
    const refused = expected !== "ok";
    // Fresh objects a call needs are made before the fingerprint, so they do not count as the call's change.
    const target = check.freshParams ? await check.freshParams(caller) : { path: check.path, params: check.params ?? {} };
    const fields = kind === "action" && check.form ? await check.form(caller) : {};
    // A fresh session is made before anything is measured, so that only the call's own change is seen.
    const cookie = caller !== "anon" && check.freshSession ? await cookieFor(context, w.users[caller]) : cookies[caller];
    const before = refused ? await databaseFingerprint(database.db) : null;
    // An allowed action is checked for its effect: the fingerprint, or the check's own probe.
    const storesNothing = Boolean(check.effect?.none && (!check.effect.noneFor || check.effect.noneFor.includes(caller)));
    const probeOf = check.effect?.probe;
    const probe = refused || kind !== "action" || storesNothing ? null : probeOf ? () => probeOf(caller) : () => databaseFingerprint(database.db);
    const stateBefore = probe ? JSON.stringify(await probe()) : null;
    const outcome = await callAs(caller, handler, kind, check, target, fields, cookie);
    calls++;
    const what = `${name} ${kind}${check.label ? ` [${check.label}]` : ""} as ${caller}`;
    if (outcome.cell !== expected) problems.push(`${what}: expected ${expected}, got ${outcome.cell} (${outcome.detail})`);
    if (before) {
      const after = await databaseFingerprint(database.db);
      const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
      if (changed.length) problems.push(`${what}: refused, yet changed ${changed.join(", ")}`);
    }
    if (probe && outcome.cell === "ok" && JSON.stringify(await probe()) === stateBefore) {
      problems.push(`${what}: answered ${outcome.detail} as allowed, yet nothing it should change changed`);
    }
  }
  return problems;
}

describe("authorization matrix", () => {
  it("has an entry for every route module, and every loader and action it exports, and none for a route that is gone", async () => {
    const entries = matrix();
    const missing: string[] = [];
    for (const file of ROUTE_FILES) {
      const mod = (await import(path.join(ROUTES_DIR, file))) as Record<string, unknown>;
      const entry = entries[file];
      if (!entry) {
        missing.push(`${file}: no entry`);
        continue;
      }
      for (const kind of ["loader", "action"] as const) {
        if (typeof mod[kind] === "function" && asList(entry[kind]).length === 0) missing.push(`${file}: no ${kind} entry`);
        if (typeof mod[kind] !== "function" && asList(entry[kind]).length > 0) missing.push(`${file}: entry for a ${kind} it does not export`);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(entries).filter((k) => !ROUTE_FILES.includes(k))).toEqual([]);
    // The directory really was read (a wrong path would make every check above vacuous).
    expect(ROUTE_FILES.length).toBeGreaterThan(40);
  });

  for (const file of ROUTE_FILES) {
    it(`${file}: every caller gets the expected answer`, async () => {
      const entry = matrix()[file];
      expect(entry, `${file} has no entry in the authorization matrix`).toBeDefined();
      const mod = (await import(path.join(ROUTES_DIR, file))) as Record<string, Handler>;
      const problems: string[] = [];
      for (const kind of ["loader", "action"] as const) {
        for (const check of asList(entry[kind])) problems.push(...(await runCheck(file, mod[kind], kind, check)));
      }
      expect(problems).toEqual([]);
    });
  }

  it("root loader: answers everyone (it only says who is signed in) and hands out a CSRF cookie", async () => {
    for (const caller of CALLERS) {
      const answer = await answerOf(async () =>
        root.loader({ request: get("/", caller === "anon" ? undefined : cookies[caller]), context, params: {} } as never),
      );
      expect(answer.status, caller).toBe(200);
    }
    const anonymous = (await root.loader({ request: get("/"), context, params: {} } as never)) as unknown as {
      data: { viewer: unknown };
      init: { headers: Headers };
    };
    expect(anonymous.data.viewer).toBeNull();
    expect(new Headers(anonymous.init.headers).get("set-cookie") ?? "").toMatch(/sts_csrf=/);
  });

  it("/healthz is answered by the server before any session or route is read", () => {
    const server = readFileSync(path.resolve(__dirname, "../../server.ts"), "utf8");
    const health = server.indexOf('app.get("/healthz", (_req, res, next)');
    expect(health).toBeGreaterThan(0);
    // It reads nothing of the request and comes before the Remix handler, so it can leak no tenant data.
    expect(health).toBeLessThan(server.indexOf("remixHandler({"));
    const body = server.slice(health, server.indexOf("});", health));
    expect(body).not.toMatch(/select|membership|viewer/i);
  });

  it("pages open to several roles show each only what that role may see", async () => {
    const load = async (handler: Handler, urlPath: string, params: Record<string, string>, caller: Caller) =>
      (await handler({ request: get(urlPath, cookies[caller]), context, params } as never)) as Record<string, unknown>;
    const practice = (await import("~/routes/practices.$practiceId")).loader as Handler;
    const sessionPage = (await import("~/routes/cohorts.$cohortId.sessions.$sessionId")).loader as Handler;
    const organisationPage = (await import("~/routes/organisations.$organisationId._index")).loader as Handler;

    // What the portfolio plans for a practice: for those who see the portfolio, of their own foundation only.
    await database.db.updateTable("plan_line").set({ practice_id: w.practiceId }).where("grant_id", "=", w.grantId).execute();
    const practicePath = `/practices/${w.practiceId}`;
    for (const caller of ["aAdmin", "aOfficer"] as const) {
      const planned = (await load(practice, practicePath, { practiceId: w.practiceId }, caller)).planned as { grants: number } | null;
      expect(planned?.grants, caller).toBeGreaterThan(0);
    }
    for (const caller of ["aStaff", "xDirector", "xStaff", "bStaff", "yDirector", "yStaff"] as const) {
      expect((await load(practice, practicePath, { practiceId: w.practiceId }, caller)).planned, caller).toBeNull();
    }
    for (const caller of ["bAdmin", "bOfficer"] as const) {
      expect((await load(practice, practicePath, { practiceId: w.practiceId }, caller)).planned, caller).toMatchObject({ grants: 0 });
    }

    // The session roster (who answered, who came) is for facilitators.
    const sessionPath = `/cohorts/${w.cohortId}/sessions/${w.sessionId}`;
    const sessionParams = { cohortId: w.cohortId, sessionId: w.sessionId };
    expect(((await load(sessionPage, sessionPath, sessionParams, "aOfficer")).roster as unknown[]).length).toBeGreaterThan(0);
    for (const caller of ["xDirector", "xStaff"] as const) expect((await load(sessionPage, sessionPath, sessionParams, caller)).roster, caller).toEqual([]);

    // A foundation that reaches X sees its name, never the other foundations X works with.
    const foundationView = await load(organisationPage, `/organisations/${w.organisationX}`, { organisationId: w.organisationX }, "aOfficer");
    expect(foundationView).toMatchObject({ view: "foundation", foundations: [] });
    const ownView = await load(organisationPage, `/organisations/${w.organisationX}`, { organisationId: w.organisationX }, "xStaff");
    expect(ownView).toMatchObject({ view: "organisation" });
  });

  it("ids of tenant A inside another tenant's own URL or form are refused, and change nothing", async () => {
    const route = async (name: string) => (await import(path.join(ROUTES_DIR, `${name}.tsx`))) as Record<string, Handler>;
    const [sessionPage, ics, thread, overview, cohorts, line, grant, orgGrant, assessment, sharing, orgMembers] = await Promise.all(
      [
        "cohorts.$cohortId.sessions.$sessionId",
        "cohorts.$cohortId.sessions.$sessionId[.ics]",
        "cohorts.$cohortId.discussion.$threadId",
        "cohorts.$cohortId._index",
        "cohorts._index",
        "grant-lines.$lineId",
        "grants.$grantId",
        "organisations.$organisationId.grants.$grantId",
        "organisations.$organisationId.continuum.$assessmentId",
        "organisations.$organisationId.continuum.sharing",
        "organisations.$organisationId.members",
      ].map(route),
    );
    const resourceId = await createFoundationResource(database.db, await callerOf(database.db, w.users.aOfficer, w.foundationA), {
      title: "A's reading",
      url: "https://example.org/a",
      pillars: [],
    });
    await database.db.insertInto("cohort_pin").values({ cohort_id: w.cohortId, resource_id: resourceId, note: "", pinned_by: w.users.aOfficer }).execute();
    const pinA = await database.db.selectFrom("cohort_pin").select("id").where("resource_id", "=", resourceId).executeTakeFirstOrThrow();
    const B = `/cohorts/${w.b.cohortId}`;
    const Y = `/organisations/${w.organisationY}`;
    const grantB = await database.db.selectFrom("grant").select("version").where("id", "=", w.grantBId).executeTakeFirstOrThrow();
    const draftVersion = (await draftVersionOf(database.db, w.draftId)).version;
    const grantFields = { title: "Sneaky", proposedBudget: "100", status: "active" };
    const cases: [Caller, Handler, "loader" | "action", string, Record<string, string>, Fields?][] = [
      // B's own cohort with A's session or thread.
      ["bOfficer", sessionPage.loader, "loader", `${B}/sessions/${w.sessionId}`, { cohortId: w.b.cohortId, sessionId: w.sessionId }],
      [
        "bOfficer",
        sessionPage.action,
        "action",
        `${B}/sessions/${w.sessionId}`,
        { cohortId: w.b.cohortId, sessionId: w.sessionId },
        { intent: "attendance", attended: [w.users.xStaff] },
      ],
      [
        "yStaff",
        sessionPage.action,
        "action",
        `${B}/sessions/${w.sessionId}`,
        { cohortId: w.b.cohortId, sessionId: w.sessionId },
        { intent: "rsvp", response: "yes" },
      ],
      ["yStaff", ics.loader, "loader", `${B}/sessions/${w.sessionId}.ics`, { cohortId: w.b.cohortId, sessionId: w.sessionId }],
      ["yStaff", thread.loader, "loader", `${B}/discussion/${w.threadId}`, { cohortId: w.b.cohortId, threadId: w.threadId }],
      ["yStaff", thread.action, "action", `${B}/discussion/${w.threadId}`, { cohortId: w.b.cohortId, threadId: w.threadId }, { intent: "reply", body: "Hi" }],
      [
        "bOfficer",
        thread.action,
        "action",
        `${B}/discussion/${w.threadId}`,
        { cohortId: w.b.cohortId, threadId: w.threadId },
        { intent: "hide", postId: await w.freshPost() },
      ],
      // B's own cohort, with A's organisation, people, resource or pin in the form.
      ["bOfficer", overview.action, "action", B, { cohortId: w.b.cohortId }, { intent: "invite", organisationId: w.organisationX }],
      ["bOfficer", overview.action, "action", B, { cohortId: w.b.cohortId }, { intent: "pin", target: `resource:${resourceId}` }],
      ["bOfficer", overview.action, "action", B, { cohortId: w.b.cohortId }, { intent: "unpin", pinId: pinA.id }],
      ["bOfficer", overview.action, "action", B, { cohortId: w.b.cohortId }, { intent: "add-member", organisationId: w.organisationX, userId: w.users.xStaff }],
      [
        "yDirector",
        overview.action,
        "action",
        B,
        { cohortId: w.b.cohortId },
        { intent: "add-member", organisationId: w.organisationY, userId: w.users.xStaff },
      ],
      ["xDirector", overview.action, "action", `/cohorts/${w.cohortId}`, { cohortId: w.cohortId }, { intent: "accept", organisationId: w.organisationY }],
      [
        "bOfficer",
        cohorts.action,
        "action",
        "/cohorts",
        {},
        { name: "C", purpose: "P", startsOn: "2031-01-01", endsOn: "2031-02-01", facilitatorIds: [w.users.aOfficer] },
      ],
      // B's own grant line and grant, with A's grantee or officer.
      ["bOfficer", line.action, "action", `/grant-lines/${w.lineBId}`, { lineId: w.lineBId }, { ...grantFields, organisationId: w.organisationX }],
      [
        "bOfficer",
        line.action,
        "action",
        `/grant-lines/${w.lineBId}`,
        { lineId: w.lineBId },
        { ...grantFields, organisationId: w.organisationY, officerUserId: w.users.aOfficer },
      ],
      [
        "bOfficer",
        grant.action,
        "action",
        `/grants/${w.grantBId}`,
        { grantId: w.grantBId },
        { ...grantFields, version: String(grantB.version), officerUserId: w.users.aOfficer },
      ],
      // Y's own pages with X's grant, assessment, invitation, or a foundation Y has no tie to.
      ["yDirector", orgGrant.loader, "loader", `${Y}/grants/${w.grantId}`, { organisationId: w.organisationY, grantId: w.grantId }],
      [
        "yDirector",
        orgGrant.action,
        "action",
        `${Y}/grants/${w.grantId}`,
        { organisationId: w.organisationY, grantId: w.grantId },
        { intent: "comment", body: "Hi" },
      ],
      [
        "yDirector",
        orgGrant.action,
        "action",
        `${Y}/grants/${w.grantId}`,
        { organisationId: w.organisationY, grantId: w.grantId },
        { version: "1", "lines[0].pillar": "workload", "lines[0].amount": "1" },
      ],
      ["yDirector", assessment.loader, "loader", `${Y}/continuum/${w.draftId}`, { organisationId: w.organisationY, assessmentId: w.draftId }],
      [
        "yDirector",
        assessment.action,
        "action",
        `${Y}/continuum/${w.draftId}`,
        { organisationId: w.organisationY, assessmentId: w.draftId },
        { intent: "save", version: String(draftVersion) },
      ],
      ["yDirector", sharing.action, "action", `${Y}/continuum/sharing`, { organisationId: w.organisationY }, { intent: "share", foundationId: w.foundationA }],
      [
        "xDirector",
        sharing.action,
        "action",
        `/organisations/${w.organisationX}/continuum/sharing`,
        { organisationId: w.organisationX },
        { intent: "share", foundationId: w.foundationB },
      ],
      [
        "yDirector",
        orgMembers.action,
        "action",
        `${Y}/members`,
        { organisationId: w.organisationY },
        { intent: "withdraw", invitationId: (await w.freshInvitation("organisation")).invitationId },
      ],
    ];
    const problems: string[] = [];
    for (const [caller, handler, kind, urlPath, params, fields] of cases) {
      const before = await databaseFingerprint(database.db);
      const outcome = await callAs(caller, handler, kind, { path: urlPath, expect: NOWHERE }, { path: urlPath, params }, fields ?? {});
      const after = await databaseFingerprint(database.db);
      const what = `${kind} ${urlPath} ${JSON.stringify(fields ?? {})} as ${caller}`;
      if (typeof outcome.cell !== "number" || outcome.cell < 400 || outcome.cell >= 500) problems.push(`${what}: not refused (${outcome.detail})`);
      const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
      if (changed.length) problems.push(`${what}: changed ${changed.join(", ")}`);
    }
    expect(problems).toEqual([]);
  });

  it("made a meaningful number of calls", () => {
    // 11 callers for every check (91 checks, 1001 calls when this was written); the per-route tests above ran them.
    expect(calls).toBeGreaterThanOrEqual(ROUTE_FILES.length * CALLERS.length);
  });
});
