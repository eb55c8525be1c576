import type { Bus, Listener } from '../bus/types.js';
import type { Role } from '../db/schema.js';
import type { AuthStore, PrincipalRow } from './store.js';

/** Announced when a user's access changes (disabled, removed, role changed, sessions revoked) or an API key changes. */
export const AUTH_CHANGED_TOPIC = 'auth.changed';

export interface AuthChange {
  userIds?: string[];
  apiKeyIds?: string[];
}

const TTL_MS = 5_000;
const MAX_ENTRIES = 100_000;

export interface Principal {
  /** The current role in the organisation, or null when the user may not act there (no membership, disabled, deleted). */
  role: Role | null;
  platformAdmin: boolean;
  revokedFamilies: ReadonlySet<string>;
}

/**
 * Access tokens live 15 minutes, but a disabled or deleted user, a removed membership or a
 * revoked session must stop working within seconds. Each request checks the user's current
 * state through this per-process cache: entries live at most 5 seconds, and a change announced
 * on the bus (AUTH_CHANGED_TOPIC) drops them in every process at once.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, { value: Principal; until: number }>();
  private readonly apiKeyListeners: Array<(ids: string[]) => void> = [];

  constructor(
    private readonly store: AuthStore,
    private readonly now: () => number = Date.now,
  ) {}

  listen(bus: Bus): Promise<Listener> {
    return bus.listen(AUTH_CHANGED_TOPIC, (_topic, payload) => this.apply(payload as AuthChange | null));
  }

  /** Other caches of credentials (API keys) hear about changes through the same notification. */
  onApiKeysChanged(listener: (ids: string[]) => void): void {
    this.apiKeyListeners.push(listener);
  }

  async get(userId: string, orgId: string): Promise<Principal> {
    const key = `${userId}:${orgId}`;
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = toPrincipal(await this.store.principal(userId, orgId));
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value, until: now + TTL_MS });
    return value;
  }

  apply(change: AuthChange | null): void {
    const userIds = Array.isArray(change?.userIds) ? change.userIds.filter((id): id is string => typeof id === 'string') : [];
    if (userIds.length) {
      const prefixes = userIds.map((id) => `${id}:`);
      for (const key of this.entries.keys()) if (prefixes.some((p) => key.startsWith(p))) this.entries.delete(key);
    }
    const keyIds = Array.isArray(change?.apiKeyIds) ? change.apiKeyIds.filter((id): id is string => typeof id === 'string') : [];
    if (keyIds.length) for (const listener of this.apiKeyListeners) listener(keyIds);
  }
}

function toPrincipal(row: PrincipalRow): Principal {
  const usable = row.exists && !row.userDisabled && !row.membershipDisabled && row.role !== null;
  return { role: usable ? row.role : null, platformAdmin: row.exists && !row.userDisabled && row.platformAdmin, revokedFamilies: new Set(row.revokedFamilies) };
}

/**
 * Announces access changes: drops this process's entries at once (the notification may take a
 * moment to come back) and tells every other process through the bus.
 */
export class AuthEvents {
  constructor(
    private readonly principals: PrincipalCache,
    private readonly bus: Bus,
    private readonly onError: (error: unknown) => void,
  ) {}

  async changed(change: AuthChange): Promise<void> {
    this.principals.apply(change);
    await this.bus.notify(AUTH_CHANGED_TOPIC, change).catch(this.onError);
  }
}
