import type { Kysely } from 'kysely';
import type pino from 'pino';
import { AuthService } from './auth/service.js';
import { AuthStore } from './auth/store.js';
import { AccessTokens } from './auth/tokens.js';
import type { Bus } from './bus/types.js';
import type { DB } from './db/schema.js';
import { serverPackageDir } from './db/migrate.js';
import { DeviceAuth } from './devices/device-auth.js';
import { LastSeenWriter } from './devices/last-seen.js';
import { DevicesStore } from './devices/store.js';
import { EnrollmentService } from './enrollment/service.js';
import { EnrollmentStore } from './enrollment/store.js';
import { SoftwareCatalog } from './inventory/catalog.js';
import { IngestWorker } from './inventory/ingest.js';
import { MetricsPartitions } from './inventory/partitions.js';
import { InventoryStore } from './inventory/store.js';
import { OrgSettingsStore } from './orgs/settings.js';
import { UsersService } from './users/service.js';
import { UsersStore } from './users/store.js';

/** Every domain's service, built once per process from the shared infrastructure. */
export interface Services {
  packageDir: string;
  db: Kysely<DB>;
  bus: Bus;
  tokens: AccessTokens;
  authStore: AuthStore;
  auth: AuthService;
  users: UsersService;
  settings: OrgSettingsStore;
  devicesStore: DevicesStore;
  deviceAuth: DeviceAuth;
  lastSeen: LastSeenWriter;
  enrollment: EnrollmentService;
  partitions: MetricsPartitions;
  ingest: IngestWorker;
}

export function buildServices(deps: { db: Kysely<DB>; bus: Bus; jwtSecret: string; log: pino.Logger }): Services {
  const { db, bus, log } = deps;
  const tokens = new AccessTokens(deps.jwtSecret);
  const authStore = new AuthStore(db);
  const settings = new OrgSettingsStore(db);
  const devicesStore = new DevicesStore(db);
  const partitions = new MetricsPartitions(db, () => settings.maxRetentionDays());
  return {
    packageDir: serverPackageDir(),
    db,
    bus,
    tokens,
    authStore,
    auth: new AuthService(authStore, tokens),
    users: new UsersService(new UsersStore(db)),
    settings,
    devicesStore,
    deviceAuth: new DeviceAuth(devicesStore),
    lastSeen: new LastSeenWriter(devicesStore, log),
    enrollment: new EnrollmentService(new EnrollmentStore(db), devicesStore, settings),
    partitions,
    ingest: new IngestWorker(new InventoryStore(db), new SoftwareCatalog(db), partitions, bus, log),
  };
}
