import { describe, expect, it } from 'vitest';
import type { MembershipRequest } from '@/api/types';
import {
  isUnionId,
  mobileBody,
  normaliseUnionId,
  openRequest,
  transferBlock,
  transferTargetProblem,
} from './self-service-logic';

function request(
  id: string,
  status: MembershipRequest['status'],
  kind: MembershipRequest['kind'] = 'transfer',
): MembershipRequest {
  return {
    id,
    kind,
    status,
    person: { name: '赵强', id_number: '5119**********1357' },
    to_organisation_id: 'o2',
    to_organisation_name: '湖南三立集团股份有限公司工会',
    created_at: '2025-01-01T00:00:00Z',
    can_release: false,
    can_approve: false,
    can_reject: false,
    allowed_actions: [],
    version: 1,
  };
}

describe('openRequest', () => {
  it('finds a request still under way: pending, or a transfer released by the union left', () => {
    expect(openRequest([request('a', 'approved'), request('b', 'pending')])?.id).toBe('b');
    expect(openRequest([request('c', 'released')])?.id).toBe('c');
  });

  it('ignores decided requests and copes with none loaded', () => {
    expect(openRequest([request('a', 'approved'), request('b', 'rejected')])).toBeUndefined();
    expect(openRequest(undefined)).toBeUndefined();
  });
});

describe('transferBlock', () => {
  it('lets an active member with nothing open ask', () => {
    expect(transferBlock({ status: 'active' }, [request('a', 'rejected')])).toBeNull();
    expect(transferBlock({ status: 'active' }, [])).toBeNull();
  });

  it('explains why not: an inactive membership first, then an open request', () => {
    expect(transferBlock({ status: 'retained' }, [])).toBe('inactive');
    expect(transferBlock({ status: 'suspended' }, [request('a', 'pending')])).toBe('inactive');
    expect(transferBlock({ status: 'active' }, [request('a', 'released')])).toBe('request_open');
  });
});

describe('union ids', () => {
  const id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

  it('drops surrounding blanks and lowers the letters, as a pasted id often needs', () => {
    expect(normaliseUnionId(`  ${id.toUpperCase()}\n`)).toBe(id);
    expect(isUnionId(` ${id.toUpperCase()} `)).toBe(true);
  });

  it('refuses what cannot be an id', () => {
    expect(isUnionId('')).toBe(false);
    expect(isUnionId('湖南三立集团股份有限公司工会')).toBe(false);
    expect(isUnionId(id.slice(0, -1))).toBe(false);
    expect(isUnionId(id.replace(/-/g, ''))).toBe(false);
    expect(isUnionId(`${id}0`)).toBe(false);
    expect(isUnionId(id.replace('a', 'g'))).toBe(false);
  });
});

describe('mobileBody', () => {
  it('sends the number without spaces and dashes', () => {
    expect(mobileBody(' 139 0827-1234 ')).toEqual({ mobile: '13908271234' });
    expect(mobileBody('+8613908271234')).toEqual({ mobile: '+8613908271234' });
  });
});

describe('transferTargetProblem', () => {
  it('names the union id’s own problems', () => {
    expect(transferTargetProblem({ field: 'to_organisation_id', code: 'not_found' })).toBe('not_found');
    expect(transferTargetProblem({ field: 'to_organisation_id', code: 'not_allowed' })).toBe('not_allowed');
    expect(transferTargetProblem({ field: 'to_organisation_id', code: 'invalid_value' })).toBe('same_union');
  });

  it('leaves other fields and codes to the general texts', () => {
    expect(transferTargetProblem({ field: 'reason', code: 'required' })).toBeNull();
    expect(transferTargetProblem({ field: 'to_organisation_id', code: 'too_long' })).toBeNull();
    expect(transferTargetProblem({ field: '', code: 'not_found' })).toBeNull();
  });
});
