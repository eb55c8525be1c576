import type pino from 'pino';
import type { ApiKeyAuth, ApiKeyAuthenticator, AuthContext } from '../auth/plugin.js';
import { API_KEY_PREFIX } from '../auth/plugin.js';
import { roleCovers, roleWithin } from '../auth/permissions.js';
import type { AuthEvents, PrincipalCache } from '../auth/principals.js';
import { hashSecret, newSecret } from '../auth/tokens.js';
import type { Role } from '../db/schema.js';
import { ApiError, badRequest, forbidden, notFound } from '../http/errors.js';
import type { ApiKeyCredential, ApiKeyRow, ApiKeysStore } from './store.js';

export const DEFAULT_GRACE_SECONDS = 24 * 3600;
export const MAX_GRACE_SECONDS = 7 * 24 * 3600;
const CACHE_TTL_MS = 5_000;
const CACHE_MAX = 50_000;
const LAST_USED_EVERY_MS = 60_000;
/** Characters of the key shown in lists: enough to tell keys apart, far too few to guess the rest. */
const PREFIX_LENGTH = 12;

export type ApiKeyWithSecret = ApiKeyRow & { key: string };

const invalidKey = (): ApiError => new ApiError(401, 'invalid_api_key', 'API key is not valid (unknown, revoked, expired or rotated away)');

/**
 * API keys for automation: shown once, stored as SHA-256, scoped to one organisation with a role
 * that never exceeds their creator's, optionally expiring, rotatable with a grace period.
 */
export class ApiKeysService implements ApiKeyAuthenticator {
  private readonly cache = new Map<string, { credential: ApiKeyCredential | undefined; until: number }>();
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly store: ApiKeysStore,
    private readonly principals: PrincipalCache,
    private readonly events: AuthEvents,
    private readonly log: pino.Logger,
  ) {
    principals.onApiKeysChanged((ids) => this.forget(ids));
  }

  async create(caller: AuthContext, input: { name: string; role: Role; expiresAt?: string | undefined }): Promise<ApiKeyWithSecret> {
    this.checkGrant(caller, input.role);
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && Number.isNaN(expiresAt.getTime())) throw badRequest('expiresAt is not a valid date');
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw badRequest('expiresAt must be in the future');
    const name = input.name.trim();
    if (!name) throw badRequest('name must not be empty');
    const key = newSecret('mak');
    const row = await this.store.create(caller.orgId, { name, role: input.role, keyHash: hashSecret(key), keyPrefix: key.slice(0, PREFIX_LENGTH), expiresAt, createdBy: caller.userId });
    return { ...row, key };
  }

  list(orgId: string): Promise<ApiKeyRow[]> {
    return this.store.list(orgId);
  }

  async get(orgId: string, id: string): Promise<ApiKeyRow> {
    const row = await this.store.get(orgId, id);
    if (!row) throw notFound('API key');
    return row;
  }

  async revoke(orgId: string, id: string): Promise<ApiKeyRow> {
    const row = await this.store.revoke(orgId, id);
    if (!row) throw notFound('API key');
    await this.events.changed({ apiKeyIds: [id] });
    return row;
  }

  /** A new secret; the old one keeps working for `graceSeconds` (0: stops at once). */
  async rotate(caller: AuthContext, id: string, graceSeconds = DEFAULT_GRACE_SECONDS): Promise<ApiKeyWithSecret> {
    const existing = await this.store.get(caller.orgId, id);
    if (!existing) throw notFound('API key');
    if (existing.revokedAt) throw new ApiError(409, 'api_key_revoked', 'a revoked API key cannot be rotated');
    // Rotating hands out a secret with the key's role: the caller must be allowed to grant it.
    this.checkGrant(caller, existing.role);
    const key = newSecret('mak');
    const previousExpiresAt = graceSeconds > 0 ? new Date(Date.now() + graceSeconds * 1000) : null;
    const row = await this.store.rotate(caller.orgId, id, { keyHash: hashSecret(key), keyPrefix: key.slice(0, PREFIX_LENGTH), previousExpiresAt });
    if (!row) throw notFound('API key');
    await this.events.changed({ apiKeyIds: [id] });
    return { ...row, key };
  }

  async authenticate(secret: string): Promise<ApiKeyAuth> {
    if (!secret.startsWith(API_KEY_PREFIX) || secret.length > 128) throw invalidKey();
    const hash = hashSecret(secret);
    const now = Date.now();
    let entry = this.cache.get(hash);
    if (!entry || entry.until <= now) {
      entry = { credential: await this.store.findBySecretHash(hash), until: now + CACHE_TTL_MS };
      if (this.cache.size >= CACHE_MAX) this.cache.clear();
      this.cache.set(hash, entry);
    }
    const key = entry.credential;
    if (!key) throw invalidKey();
    if (key.expiresAt && key.expiresAt.getTime() <= now) throw new ApiError(401, 'api_key_expired', 'API key has expired');
    if (key.graceUntil && key.graceUntil.getTime() <= now) throw invalidKey();
    // The key acts for its creator: gone, disabled or removed from the organisation, the key stops;
    // demoted, the key is demoted with them.
    const creator = key.createdBy ? await this.principals.get(key.createdBy, key.orgId) : undefined;
    if (!key.createdBy || !creator?.role) throw new ApiError(401, 'invalid_api_key', 'the user who created this API key can no longer act in its organisation');
    this.noteUse(key);
    return { kind: 'api_key', keyId: key.id, userId: key.createdBy, orgId: key.orgId, role: roleWithin(key.role, creator.role) };
  }

  private checkGrant(caller: AuthContext, role: Role): void {
    if (!roleCovers(caller.role, role)) throw forbidden(`an API key cannot have more than its creator's role (${caller.role}); ${role} is more`);
  }

  private noteUse(key: ApiKeyCredential): void {
    const now = Date.now();
    if ((this.lastUsedWritten.get(key.id) ?? 0) > now - LAST_USED_EVERY_MS) return;
    if (this.lastUsedWritten.size >= CACHE_MAX) this.lastUsedWritten.clear();
    this.lastUsedWritten.set(key.id, now);
    // Off the request path: a slow write must not slow the call, a failed one only loses a timestamp.
    this.store.touchLastUsed(key.orgId, key.id).catch((error: unknown) => this.log.warn({ err: error, apiKeyId: key.id }, 'could not record API key use'));
  }

  private forget(ids: string[]): void {
    const set = new Set(ids);
    for (const [hash, entry] of this.cache) if (entry.credential && set.has(entry.credential.id)) this.cache.delete(hash);
  }
}
