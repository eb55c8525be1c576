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

/** True when `holder` has every permission of `wanted`: a grant may never exceed its grantor. */
export function roleCovers(holder: Role, wanted: Role): boolean {
  for (const permission of ROLE_PERMISSIONS[wanted]) if (!ROLE_PERMISSIONS[holder].has(permission)) return false;
  return true;
}

/**
 * The largest role within both `a` and `b` (operator and auditor meet at viewer). An API key acts
 * with this of its own role and its creator's current one, so demoting a person demotes their keys.
 */
export function roleWithin(a: Role, b: Role): Role {
  let best: Role | undefined;
  for (const role of ROLES) {
    if (roleCovers(a, role) && roleCovers(b, role) && (!best || ROLE_PERMISSIONS[role].size > ROLE_PERMISSIONS[best].size)) best = role;
  }
  // Every role includes viewer's permissions today; should that change, fail closed rather than guess.
  if (!best) throw new Error(`no role lies within both ${a} and ${b}`);
  return best;
}
