import { randomUUID } from 'node:crypto';
import { ApiError, badRequest, conflict, notFound } from '../http/errors.js';
import type { Role } from '../db/schema.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import type { AuthEvents } from './principals.js';
import type { SecretBox } from './secret-box.js';
import type { AuthStore } from './store.js';
import { LoginThrottle } from './throttle.js';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS, hashSecret, newSecret, type AccessTokens } from './tokens.js';
import { newTotpSecret, otpauthUrl, verifyTotp } from './totp.js';

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
  orgId: string;
  role: Role;
  /** For the audit log; not part of the response. */
  userId: string;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** The caller of a user-only route: a person with a login session, not an API key. */
export interface SessionCaller {
  userId: string;
  orgId: string;
  familyId: string;
}

/** Accepts an invitation (users domain) and says who joined where. */
export interface InvitationAcceptor {
  accept(token: string, password: string, displayName: string | undefined): Promise<{ userId: string; orgId: string; role: Role }>;
}

const invalidCredentials = (): ApiError => new ApiError(401, 'invalid_credentials', 'e-mail or password is wrong');

export class AuthService {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly store: AuthStore,
    private readonly tokens: AccessTokens,
    private readonly secrets: SecretBox,
    private readonly events: AuthEvents,
    private readonly invitations: InvitationAcceptor,
  ) {
    this.throttle = new LoginThrottle(store);
  }

  async login(input: { email: string; password: string; orgId?: string | undefined; totpCode?: string | undefined }, client: ClientInfo): Promise<Session> {
    // Locked or not is decided before the password is even looked at: a locked account answers
    // the same fast 429 whether it exists, and costs no argon2 time.
    await this.throttle.check(input.email, client.ip);
    const user = await this.store.findLogin(input.email);
    const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
    if (!user || !ok) {
      await this.throttle.failed(input.email, client.ip);
      throw invalidCredentials();
    }
    if (user.totpSecret) {
      if (!input.totpCode) throw new ApiError(401, 'totp_required', 'this account uses two-factor authentication: send totpCode');
      if (!(await this.checkTotp(user.id, user.totpSecret, input.totpCode))) {
        await this.throttle.failed(input.email, client.ip);
        throw new ApiError(401, 'invalid_totp', 'the two-factor code is wrong or was already used');
      }
    }
    await this.throttle.succeeded(input.email);
    if (user.disabledAt) throw new ApiError(403, 'account_disabled', 'this account is disabled');
    const memberships = await this.store.memberships(user.id);
    const membership = input.orgId ? memberships.find((m) => m.orgId === input.orgId) : memberships[0];
    if (!membership) {
      throw input.orgId ? new ApiError(403, 'not_a_member', 'you are not a member of that organisation') : new ApiError(403, 'no_organisation', 'this account belongs to no organisation');
    }
    await this.store.touchLastLogin(user.id);
    return this.issue(user.id, membership.orgId, membership.role, randomUUID(), client);
  }

  /** Rotates: the presented token is spent; presenting a spent token again revokes its whole family. */
  async refresh(refreshToken: string, client: ClientInfo): Promise<Session> {
    const token = await this.store.consumeRefreshToken(hashSecret(refreshToken));
    if (!token) throw new ApiError(401, 'invalid_refresh_token', 'refresh token is not valid');
    if (token.alreadyUsed) {
      await this.store.revokeFamily(token.familyId);
      // The family's access tokens die too (auth/principals.ts checks revoked families).
      await this.events.changed({ userIds: [token.userId] });
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

  /** Revokes the login session; returns whose it was (for the audit log), if the token was known. */
  async logout(refreshToken: string): Promise<{ userId: string; orgId: string } | undefined> {
    const owner = await this.store.tokenOwner(hashSecret(refreshToken));
    if (!owner) return undefined;
    await this.store.revokeFamily(owner.familyId);
    await this.events.changed({ userIds: [owner.userId] });
    return { userId: owner.userId, orgId: owner.orgId };
  }

  /** A new session in another organisation the user belongs to. Unknown and foreign organisations look alike: 404. */
  async switchOrg(caller: SessionCaller, orgId: string, client: ClientInfo): Promise<Session> {
    const role = await this.store.membership(caller.userId, orgId);
    if (!role) throw notFound('organisation');
    return this.issue(caller.userId, orgId, role, randomUUID(), client);
  }

  /**
   * Changes the caller's own password. Every other login session of the user ends (their refresh
   * tokens are revoked, and with them their access tokens within seconds); the caller's stays.
   */
  async changePassword(caller: SessionCaller, current: string, next: string, client: ClientInfo): Promise<void> {
    const user = await this.store.passwordHash(caller.userId);
    if (!user) throw notFound('user');
    // A stolen access token must not become an unlimited password oracle: same throttle as login.
    await this.throttle.check(user.email, client.ip);
    if (!(await verifyPassword(user.passwordHash, current))) {
      await this.throttle.failed(user.email, client.ip);
      throw new ApiError(400, 'wrong_password', 'the current password is wrong');
    }
    const problem = passwordProblem(next, user.email);
    if (problem) throw badRequest(problem);
    if (next === current) throw badRequest('the new password must differ from the current one');
    await this.store.setPassword(caller.userId, await hashPassword(next));
    await this.store.revokeUserSessions(caller.userId, { exceptFamilyId: caller.familyId });
    await this.events.changed({ userIds: [caller.userId] });
  }

  async acceptInvite(token: string, password: string, displayName: string | undefined, client: ClientInfo): Promise<Session> {
    const joined = await this.invitations.accept(token, password, displayName);
    return this.issue(joined.userId, joined.orgId, joined.role, randomUUID(), client);
  }

  // --- two-factor ------------------------------------------------------------------------------

  /** Starts enrolment: a fresh secret, shown this once; it takes effect when a code confirms it. */
  async totpSetup(caller: SessionCaller): Promise<{ secret: string; otpauthUrl: string }> {
    const state = await this.store.totpState(caller.userId);
    if (!state) throw notFound('user');
    if (state.secret) throw conflict('two-factor authentication is already enabled; disable it first to enrol a new device');
    const secret = newTotpSecret();
    await this.store.setPendingTotp(caller.userId, await this.secrets.seal(secret, caller.userId));
    return { secret, otpauthUrl: otpauthUrl(secret, state.email) };
  }

  async totpEnable(caller: SessionCaller, code: string): Promise<void> {
    const state = await this.store.totpState(caller.userId);
    if (!state) throw notFound('user');
    if (state.secret) throw conflict('two-factor authentication is already enabled');
    if (!state.pending) throw conflict('start with POST /auth/totp/setup');
    const step = verifyTotp(await this.secrets.open(state.pending, caller.userId), code);
    if (step === undefined) throw new ApiError(400, 'invalid_totp', 'the code does not match; check the device clock and try the next code');
    await this.store.enableTotp(caller.userId, step);
  }

  async totpDisable(caller: SessionCaller, code: string): Promise<void> {
    const state = await this.store.totpState(caller.userId);
    if (!state) throw notFound('user');
    if (!state.secret) throw conflict('two-factor authentication is not enabled');
    if (!(await this.checkTotp(caller.userId, state.secret, code))) throw new ApiError(400, 'invalid_totp', 'the code is wrong or was already used');
    await this.store.disableTotp(caller.userId);
  }

  private async checkTotp(userId: string, sealed: string, code: string): Promise<boolean> {
    const step = verifyTotp(await this.secrets.open(sealed, userId), code);
    return step !== undefined && (await this.store.acceptTotpStep(userId, step));
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
    const accessToken = await this.tokens.sign({ userId, orgId, role, familyId });
    return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, tokenType: 'Bearer', orgId, role, userId };
  }
}
