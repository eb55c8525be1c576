import type { Kysely } from 'kysely';
import { AuthService } from './auth/service.js';
import { AuthStore } from './auth/store.js';
import { AccessTokens } from './auth/tokens.js';
import type { DB } from './db/schema.js';
import { serverPackageDir } from './db/migrate.js';
import { UsersService } from './users/service.js';
import { UsersStore } from './users/store.js';

/** Every domain's service, built once per process from the shared infrastructure. */
export interface Services {
  packageDir: string;
  tokens: AccessTokens;
  authStore: AuthStore;
  auth: AuthService;
  users: UsersService;
}

export function buildServices(db: Kysely<DB>, jwtSecret: string): Services {
  const tokens = new AccessTokens(jwtSecret);
  const authStore = new AuthStore(db);
  return {
    packageDir: serverPackageDir(),
    tokens,
    authStore,
    auth: new AuthService(authStore, tokens),
    users: new UsersService(new UsersStore(db)),
  };
}
