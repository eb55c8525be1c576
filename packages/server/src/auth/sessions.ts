import type { AuthEvents } from './principals.js';
import type { AuthStore } from './store.js';

/**
 * What other domains may do to login sessions: end them, and announce that a user's access
 * changed. Ending a session revokes its refresh tokens; its access tokens stop within seconds
 * because each request checks for revoked sessions (auth/principals.ts).
 */
export class SessionControl {
  constructor(
    private readonly store: AuthStore,
    private readonly events: AuthEvents,
  ) {}

  /** Ends the user's sessions: all of them, or only those in one organisation. */
  async end(userId: string, options: { orgId?: string } = {}): Promise<void> {
    await this.store.revokeUserSessions(userId, options);
    await this.events.changed({ userIds: [userId] });
  }

  /** The user's role or membership changed: drop cached access decisions everywhere. */
  async changed(userId: string): Promise<void> {
    await this.events.changed({ userIds: [userId] });
  }
}
