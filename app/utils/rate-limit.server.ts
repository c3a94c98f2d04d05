import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Pool } from "pg";

/**
 * Login and invitation limits. With PostgreSQL the counters live in the database so
 * that every app server sees the same counts; PGlite runs in one process, so memory is
 * the same thing there. See docs/decisions/0005-rate-limits.md.
 */
export interface LoginLimiter {
  /** Seconds until the key may try again, or 0 if it may try now. */
  blockedFor(keys: string[]): Promise<number>;
  /** Counts one attempt against every key; returns seconds blocked if any limit is now reached. */
  consume(keys: string[]): Promise<number>;
  reset(key: string): Promise<void>;
}

export interface LimitRule {
  prefix: string;
  points: number;
  durationSeconds: number;
}

export function createLimiter(rules: LimitRule[], pool?: Pool): LoginLimiter {
  const limiters = new Map<string, RateLimiterAbstract>();
  for (const rule of rules) {
    const options = { keyPrefix: rule.prefix, points: rule.points, duration: rule.durationSeconds };
    let limiter: RateLimiterAbstract;
    if (pool) {
      // The table is made by migration 0061: the server's role may not create tables.
      limiter = new RateLimiterPostgres({
        ...options,
        storeClient: pool,
        storeType: "pool",
        tableName: "rate_limit",
        tableCreated: true,
        clearExpiredByTimeout: true,
      });
    } else {
      limiter = new RateLimiterMemory(options);
    }
    limiters.set(rule.prefix, limiter);
  }
  const pick = (key: string) => {
    const limiter = limiters.get(key.split(":", 1)[0]);
    if (!limiter) throw new Error(`No rate limit rule for ${key}`);
    return limiter;
  };
  return {
    async blockedFor(keys) {
      let wait = 0;
      for (const key of keys) {
        const limiter = pick(key);
        const res = await limiter.get(key);
        if (res && res.consumedPoints >= limiter.points) wait = Math.max(wait, Math.ceil(res.msBeforeNext / 1000));
      }
      return wait;
    },
    async consume(keys) {
      let wait = 0;
      for (const key of keys) {
        try {
          await pick(key).consume(key);
        } catch (e) {
          if (e instanceof RateLimiterRes) wait = Math.max(wait, Math.ceil(e.msBeforeNext / 1000));
          else throw e;
        }
      }
      return wait;
    },
    async reset(key) {
      await pick(key).delete(key);
    },
  };
}

/**
 * Login limits after OWASP's guidance (docs/decisions/0073-login-throttling.md): no one can lock an account or a
 * whole address out. Guesses from one address at one account wait longer and longer (three free, then up to a
 * minute; after ten, up to a quarter of an hour; after twenty, up to an hour). A browser that signed in to the
 * account before (device cookie) is counted on its own, so its owner gets in while guessing from elsewhere stays
 * slow; all other browsers share a ceiling per account and per address, which bounds guessing spread over many
 * addresses or many accounts.
 */
export const LOGIN_RULES: LimitRule[] = [
  { prefix: "login-pair", points: 3, durationSeconds: 60 },
  { prefix: "login-pair-slower", points: 10, durationSeconds: 15 * 60 },
  { prefix: "login-pair-slowest", points: 20, durationSeconds: 60 * 60 },
  { prefix: "login-account", points: 30, durationSeconds: 15 * 60 },
  { prefix: "login-address", points: 100, durationSeconds: 15 * 60 },
  { prefix: "login-device", points: 10, durationSeconds: 15 * 60 },
];

export interface LoginKeys {
  /** Counted on every failure, checked before every attempt. */
  limited: string[];
  /** Cleared when the account signs in: its owner's own mistakes are forgiven, the address's ceiling is not. */
  clearedOnSuccess: string[];
}

/**
 * The keys of a login attempt for `email` (normalised, known or not: limits reveal nothing) from `address`,
 * `device` being the nonce of a valid device cookie for that account, or null.
 */
export function loginKeys(email: string, address: string, device: string | null): LoginKeys {
  if (device) {
    const key = `login-device:${device}|${email}`;
    return { limited: [key], clearedOnSuccess: [key] };
  }
  const pair = `${email}|${address}`;
  const pairKeys = ["login-pair", "login-pair-slower", "login-pair-slowest"].map((p) => `${p}:${pair}`);
  return { limited: [...pairKeys, `login-account:${email}`, `login-address:${address}`], clearedOnSuccess: [...pairKeys, `login-account:${email}`] };
}

export const INVITATION_RULES: LimitRule[] = [{ prefix: "invite-user", points: 30, durationSeconds: 60 * 60 }];
