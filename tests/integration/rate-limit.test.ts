import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Database } from "#db/client";
import { createLimiter, INVITATION_RULES, LOGIN_RULES, loginKeys, type LoginLimiter } from "~/utils/rate-limit.server";
import { createTestDatabase } from "../support/db";

let k = 0;
const email = () => `person-${Date.now().toString(36)}-${k++}@example.org`;
const address = () => `192.0.2.${k++ % 250}-${Date.now().toString(36)}`;
const account = () => `login-account:${email()}`;
const MINUTE = 60;
const QUARTER_HOUR = 15 * 60;
const HOUR = 60 * 60;

/** Fails `times` times with `keys`, as the login route does: counted only when not already waiting. */
async function fail(limiter: LoginLimiter, keys: string[], times: number) {
  for (let i = 0; i < times; i++) await limiter.consume(keys);
}

/** The behaviour both stores must show; `second` is another limiter over the same store (or the same one). */
function behavesLikeALoginLimiter(limiters: () => { first: LoginLimiter; second: LoginLimiter }) {
  it("slows one address guessing at one account with a wait that grows: none, up to a minute, a quarter hour, an hour", async () => {
    const { first } = limiters();
    const keys = loginKeys(email(), address(), null).limited;
    await fail(first, keys, 2);
    expect(await first.blockedFor(keys)).toBe(0);
    await fail(first, keys, 1);
    const short = await first.blockedFor(keys);
    expect(short).toBeGreaterThan(0);
    expect(short).toBeLessThanOrEqual(MINUTE);
    await fail(first, keys, 7);
    const longer = await first.blockedFor(keys);
    expect(longer).toBeGreaterThan(MINUTE);
    expect(longer).toBeLessThanOrEqual(QUARTER_HOUR);
    await fail(first, keys, 10);
    const longest = await first.blockedFor(keys);
    expect(longest).toBeGreaterThan(QUARTER_HOUR);
    expect(longest).toBeLessThanOrEqual(HOUR);
  });

  it("never locks the account for its owner elsewhere: another address, or a browser it signed in from before", async () => {
    const { first } = limiters();
    const who = email();
    const attacker = loginKeys(who, address(), null).limited;
    await fail(first, attacker, 20);
    expect(await first.blockedFor(attacker)).toBeGreaterThan(QUARTER_HOUR);
    expect(await first.blockedFor(loginKeys(who, address(), null).limited)).toBe(0);
    expect(await first.blockedFor(loginKeys(who, address(), "device-nonce").limited)).toBe(0);
  });

  it("bounds guessing spread over many addresses: other browsers wait once an account has thirty failures, its known browsers do not", async () => {
    const { first } = limiters();
    const who = email();
    for (let i = 0; i < 29; i++) await fail(first, loginKeys(who, address(), null).limited, 1);
    expect(await first.blockedFor(loginKeys(who, address(), null).limited)).toBe(0);
    await fail(first, loginKeys(who, address(), null).limited, 1);
    const wait = await first.blockedFor(loginKeys(who, address(), null).limited);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(QUARTER_HOUR);
    expect(await first.blockedFor(loginKeys(who, address(), "owner-device").limited)).toBe(0);
  });

  it("bounds guessing across many accounts from one address at a hundred failures, not at thirty", async () => {
    const { first } = limiters();
    const from = address();
    for (let i = 0; i < 99; i++) await fail(first, loginKeys(email(), from, null).limited, 1);
    expect(await first.blockedFor(loginKeys(email(), from, null).limited)).toBe(0);
    await fail(first, loginKeys(email(), from, null).limited, 1);
    expect(await first.blockedFor(loginKeys(email(), from, null).limited)).toBeGreaterThan(0);
    // A browser that signed in to its account before is not held by its address's ceiling.
    expect(await first.blockedFor(loginKeys(email(), from, "known").limited)).toBe(0);
  });

  it("slows a known browser too, apart from everyone else: a stolen device cookie does not guess freely", async () => {
    const { first } = limiters();
    const who = email();
    const device = loginKeys(who, address(), "stolen").limited;
    await fail(first, device, 10);
    expect(await first.blockedFor(device)).toBeGreaterThan(0);
    expect(await first.blockedFor(loginKeys(who, address(), "owner").limited)).toBe(0);
    expect(await first.blockedFor(loginKeys(who, address(), null).limited)).toBe(0);
  });

  it("a sign-in clears its own pair and account counts, never the address's", async () => {
    const { first } = limiters();
    const who = email();
    const from = address();
    const keys = loginKeys(who, from, null);
    await fail(first, keys.limited, 3);
    expect(await first.blockedFor(keys.limited)).toBeGreaterThan(0);
    for (const key of keys.clearedOnSuccess) await first.reset(key);
    expect(await first.blockedFor(keys.limited)).toBe(0);
    expect(keys.clearedOnSuccess).not.toContain(`login-address:${from}`);
  });

  it("reset clears the block", async () => {
    const { first } = limiters();
    const key = account();
    for (let i = 0; i < 31; i++) await first.consume([key]);
    expect(await first.blockedFor([key])).toBeGreaterThan(0);
    await first.reset(key);
    expect(await first.blockedFor([key])).toBe(0);
    expect(await first.consume([key])).toBe(0);
    expect(await first.blockedFor([key])).toBe(0);
  });

  it("counts attempts made through either limiter of the same store", async () => {
    const { first, second } = limiters();
    const keys = loginKeys(email(), address(), null).limited;
    await fail(first, keys, 2);
    await fail(second, keys, 1);
    expect(await first.blockedFor(keys)).toBeGreaterThan(0);
    expect(await second.blockedFor(keys)).toBeGreaterThan(0);
    for (const key of keys) await second.reset(key);
    expect(await first.blockedFor(keys)).toBe(0);
  });

  it("refuses a key that no rule covers", async () => {
    const { first } = limiters();
    await expect(first.consume(["unknown-rule:x"])).rejects.toThrow(/No rate limit rule/);
  });
}

