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
}

export type Role = 'admin' | 'operator' | 'viewer' | 'auditor';

export interface MembershipsTable {
  org_id: string;
  user_id: string;
  role: Role;
  created_at: Generated<Date>;
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

export interface DB {
  organizations: OrganizationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  server_secrets: ServerSecretsTable;
  audit_log: AuditLogTable;
  refresh_tokens: RefreshTokensTable;
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
