//! Pure logic of the approval inbox: which statuses a tab shows, the rows of the loaded pages, and
//! which decisions a request offers (exactly its `allowed_actions`).
import type { MembershipRequest, MembershipRequestPage, RequestEvent } from '@/api/types';

export type RequestKind = 'join' | 'transfer';
export type RequestView = 'open' | 'decided';

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

/** The decision buttons in display order. */
const ACTION_ORDER: readonly RequestEvent[] = ['release', 'approve', 'reject'];

/** The decisions the caller may take now, in button order: exactly the server's `allowed_actions`. */
export function requestActions(request: Pick<MembershipRequest, 'allowed_actions'>): RequestEvent[] {
  return ACTION_ORDER.filter((action) => request.allowed_actions.includes(action));
}
