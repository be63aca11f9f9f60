//! Pure logic of the approval inbox: which statuses a tab shows, the rows of the loaded pages, and
//! which decisions a request offers (exactly its `can_*` flags).
import type { MembershipRequest, MembershipRequestPage } from '@/api/types';

export type RequestKind = 'join' | 'transfer';
export type RequestView = 'open' | 'decided';
export type RequestAction = 'release' | 'approve' | 'reject';

/** 待处理: pending (and, for transfers, released by the union left); 已处理: approved or rejected. */
export const VIEW_STATUSES: Record<RequestView, readonly string[]> = {
  open: ['pending', 'released'],
  decided: ['approved', 'rejected'],
};

/** The rows of all pages loaded, each request once (a request decided while paging may show up again). */
export function requestRows(pages: readonly Pick<MembershipRequestPage, 'items'>[] | undefined): MembershipRequest[] {
  const seen = new Set<string>();
  const rows: MembershipRequest[] = [];
  for (const item of (pages ?? []).flatMap((page) => page.items)) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    rows.push(item);
  }
  return rows;
}

/** The decisions the caller may take now, in button order: exactly what the server's `can_*` say. */
export function requestActions(request: Pick<MembershipRequest, 'can_release' | 'can_approve' | 'can_reject'>): RequestAction[] {
  const actions: RequestAction[] = [];
  if (request.can_release) actions.push('release');
  if (request.can_approve) actions.push('approve');
  if (request.can_reject) actions.push('reject');
  return actions;
}