describe("login limiter in memory", () => {
  let limiter: LoginLimiter;
  beforeAll(() => {
    limiter = createLimiter(LOGIN_RULES);
  });
  behavesLikeALoginLimiter(() => ({ first: limiter, second: limiter }));

  it("keeps separate limiters apart", async () => {
    const other = createLimiter(LOGIN_RULES);
    const keys = loginKeys(email(), address(), null).limited;
    await fail(limiter, keys, 3);
    expect(await limiter.blockedFor(keys)).toBeGreaterThan(0);
    expect(await other.blockedFor(keys)).toBe(0);
  });

  it("limits invitations per user at thirty an hour", async () => {
    const invitations = createLimiter(INVITATION_RULES);
    const key = `invite-user:${email()}`;
    for (let i = 0; i < 29; i++) await invitations.consume([key]);
    expect(await invitations.blockedFor([key])).toBe(0);
    await invitations.consume([key]);
    const wait = await invitations.blockedFor([key]);
    expect(wait).toBeGreaterThan(15 * 60);
    expect(wait).toBeLessThanOrEqual(60 * 60);
  });
});

describe.skipIf(!process.env.DATABASE_URL)("login limiter on PostgreSQL", () => {
  let database: Database;
  let first: LoginLimiter;
  let second: LoginLimiter;
  beforeAll(async () => {
    database = await createTestDatabase();
    const pool = await database.pool();
    expect(pool).toBeDefined();
    first = createLimiter(LOGIN_RULES, pool);
    second = createLimiter(LOGIN_RULES, pool);
  });
  afterAll(async () => {
    await database?.close();
  });

  behavesLikeALoginLimiter(() => ({ first, second }));

  it("keeps the counters in the database", async () => {
    const key = account();
    for (let i = 0; i < 3; i++) await first.consume([key]);
    // rate-limiter-flexible stores "<rule prefix>:<key>".
    const { rows } = await sql<{ key: string; points: number }>`select key, points from rate_limit where key like ${"%" + key}`.execute(database.db);
    expect(rows).toEqual([{ key: `login-account:${key}`, points: 3 }]);
    // A limiter created afterwards, as a restarted or second server would, sees the same count.
    const third = createLimiter(LOGIN_RULES, await database.pool());
    for (let i = 0; i < 27; i++) await third.consume([key]);
    expect(await first.blockedFor([key])).toBeGreaterThan(0);
  });
});
