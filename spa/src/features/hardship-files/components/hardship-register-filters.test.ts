import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  dueFilterConflicts,
  hardshipFiltersFrom,
  hardshipFilterValues,
  hardshipParamsFrom,
} from './hardship-register-filters';

describe('hardshipFiltersFrom', () => {
  it('is the whole register when nothing is given', () => {
    expect(hardshipFiltersFrom(new URLSearchParams())).toEqual({});
  });

  it('takes status, category, name, due date and union from the URL', () => {
    expect(
      hardshipFiltersFrom(
        new URLSearchParams('status=approved&category=illness&q=%20周丽%20&review_due_before=2025-12-31&organisation_id=o1'),
      ),
    ).toEqual({ status: 'approved', category: 'illness', q: '周丽', review_due_before: '2025-12-31', organisation_id: 'o1' });
  });

  it('ignores malformed values', () => {
    expect(
      hardshipFiltersFrom(
        new URLSearchParams('status=Approved!&category=%25&q=%20&review_due_before=2025-02-30&organisation_id=%20'),
      ),
    ).toEqual({});
    expect(hardshipFiltersFrom(new URLSearchParams('review_due_before=31.12.2025'))).toEqual({});
  });

  it('cuts an overlong name search', () => {
    expect(hardshipFiltersFrom(new URLSearchParams(`q=${'张'.repeat(80)}`)).q).toHaveLength(50);
  });
});

describe('hardshipParamsFrom', () => {
  it('keeps only what is set, the date as YYYY-MM-DD', () => {
    expect(hardshipParamsFrom({}).toString()).toBe('');
    expect(hardshipParamsFrom({ status: 'approved', q: '  ', review_due_before: dayjs('2025-06-30') }).toString()).toBe(
      'status=approved&review_due_before=2025-06-30',
    );
    expect(hardshipParamsFrom({ category: 'illness', q: ' 周 ', organisation_id: 'o1', review_due_before: null }).toString()).toBe(
      'category=illness&q=%E5%91%A8&organisation_id=o1',
    );
  });

  it('round-trips through the URL', () => {
    for (const query of [
      '',
      'status=applied',
      'category=illness&q=%E5%91%A8',
      'status=approved&review_due_before=2025-06-30&organisation_id=o9',
    ]) {
      const filters = hardshipFiltersFrom(new URLSearchParams(query));
      expect(hardshipFiltersFrom(hardshipParamsFrom(hardshipFilterValues(filters)))).toEqual(filters);
      expect(hardshipParamsFrom(hardshipFilterValues(filters)).toString()).toBe(query);
    }
  });
});

describe('hardshipFilterValues', () => {
  it('gives the form the date as a day', () => {
    const values = hardshipFilterValues({ review_due_before: '2025-06-30', status: 'approved' });
    expect(values.review_due_before?.format('YYYY-MM-DD')).toBe('2025-06-30');
    expect(values.status).toBe('approved');
    expect(hardshipFilterValues({}).review_due_before).toBeUndefined();
  });
});

describe('dueFilterConflicts', () => {
  it('flags a due date with a status other than approved (nothing can match)', () => {
    expect(dueFilterConflicts({ review_due_before: '2025-06-30', status: 'applied' })).toBe(true);
    expect(dueFilterConflicts({ review_due_before: '2025-06-30', status: 'approved' })).toBe(false);
    expect(dueFilterConflicts({ review_due_before: '2025-06-30' })).toBe(false);
    expect(dueFilterConflicts({ status: 'lifted' })).toBe(false);
  });
});
