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

export const LOGIN_RULES: LimitRule[] = [
  { prefix: "login-account", points: 5, durationSeconds: 15 * 60 },
  { prefix: "login-address", points: 30, durationSeconds: 15 * 60 },
];
export const INVITATION_RULES: LimitRule[] = [{ prefix: "invite-user", points: 30, durationSeconds: 60 * 60 }];
