import { describe, expect, it } from 'vitest';
import type { MembershipRequest } from '@/api/types';
import { requestActions, requestRows, VIEW_STATUSES } from './request-logic';

function request(id: string, created_at: string, extra: Partial<MembershipRequest> = {}): MembershipRequest {
  return {
    id,
    kind: 'transfer',
    status: 'pending',
    person: { name: '钱秀英', id_number: '5119**********123X' },
    member_id: 'm1',
    from_organisation_id: 'o1',
    from_organisation_name: '四川光雾山米业有限公司工会',
    to_organisation_id: 'o2',
    to_organisation_name: '南江县南慧建材有限公司工会',
    reason: '调动',
    decision_reason: null,
    created_at,
    released_at: null,
    decided_at: null,
    can_release: false,
    can_approve: false,
    can_reject: false,
    allowed_actions: [],
    version: 1,
    ...extra,
  };
}

describe('requestActions', () => {
  it('offers nothing when allowed_actions is empty', () => {
    expect(requestActions({ allowed_actions: [] })).toEqual([]);
  });

  it('offers each allowed decision on its own', () => {
    expect(requestActions({ allowed_actions: ['release'] })).toEqual(['release']);
    expect(requestActions({ allowed_actions: ['approve'] })).toEqual(['approve']);
    expect(requestActions({ allowed_actions: ['reject'] })).toEqual(['reject']);
  });

  it('keeps the order release, approve, reject whatever order the server sends', () => {
    expect(requestActions({ allowed_actions: ['reject', 'approve', 'release'] })).toEqual(['release', 'approve', 'reject']);
    expect(requestActions({ allowed_actions: ['reject', 'release'] })).toEqual(['release', 'reject']);
  });

  it('reads a request as the list answers it', () => {
    const released = request('a', '2024-05-03T00:00:00Z', {
      status: 'released',
      allowed_actions: ['approve', 'reject'],
      can_approve: true,
      can_reject: true,
    });
    expect(requestActions(released)).toEqual(['approve', 'reject']);
  });
});

describe('VIEW_STATUSES', () => {
  it('puts pending and released under 待处理, approved and rejected under 已处理', () => {
    expect(VIEW_STATUSES.open).toEqual(['pending', 'released']);
    expect(VIEW_STATUSES.decided).toEqual(['approved', 'rejected']);
  });
});

describe('requestRows', () => {
  it('shows a request once even if it appears on two pages', () => {
    const first = { items: [request('a', '2024-05-03T00:00:00Z')] };
    const second = { items: [request('a', '2024-05-03T00:00:00Z', { status: 'released' }), request('b', '2024-05-01T00:00:00Z')] };
    expect(requestRows([first, second]).map((item) => item.id)).toEqual(['a', 'b']);
    expect(requestRows(undefined)).toEqual([]);
  });
});
