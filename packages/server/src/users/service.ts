import { conflict, badRequest, notFound } from '../http/errors.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import type { Role } from '../db/schema.js';
import type { UserRow, UsersStore } from './store.js';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export class UsersService {
  constructor(private readonly store: UsersStore) {}

  list(orgId: string): Promise<UserRow[]> {
    return this.store.list(orgId);
  }

  /** Creates a user with a role in one organisation. */
  async create(orgId: string, input: { email: string; password: string; role: Role; displayName?: string | null; platformAdmin?: boolean }): Promise<UserRow> {
    const email = input.email.trim();
    if (!EMAIL.test(email)) throw badRequest(`"${email}" is not an e-mail address`);
    const problem = passwordProblem(input.password, email);
    if (problem) throw badRequest(problem);
    if (await this.store.findByEmailGlobal(email)) throw conflict(`a user with e-mail ${email} already exists`);
    const passwordHash = await hashPassword(input.password);
    const id = await this.store.transaction(async (trx) => {
      const userId = await this.store.insert(trx, { email, passwordHash, displayName: input.displayName ?? null, platformAdmin: input.platformAdmin ?? false });
      await this.store.addMembership(trx, orgId, userId, input.role);
      return userId;
    });
    const user = await this.store.get(orgId, id);
    if (!user) throw notFound('user');
    return user;
  }

  async resetPassword(email: string, password: string): Promise<void> {
    const problem = passwordProblem(password, email);
    if (problem) throw badRequest(problem);
    if (!(await this.store.setPasswordByEmail(email, await hashPassword(password)))) throw notFound(`user ${email}`);
  }
}
