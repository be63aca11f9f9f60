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

/** The scopes an integration may be given: all but a worker's own self-service (no account that grants scopes holds it). */
export const ALL_PERMISSIONS: Permission[] = Object.values(PERMISSIONS).filter(
  (permission) => permission !== PERMISSIONS.selfService,
);

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
