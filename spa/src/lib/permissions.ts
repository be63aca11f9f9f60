//! Permission strings as `GET /api/v1/me` lists them (see docs/API-CONTRACT.md).
import type { Me } from '@/api/types';

export type Permission = Me['permissions'][number];

export const PERMISSIONS = {
  organisationsRead: 'organisations:read',
  organisationsWrite: 'organisations:write',
  organisationsUpdate: 'organisations:update',
  accountsRead: 'accounts:read',
  accountsWrite: 'accounts:write',
  auditRead: 'audit:read',
  membersRead: 'members:read',
  membersWrite: 'members:write',
  membersReveal: 'members:reveal',
  hardshipRead: 'hardship:read',
  hardshipWrite: 'hardship:write',
  hardshipReview: 'hardship:review',
  selfService: 'self:membership',
  coursesRead: 'courses:read',
  coursesWrite: 'courses:write',
} as const satisfies Record<string, Permission>;

/**
 * The scopes an integration may be given (the API's `Permission::INTEGRATION_GRANTABLE`, which refuses any
 * other with 422): a third-party system reads and keeps in step organisations, members and courses, and
 * never manages accounts, reads the audit log, reveals personal numbers or sees hardship files.
 */
export const INTEGRATION_SCOPES: Permission[] = [
  PERMISSIONS.organisationsRead,
  PERMISSIONS.organisationsWrite,
  PERMISSIONS.organisationsUpdate,
  PERMISSIONS.membersRead,
  PERMISSIONS.membersWrite,
  PERMISSIONS.coursesRead,
  PERMISSIONS.coursesWrite,
];

export function hasPermission(me: Pick<Me, 'permissions'> | null | undefined, permission: Permission): boolean {
  return !!me && me.permissions.includes(permission);
}

/** Whether the user holds one of the permissions (pages open to staff and to workers alike). */
export function hasAnyPermission(
  me: Pick<Me, 'permissions'> | null | undefined,
  permissions: Permission | readonly Permission[],
): boolean {
  const wanted: readonly Permission[] = typeof permissions === 'string' ? [permissions] : permissions;
  return wanted.some((permission) => hasPermission(me, permission));
}

/** May edit an organisation's fields (`organisations:write` includes update). */
export function canUpdateOrganisation(me: Pick<Me, 'permissions'> | null | undefined): boolean {
  return hasPermission(me, PERMISSIONS.organisationsWrite) || hasPermission(me, PERMISSIONS.organisationsUpdate);
}
