import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { Organisation } from '@/api/types';
import { suggestedChildKind, toCreateBody, toFormValues, toUpdateBody } from './organisation-form-values';

const org: Organisation = {
  id: 'o1',
  parent_id: 'p1',
  depth: 4,
  name: '南江镇工会',
  short_name: null,
  kind: 'township_union',
  division_code: '511922',
  address: '南江镇',
  credit_code: null,
  ownership: null,
  industry: null,
  headcount: 120,
  women_headcount: 40,
  founded_on: '2010-05-01',
  legal_person_certificate: null,
  chair_name: '张三',
  chair_contact: null,
  status: 'active',
  has_children: true,
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-01T00:00:00Z',
  allowed_actions: ['archive'],
  version: 3,
};

describe('organisation form values', () => {
  it('leaves blank optional fields out of a create body', () => {
    expect(
      toCreateBody({ name: ' 某公司工会 ', kind: 'enterprise_union', short_name: '  ', credit_code: '91350100m000100y43' }, 'p9'),
    ).toEqual({ parent_id: 'p9', name: '某公司工会', kind: 'enterprise_union', credit_code: '91350100M000100Y43' });
  });

  it('sends only changed fields on update, and null for a cleared one', () => {
    const values = { ...toFormValues(org), headcount: 130, address: '', founded_on: dayjs('2010-05-01') };
    expect(toUpdateBody(values, org)).toEqual({ headcount: 130, address: null });
  });

  it('suggests the usual kind of a child', () => {
    expect(suggestedChildKind('county_federation')).toBe('township_union');
    expect(suggestedChildKind('township_union')).toBe('enterprise_union');
  });
});
