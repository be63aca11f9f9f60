import { describe, expect, it } from 'vitest';
import { honourFiltersFrom, honourFilterValues, honourParamsFrom } from './honour-register-filters';

describe('honourFiltersFrom', () => {
  it('is the model-worker register when no kind is given', () => {
    expect(honourFiltersFrom(new URLSearchParams())).toEqual({ kind: 'model_worker' });
  });

  it('takes the kind, level and union from the URL; kind=all lists every kind', () => {
    expect(honourFiltersFrom(new URLSearchParams('kind=may_day_medal&level=national&organisation_id=o1'))).toEqual({
      kind: 'may_day_medal',
      level: 'national',
      organisation_id: 'o1',
    });
    expect(honourFiltersFrom(new URLSearchParams('kind=all&level=county'))).toEqual({ level: 'county' });
  });

  it('ignores malformed values', () => {
    expect(honourFiltersFrom(new URLSearchParams('kind=Model%20Worker&level=%25&organisation_id=%20'))).toEqual({
      kind: 'model_worker',
    });
  });
});

describe('honourParamsFrom', () => {
  it('leaves the default kind out of the URL', () => {
    expect(honourParamsFrom({ kind: 'model_worker' }).toString()).toBe('');
    expect(honourParamsFrom({ kind: 'model_worker', level: 'provincial' }).toString()).toBe('level=provincial');
  });

  it('keeps another kind, all kinds and the union', () => {
    expect(honourParamsFrom({ kind: 'may_day_medal', organisation_id: 'o1' }).toString()).toBe(
      'kind=may_day_medal&organisation_id=o1',
    );
    expect(honourParamsFrom({ kind: 'all' }).toString()).toBe('kind=all');
  });

  it('round-trips through the URL', () => {
    for (const query of ['', 'kind=all', 'kind=craftsman&level=city', 'level=national&organisation_id=o9']) {
      const filters = honourFiltersFrom(new URLSearchParams(query));
      expect(honourFiltersFrom(honourParamsFrom(honourFilterValues(filters)))).toEqual(filters);
    }
  });
});

describe('honourFilterValues', () => {
  it('shows "all kinds" in the form when no kind is filtered', () => {
    expect(honourFilterValues({ level: 'national' })).toEqual({ kind: 'all', level: 'national', organisation_id: undefined });
    expect(honourFilterValues({ kind: 'model_worker' }).kind).toBe('model_worker');
  });
});
