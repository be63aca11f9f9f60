//! Which membership changes a member's status allows (the server refuses the others with 409).

export type MembershipChangeKind = 'suspend' | 'retain' | 'leave' | 'death' | 'restore';

const BY_STATUS: Record<string, readonly MembershipChangeKind[]> = {
  active: ['suspend', 'retain', 'leave', 'death'],
  suspended: ['restore', 'leave', 'death'],
  retained: ['restore', 'leave', 'death'],
};

/** The changes offered for a status, in display order; none for left or deceased members. */
export function changeOptions(status: string): readonly MembershipChangeKind[] {
  return BY_STATUS[status] ?? [];
}

/** Transfers are for active members only. */
export function canRequestTransfer(status: string): boolean {
  return status === 'active';
}
