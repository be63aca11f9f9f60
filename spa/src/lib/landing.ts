//! Where `/` (and a fresh login) leads: a worker's own membership for member accounts, the organisation
//! tree for everyone else.
import type { Me } from '@/api/types';
import { hasPermission, PERMISSIONS } from './permissions';

export const MY_MEMBERSHIP_PATH = '/me';

export function landingPath(me: Pick<Me, 'permissions'> | null | undefined): string {
  if (hasPermission(me, PERMISSIONS.selfService) && !hasPermission(me, PERMISSIONS.membersRead)) {
    return MY_MEMBERSHIP_PATH;
  }
  return '/organisations';
}
