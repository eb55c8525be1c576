import type { Role } from '../db/schema.js';

/**
 * Permissions are `resource:action` strings; every /api/v1 route declares the one it needs and one
 * hook checks it (see auth/plugin.ts). Roles are fixed bundles of permissions.
 */
export const PERMISSIONS = [
  'devices:read',
  'devices:write',
  'software:read',
  'groups:read',
  'groups:write',
  'jobs:read',
  'jobs:write',
  'packages:read',
  'packages:write',
  'deployments:read',
  'deployments:write',
  'alerts:read',
  'alerts:write',
  'vulns:read',
  'enrollment:read',
  'enrollment:write',
  'users:read',
  'users:write',
  'apikeys:read',
  'apikeys:write',
  'org:read',
  'org:write',
  'audit:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = PERMISSIONS.filter((p) => p.endsWith(':read') && p !== 'audit:read' && p !== 'apikeys:read' && p !== 'users:read');
const OPERATE: Permission[] = ['devices:write', 'groups:write', 'jobs:write', 'packages:write', 'deployments:write', 'alerts:write', 'enrollment:write'];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  operator: new Set([...READ, ...OPERATE]),
  viewer: new Set(READ),
  auditor: new Set([...READ, 'audit:read', 'users:read', 'apikeys:read']),
};

export const ROLES: Role[] = ['admin', 'operator', 'viewer', 'auditor'];

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
