import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely's view of the tables. Hand-written, next to the migrations that define them: when a
 * migration changes a table, change its interface here in the same commit.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganizationsTable {
  id: Generated<string>;
  name: string;
  slug: string;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string | null;
  password_hash: string | null;
  is_platform_admin: Generated<boolean>;
  disabled_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** AES-256-GCM ciphertext (auth/secret-box.ts). */
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: ColumnType<string | null, number | null | undefined, number | null>;
  last_login_at: Timestamp | null;
}

export type Role = 'admin' | 'operator' | 'viewer' | 'auditor';

export interface MembershipsTable {
  org_id: string;
  user_id: string;
  role: Role;
  created_at: Generated<Date>;
  disabled_at: Timestamp | null;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: Generated<Date>;
}

export interface AuditLogTable {
  org_id: string;
  id: Generated<number>;
  at: Generated<Date>;
  actor_type: 'user' | 'api_key' | 'device' | 'system';
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: unknown;
}

export interface EnrollmentTokensTable {
  org_id: string;
  id: Generated<string>;
  name: string;
  token_hash: string;
  token_prefix: string;
  expires_at: Timestamp | null;
  max_uses: number | null;
  uses: Generated<number>;
  requires_approval: Generated<boolean>;
  revoked_at: Timestamp | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export type DeviceStatus = 'active' | 'pending' | 'retired';

export interface DevicesTable {
  org_id: string;
  id: Generated<string>;
  kind: Generated<'agent' | 'manual'>;
  status: Generated<DeviceStatus>;
  hostname: string;
  display_name: string | null;
  platform: string | null;
  os_name: string | null;
  os_version: string | null;
  os_build: string | null;
  kernel_version: string | null;
  arch: string | null;
  serial_number: string | null;
  hardware_uuid: string | null;
  machine_id: string | null;
  vendor: string | null;
  model: string | null;
  cpu_model: string | null;
  memory_bytes: number | null;
  primary_ip: string | null;
  ip_addresses: Generated<string[]>;
  mac_addresses: Generated<string[]>;
  logged_in_users: Generated<string[]>;
  agent_version: string | null;
  tags: Generated<string[]>;
  custom_fields: Generated<unknown>;
  notes: string | null;
  enrolled_at: Timestamp | null;
  enrollment_token_id: string | null;
  last_seen_at: Timestamp | null;
  last_report_at: Timestamp | null;
  state_hash: string | null;
  section_hashes: Generated<unknown>;
  full_report_requested: Generated<boolean>;
  last_sequence: Generated<number>;
  credential_hash: string | null;
  previous_credential_hash: string | null;
  credential_rotated_at: Timestamp | null;
  credential_rotation_requested_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  search_text: ColumnType<string, never, never>;
}

export interface OrgSettingsTable {
  org_id: string;
  checkin_interval_sec: Generated<number>;
  inventory_interval_sec: Generated<number>;
  metrics_interval_sec: Generated<number>;
  offline_after_sec: Generated<number>;
  metrics_retention_days: Generated<number>;
  updated_at: Generated<Date>;
}

export interface DeviceSectionsTable {
  org_id: string;
  device_id: string;
  section: string;
  hash: string;
  data: unknown;
  error: unknown;
  collected_at: Timestamp;
  changed_at: Generated<Date>;
}

export interface SoftwareTable {
  id: Generated<number>;
  source: string;
  name: string;
  version: string;
  arch: Generated<string>;
  publisher: string | null;
  purl: string | null;
  created_at: Generated<Date>;
}

export interface DeviceSoftwareTable {
  org_id: string;
  device_id: string;
  software_ids: number[];
  install_days: number[];
  hash: string;
  updated_at: Generated<Date>;
}

export interface SoftwareCountsTable {
  org_id: string;
  software_id: number;
  devices: number;
}

export interface DeviceChangesTable {
  org_id: string;
  id: Generated<number>;
  device_id: string;
  at: Timestamp;
  kind: string;
  subject: string;
  old_value: string | null;
  new_value: string | null;
}

export interface ProcessedReportsTable {
  org_id: string;
  report_id: string;
  device_id: string;
  processed_at: Generated<Date>;
}

export interface DeviceMetricsTable {
  org_id: string;
  device_id: string;
  at: Timestamp;
  cpu_percent: number | null;
  memory_percent: number | null;
  disk_percent: number | null;
  load1: number | null;
  rx_bytes: number | null;
  tx_bytes: number | null;
  process_count: number | null;
}

export type CustomFieldType = 'text' | 'number' | 'date' | 'choice';

export interface CustomFieldDefinitionsTable {
  org_id: string;
  key: string;
  label: string;
  type: CustomFieldType;
  choices: Generated<string[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DB {
  organizations: OrganizationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  server_secrets: ServerSecretsTable;
  audit_log: AuditLogTable;
  refresh_tokens: RefreshTokensTable;
  enrollment_tokens: EnrollmentTokensTable;
  devices: DevicesTable;
  org_settings: OrgSettingsTable;
  device_sections: DeviceSectionsTable;
  software: SoftwareTable;
  device_software: DeviceSoftwareTable;
  software_counts: SoftwareCountsTable;
  device_changes: DeviceChangesTable;
  processed_reports: ProcessedReportsTable;
  device_metrics: DeviceMetricsTable;
  custom_field_definitions: CustomFieldDefinitionsTable;
  invitations: InvitationsTable;
  api_keys: ApiKeysTable;
  login_throttle: LoginThrottleTable;
}

export interface RefreshTokensTable {
  id: Generated<string>;
  user_id: string;
  org_id: string;
  family_id: string;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: Generated<Date>;
  ip: string | null;
  user_agent: string | null;
}

export interface InvitationsTable {
  org_id: string;
  id: Generated<string>;
  email: string;
  role: Role;
  token_hash: string;
  invited_by: string | null;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  revoked_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface ApiKeysTable {
  org_id: string;
  id: Generated<string>;
  name: string;
  role: Role;
  key_hash: string;
  key_prefix: string;
  previous_key_hash: string | null;
  previous_expires_at: Timestamp | null;
  expires_at: Timestamp | null;
  created_by: string | null;
  last_used_at: Timestamp | null;
  rotated_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  locked_until: Timestamp | null;
}
