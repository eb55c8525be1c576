import { randomUUID } from 'node:crypto';
import { ApiError } from '../http/errors.js';
import type { Role } from '../db/schema.js';
import { verifyPassword } from './passwords.js';
import type { AuthStore } from './store.js';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS, hashSecret, newSecret, type AccessTokens } from './tokens.js';

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
  orgId: string;
  role: Role;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

const invalidCredentials = (): ApiError => new ApiError(401, 'invalid_credentials', 'e-mail or password is wrong');

export class AuthService {
  constructor(
    private readonly store: AuthStore,
    private readonly tokens: AccessTokens,
  ) {}

  async login(email: string, password: string, orgId: string | undefined, client: ClientInfo): Promise<Session> {
    const user = await this.store.findLogin(email);
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok) throw invalidCredentials();
    if (user.disabledAt) throw new ApiError(403, 'account_disabled', 'this account is disabled');
    const memberships = await this.store.memberships(user.id);
    const membership = orgId ? memberships.find((m) => m.orgId === orgId) : memberships[0];
    if (!membership) {
      throw orgId ? new ApiError(403, 'not_a_member', 'you are not a member of that organisation') : new ApiError(403, 'no_organisation', 'this account belongs to no organisation');
    }
    return this.issue(user.id, membership.orgId, membership.role, randomUUID(), client);
  }

  /** Rotates: the presented token is spent; presenting a spent token again revokes its whole family. */
  async refresh(refreshToken: string, client: ClientInfo): Promise<Session> {
    const token = await this.store.consumeRefreshToken(hashSecret(refreshToken));
    if (!token) throw new ApiError(401, 'invalid_refresh_token', 'refresh token is not valid');
    if (token.alreadyUsed) {
      await this.store.revokeFamily(token.familyId);
      throw new ApiError(401, 'refresh_token_reused', 'refresh token was already used; every session of this login is revoked');
    }
    if (token.revoked) throw new ApiError(401, 'invalid_refresh_token', 'refresh token was revoked');
    if (token.expiresAt.getTime() <= Date.now()) throw new ApiError(401, 'refresh_token_expired', 'refresh token expired; log in again');
    const role = await this.store.membership(token.userId, token.orgId);
    if (!role) {
      await this.store.revokeFamily(token.familyId);
      throw new ApiError(401, 'invalid_refresh_token', 'the account or its membership no longer exists');
    }
    return this.issue(token.userId, token.orgId, role, token.familyId, client);
  }

  async logout(refreshToken: string): Promise<void> {
    const familyId = await this.store.familyOf(hashSecret(refreshToken));
    if (familyId) await this.store.revokeFamily(familyId);
  }

  private async issue(userId: string, orgId: string, role: Role, familyId: string, client: ClientInfo): Promise<Session> {
    const refreshToken = newSecret('mrt');
    await this.store.insertRefreshToken({
      userId,
      orgId,
      familyId,
      tokenHash: hashSecret(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 512) ?? null,
    });
    const accessToken = await this.tokens.sign({ userId, orgId, role });
    return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, tokenType: 'Bearer', orgId, role };
  }
}
