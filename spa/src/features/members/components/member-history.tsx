//! The 会籍变化 tab: the member's membership changes as a timeline, oldest first.
import type { Member } from '@/api/types';
import { MembershipHistoryTimeline } from '@/components/membership-history';
import { useMemberHistory } from '../api/members';

export function MemberHistory({ member }: { member: Pick<Member, 'id'> }) {
  return <MembershipHistoryTimeline history={useMemberHistory(member.id)} />;
}
