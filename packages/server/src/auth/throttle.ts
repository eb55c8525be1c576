import { createHash } from 'node:crypto';
import { ApiError } from '../http/errors.js';
import type { AuthStore } from './store.js';

interface Policy {
  threshold: number;
  baseSeconds: number;
  maxSeconds: number;
  resetAfterSeconds: number;
}

/** 5 failures lock an account for 1 minute, each further failure doubles it, up to 30 minutes. */
export const ACCOUNT_POLICY: Policy = { threshold: 5, baseSeconds: 60, maxSeconds: 1800, resetAfterSeconds: 3600 };
/**
 * An address gets more room than an account: a whole office behind one NAT shares it, and a
 * spray over many accounts from one address is what this catches.
 */
export const IP_POLICY: Policy = { threshold: 20, baseSeconds: 60, maxSeconds: 1800, resetAfterSeconds: 3600 };

export class LoginLockedError extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'login_locked', `too many failed attempts; try again in ${retryAfterSeconds} seconds`, { retryAfterSeconds });
  }
}

/**
 * Login throttling kept in PostgreSQL (table login_throttle), so that every server process sees
 * the same counts: an attacker gains nothing by spreading attempts over the load balancer.
 * The answer is the same whether the account exists or not: the key is the e-mail as typed.
 */
export class LoginThrottle {
  private failuresSincePrune = 0;

  constructor(private readonly store: AuthStore) {}

  static accountKey(email: string): string {
    // Hashed: a password typed into the e-mail field must not sit readable in the table.
    return `account:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
  }

  static ipKey(ip: string): string {
    return `ip:${ip}`;
  }

  /** Throws LoginLockedError (429) when the account or the address is locked now. */
  async check(email: string, ip: string | null): Promise<void> {
    const keys = [LoginThrottle.accountKey(email), ...(ip ? [LoginThrottle.ipKey(ip)] : [])];
    const until = await this.store.lockedUntil(keys);
    if (until) throw new LoginLockedError(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000)));
  }

  async failed(email: string, ip: string | null): Promise<void> {
    await this.store.recordFailure(LoginThrottle.accountKey(email), ACCOUNT_POLICY);
    if (ip) await this.store.recordFailure(LoginThrottle.ipKey(ip), IP_POLICY);
    // Attempts at made-up addresses leave rows behind: sweep old ones now and then.
    if (++this.failuresSincePrune >= 100) {
      this.failuresSincePrune = 0;
      await this.store.pruneFailures(ACCOUNT_POLICY.resetAfterSeconds);
    }
  }

  /** A success clears the account's count, not the address's: logging into one's own account must not reset a spray. */
  async succeeded(email: string): Promise<void> {
    await this.store.clearFailures(LoginThrottle.accountKey(email));
  }
}
