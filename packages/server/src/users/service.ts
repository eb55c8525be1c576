import { conflict, badRequest, notFound, ApiError } from '../http/errors.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import type { AuthContext } from '../auth/plugin.js';
import type { SessionControl } from '../auth/sessions.js';
import { hashSecret, newSecret } from '../auth/tokens.js';
import type { Role } from '../db/schema.js';
import type { InvitationRow, UserRow, UsersStore } from './store.js';

const EMAIL = /^[^\s@]+@[^\s@]+$/;
export const INVITATION_TTL_MS = 72 * 3600 * 1000;

export type InviteResult =
  | { status: 'added'; user: UserRow }
  | { status: 'invited'; invitation: InvitationRow; token: string; acceptPath: string };

const lastAdmin = (): ApiError => new ApiError(409, 'last_admin', 'an organisation must keep at least one enabled admin');

function cleanEmail(raw: string): string {
  const email = raw.trim();
  if (!EMAIL.test(email)) throw badRequest(`"${email}" is not an e-mail address`);
  return email;
}

/**
 * People and their memberships within one organisation. An account may belong to several
 * organisations, so what one organisation's admin can do stops at that organisation: disabling
 * and removing act on the membership; the account itself is deleted only when it belongs nowhere
 * else, and its password is reset only when no other organisation shares it.
 */
export class UsersService {
  constructor(
    private readonly store: UsersStore,
    /** Absent in the CLI, which runs without the bus; sessions then end when their tokens expire. */
    private readonly sessions?: SessionControl,
  ) {}

  list(orgId: string): Promise<UserRow[]> {
    return this.store.list(orgId);
  }

  async get(orgId: string, userId: string): Promise<UserRow> {
    const user = await this.store.get(orgId, userId);
    if (!user) throw notFound('user');
    return user;
  }

  /** Creates a user with a role in one organisation. */
  async create(orgId: string, input: { email: string; password: string; role: Role; displayName?: string | null | undefined; platformAdmin?: boolean }): Promise<UserRow> {
    const email = cleanEmail(input.email);
    const problem = passwordProblem(input.password, email);
    if (problem) throw badRequest(problem);
    if (await this.store.findByEmailGlobal(email)) throw conflict(`a user with e-mail ${email} already exists`);
    const passwordHash = await hashPassword(input.password);
    const id = await this.store.transaction(async (trx) => {
      const userId = await this.store.insert(trx, { email, passwordHash, displayName: input.displayName ?? null, platformAdmin: input.platformAdmin ?? false });
      await this.store.addMembership(trx, orgId, userId, input.role);
      return userId;
    });
    return this.get(orgId, id);
  }

