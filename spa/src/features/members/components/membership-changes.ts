//! Which membership changes to offer: exactly those the server allows (the member's `allowed_actions`).
import type { MemberEvent } from '@/api/types';

/** The changes recorded through 会籍变更 (joining and transfers go through requests instead). */
export type MembershipChangeKind = Extract<MemberEvent, 'suspend' | 'retain' | 'leave' | 'death' | 'restore'>;

/** The changes in display order. */
const CHANGE_ORDER: readonly MembershipChangeKind[] = ['suspend', 'retain', 'restore', 'leave', 'death'];

/** The changes offered, in display order: those of `allowed_actions`; none means no 会籍变更 button. */
export function changeOptions(allowed: readonly MemberEvent[]): MembershipChangeKind[] {
  return CHANGE_ORDER.filter((change) => allowed.includes(change));
}

/** Transfers are for active members only. */
export function canRequestTransfer(status: string): boolean {
  return status === 'active';
}
