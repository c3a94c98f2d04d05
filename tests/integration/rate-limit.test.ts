import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Database } from "#db/client";
import { createLimiter, INVITATION_RULES, LOGIN_RULES, type LoginLimiter } from "~/utils/rate-limit.server";
import { createTestDatabase } from "../support/db";

let k = 0;
const account = () => `login-account:person-${Date.now().toString(36)}-${k++}@example.org`;
const address = () => `login-address:192.0.2.${k++ % 250}-${Date.now().toString(36)}`;
const FIFTEEN_MINUTES = 15 * 60;

/** The behaviour both stores must show; `second` is another limiter over the same store (or the same one). */
function behavesLikeALoginLimiter(limiters: () => { first: LoginLimiter; second: LoginLimiter }) {
  it("blocks an account key after five failures, for at most fifteen minutes", async () => {
    const { first } = limiters();
    const key = account();
    for (let i = 1; i <= 4; i++) {
      expect(await first.consume([key])).toBe(0);
      expect(await first.blockedFor([key])).toBe(0);
    }
    expect(await first.consume([key])).toBe(0);
    const wait = await first.blockedFor([key]);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(FIFTEEN_MINUTES);
    const sixth = await first.consume([key]);
    expect(sixth).toBeGreaterThan(0);
    expect(sixth).toBeLessThanOrEqual(FIFTEEN_MINUTES);
  });

  it("reset clears the block", async () => {
    const { first } = limiters();
    const key = account();
    for (let i = 0; i < 6; i++) await first.consume([key]);
    expect(await first.blockedFor([key])).toBeGreaterThan(0);
    await first.reset(key);
    expect(await first.blockedFor([key])).toBe(0);
    expect(await first.consume([key])).toBe(0);
    expect(await first.blockedFor([key])).toBe(0);
  });

  it("leaves other keys alone", async () => {
    const { first } = limiters();
    const blocked = account();
    const other = account();
    const from = address();
    for (let i = 0; i < 5; i++) await first.consume([blocked, from]);
    expect(await first.blockedFor([blocked])).toBeGreaterThan(0);
    expect(await first.blockedFor([other])).toBe(0);
    // The address has its own, higher limit: five failures do not block it.
    expect(await first.blockedFor([from])).toBe(0);
    expect(await first.blockedFor([other, from])).toBe(0);
    expect(await first.blockedFor([other, blocked])).toBeGreaterThan(0);
  });

  it("blocks an address after thirty failures across accounts", async () => {
    const { first } = limiters();
    const from = address();
    for (let i = 0; i < 29; i++) await first.consume([account(), from]);
    expect(await first.blockedFor([from])).toBe(0);
    await first.consume([account(), from]);
    expect(await first.blockedFor([from])).toBeGreaterThan(0);
    // A fresh account from that address is still refused.
    expect(await first.blockedFor([account(), from])).toBeGreaterThan(0);
  });

  it("counts attempts made through either limiter of the same store", async () => {
    const { first, second } = limiters();
    const key = account();
    for (let i = 0; i < 3; i++) await first.consume([key]);
    for (let i = 0; i < 2; i++) await second.consume([key]);
    expect(await first.blockedFor([key])).toBeGreaterThan(0);
    expect(await second.blockedFor([key])).toBeGreaterThan(0);
    await second.reset(key);
    expect(await first.blockedFor([key])).toBe(0);
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
    const key = account();
    for (let i = 0; i < 5; i++) await limiter.consume([key]);
    expect(await limiter.blockedFor([key])).toBeGreaterThan(0);
    expect(await other.blockedFor([key])).toBe(0);
  });

  it("limits invitations per user at thirty an hour", async () => {
    const invitations = createLimiter(INVITATION_RULES);
    const key = `invite-user:${account()}`;
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
    await third.consume([key]);
    await third.consume([key]);
    expect(await first.blockedFor([key])).toBeGreaterThan(0);
  });
});