  /**
   * Brings someone into the organisation: an existing account is added at once; otherwise an
   * invitation is made, whose one-time token is returned here only (Muster sends no mail: the
   * admin passes the link on). The link carries the token after `#`, so it never reaches a
   * server log.
   */
  async invite(caller: AuthContext, input: { email: string; role: Role }): Promise<InviteResult> {
    const email = cleanEmail(input.email);
    const existing = await this.store.findByEmailGlobal(email);
    if (existing) {
      await this.store.transaction(async (trx) => {
        if (await this.store.isMember(caller.orgId, existing.id, trx)) throw conflict(`${email} is already a member`);
        await this.store.addMembership(trx, caller.orgId, existing.id, input.role);
      });
      await this.sessions?.changed(existing.id);
      return { status: 'added', user: await this.get(caller.orgId, existing.id) };
    }
    const token = newSecret('min');
    const invitation = await this.store
      .transaction((trx) => this.store.createInvitation(trx, caller.orgId, { email, role: input.role, tokenHash: hashSecret(token), invitedBy: caller.userId, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) }))
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === '23505') throw conflict(`${email} already has an open invitation; revoke it to send a new one`);
        throw error;
      });
    return { status: 'invited', invitation, token, acceptPath: `/accept-invite#token=${token}` };
  }

  listInvitations(orgId: string): Promise<InvitationRow[]> {
    return this.store.listInvitations(orgId);
  }

  async revokeInvitation(orgId: string, id: string): Promise<InvitationRow> {
    const row = await this.store.revokeInvitation(orgId, id);
    if (!row) throw notFound('invitation');
    return row;
  }

  /** Accepts an invitation: creates the account with the chosen password and its membership. */
  async accept(token: string, password: string, displayName: string | undefined): Promise<{ userId: string; orgId: string; role: Role }> {
    return this.store.transaction(async (trx) => {
      const invitation = await this.store.consumeInvitation(trx, hashSecret(token));
      if (!invitation) throw new ApiError(401, 'invalid_invitation', 'the invitation is not valid: unknown, already used, revoked or expired');
      // Someone may have created the account in the meantime: an admin adds existing accounts directly.
      if (await this.store.findByEmailGlobal(invitation.email, trx)) {
        throw new ApiError(409, 'account_exists', 'an account with this e-mail exists now; ask an admin of the organisation to add it');
      }
      const problem = passwordProblem(password, invitation.email);
      if (problem) throw badRequest(problem);
      const userId = await this.store.insert(trx, { email: invitation.email, passwordHash: await hashPassword(password), displayName: displayName?.trim() || null });
      await this.store.addMembership(trx, invitation.orgId, userId, invitation.role);
      await this.store.markInvitationAcceptedBy(trx, invitation.orgId, invitation.id, userId);
      return { userId, orgId: invitation.orgId, role: invitation.role };
    });
  }

  async changeRole(orgId: string, userId: string, role: Role): Promise<{ before: UserRow; after: UserRow }> {
    const before = await this.store.transaction(async (trx) => {
      await this.store.lockOrg(trx, orgId);
      const user = await this.store.get(orgId, userId, trx);
      if (!user) throw notFound('user');
      if (user.role === 'admin' && role !== 'admin' && !user.disabledAt && (await this.store.otherActiveAdmins(trx, orgId, userId)) === 0) throw lastAdmin();
      await this.store.setRole(trx, orgId, userId, role);
      return user;
    });
    await this.sessions?.changed(userId);
    return { before, after: await this.get(orgId, userId) };
  }

  /** Disables or enables the user in this organisation only; disabling ends their sessions here at once. */
  async setDisabled(orgId: string, userId: string, disabled: boolean): Promise<{ before: UserRow; after: UserRow }> {
    const before = await this.store.transaction(async (trx) => {
      await this.store.lockOrg(trx, orgId);
      const user = await this.store.get(orgId, userId, trx);
      if (!user) throw notFound('user');
      if (disabled && user.role === 'admin' && !user.disabledAt && (await this.store.otherActiveAdmins(trx, orgId, userId)) === 0) throw lastAdmin();
      await this.store.setMembershipDisabled(trx, orgId, userId, disabled);
      return user;
    });
    if (disabled) await this.sessions?.end(userId, { orgId });
    else await this.sessions?.changed(userId);
    return { before, after: await this.get(orgId, userId) };
  }

  /**
   * Removes the user from this organisation; the account itself goes too when it belongs to no
   * other organisation (and is not a platform administrator).
   */
  async remove(orgId: string, userId: string): Promise<{ before: UserRow; accountDeleted: boolean }> {
    const result = await this.store.transaction(async (trx) => {
      await this.store.lockOrg(trx, orgId);
      const user = await this.store.get(orgId, userId, trx);
      if (!user) throw notFound('user');
      if (user.role === 'admin' && !user.disabledAt && (await this.store.otherActiveAdmins(trx, orgId, userId)) === 0) throw lastAdmin();
      await this.store.removeMembership(trx, orgId, userId);
      return { before: user, accountDeleted: await this.store.deleteIfOrphaned(trx, userId) };
    });
    await this.sessions?.end(userId, { orgId });
    return result;
  }

  /**
   * An admin sets a user's password. Refused for an account that other organisations share, or
   * that is a platform administrator (unless the caller is one): one organisation's admin must not
   * be able to take over someone's access to another.
   */
  async adminResetPassword(caller: AuthContext, userId: string, password: string): Promise<void> {
    const user = await this.get(caller.orgId, userId);
    const platformAdmin = caller.kind === 'user' && caller.platformAdmin;
    if (!platformAdmin && ((await this.store.otherMemberships(userId, caller.orgId)) > 0 || (await this.store.isPlatformAdmin(userId)))) {
      // A platform administrator's password, reset by one organisation's admin, would hand over every organisation.
      throw new ApiError(409, 'shared_account', 'this account also belongs to other organisations (or administers the platform); only a platform administrator can reset its password');
    }
    const problem = passwordProblem(password, user.email);
    if (problem) throw badRequest(problem);
    await this.store.setPassword(userId, await hashPassword(password));
    await this.sessions?.end(userId);
  }

  async resetPassword(email: string, password: string): Promise<void> {
    const problem = passwordProblem(password, email);
    if (problem) throw badRequest(problem);
    if (!(await this.store.setPasswordByEmail(email, await hashPassword(password)))) throw notFound(`user ${email}`);
  }
}
