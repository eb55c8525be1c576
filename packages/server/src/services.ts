import type { Kysely } from 'kysely';
import type pino from 'pino';
import { CustomFieldsService } from './assets/service.js';
import { CustomFieldsStore } from './assets/store.js';
import { ApiKeysService } from './apikeys/service.js';
import { ApiKeysStore } from './apikeys/store.js';
import { AuditService } from './audit/service.js';
import { AuditStore } from './audit/store.js';
import { DeviceCredentials } from './auth/device-credentials.js';
import { AuthEvents, PrincipalCache } from './auth/principals.js';
import { SecretBox } from './auth/secret-box.js';
import { AuthService } from './auth/service.js';
import { SessionControl } from './auth/sessions.js';
import { AuthStore } from './auth/store.js';
import { AccessTokens } from './auth/tokens.js';
import type { Bus } from './bus/types.js';
import type { DB } from './db/schema.js';
import { serverPackageDir } from './db/migrate.js';
import { DeviceAuth } from './devices/device-auth.js';
import { LastSeenWriter } from './devices/last-seen.js';
import { DeviceQueryStore } from './devices/query-store.js';
import { DevicesService } from './devices/service.js';
import { DevicesStore } from './devices/store.js';
import { EnrollmentService } from './enrollment/service.js';
import { EnrollmentStore } from './enrollment/store.js';
import { FleetService } from './fleet/service.js';
import { FleetStore } from './fleet/store.js';
import { SoftwareCatalog } from './inventory/catalog.js';
import { IngestWorker } from './inventory/ingest.js';
import { MetricsPartitions } from './inventory/partitions.js';
import { InventoryStore } from './inventory/store.js';
import { sharedSecret } from './orgs/bootstrap.js';
import { OrgsService } from './orgs/service.js';
import { OrgSettingsStore } from './orgs/settings.js';
import { OrgsStore } from './orgs/store.js';
import { SoftwareService } from './software/service.js';
import { SoftwareStore } from './software/store.js';
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
  /** Current role and state of each caller, cached ≤ 5 s; app.ts subscribes it to the bus. */
  principals: PrincipalCache;
  apiKeys: ApiKeysService;
  orgs: OrgsService;
  audit: AuditService;
  deviceCredentials: DeviceCredentials;
  users: UsersService;
  settings: OrgSettingsStore;
  devicesStore: DevicesStore;
  deviceAuth: DeviceAuth;
  lastSeen: LastSeenWriter;
  enrollment: EnrollmentService;
  partitions: MetricsPartitions;
  ingest: IngestWorker;
  customFields: CustomFieldsService;
  software: SoftwareService;
  devices: DevicesService;
  fleet: FleetService;
}

/**
 * `db` runs organisation-scoped inside a request (row-level security); `systemDb` is the owner
 * role for what spans organisations: sessions and sign-in, server secrets, metrics partitions,
 * ingest.
 */
export function buildServices(deps: { db: Kysely<DB>; systemDb: Kysely<DB>; bus: Bus; jwtSecret: string; log: pino.Logger }): Services {
  const { db, systemDb, bus, log } = deps;
  const tokens = new AccessTokens(deps.jwtSecret);
  const authStore = new AuthStore(systemDb);
  const principals = new PrincipalCache(authStore);
  const authEvents = new AuthEvents(principals, bus, (error) => log.warn({ err: error }, 'could not announce an access change'));
  const users = new UsersService(new UsersStore(db), new SessionControl(authStore, authEvents));
  // TOTP seeds are sealed with a key of their own, not the JWT secret (which may come from the environment and be changed).
  const secretBox = new SecretBox(() => sharedSecret(systemDb, 'data_encryption_key'));
  const audit = new AuditService(new AuditStore(db), log);
  const settings = new OrgSettingsStore(db);
  const devicesStore = new DevicesStore(db);
  const deviceAuth = new DeviceAuth(devicesStore);
  const partitions = new MetricsPartitions(systemDb, () => settings.maxRetentionDays(systemDb));
  const customFields = new CustomFieldsService(new CustomFieldsStore(db));
  const software = new SoftwareService(new SoftwareStore(db));
  return {
    packageDir: serverPackageDir(),
    db,
    bus,
    tokens,
    authStore,
    auth: new AuthService(authStore, tokens, secretBox, authEvents, users),
    principals,
    apiKeys: new ApiKeysService(new ApiKeysStore(db), principals, authEvents, log),
    orgs: new OrgsService(new OrgsStore(db)),
    audit,
    deviceCredentials: new DeviceCredentials(devicesStore, deviceAuth, audit, log),
    users,
    settings,
    devicesStore,
    deviceAuth,
    lastSeen: new LastSeenWriter(devicesStore, log),
    enrollment: new EnrollmentService(new EnrollmentStore(db), deviceAuth, settings),
    partitions,
    ingest: new IngestWorker(new InventoryStore(systemDb), new SoftwareCatalog(systemDb), partitions, bus, log),
    customFields,
    software,
    devices: new DevicesService(new DeviceQueryStore(db), settings, software, customFields, deviceAuth),
    fleet: new FleetService(new FleetStore(db), settings, software),
  };
}
