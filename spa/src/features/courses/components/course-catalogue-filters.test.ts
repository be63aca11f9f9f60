import { describe, expect, it } from 'vitest';
import { courseFiltersFrom, courseFilterValues, courseParamsFrom } from './course-catalogue-filters';

describe('the catalogue filters', () => {
  it('reads several statuses, the category, title, union and the below-minimum flag from the URL', () => {
    const params = new URLSearchParams(
      'status=open,full,open&category=vocational&q=%20叉车%20&organisation_id=o1&below_minimum=true',
    );
    expect(courseFiltersFrom(params)).toEqual({
      status: 'open,full',
      category: 'vocational',
      q: '叉车',
      organisation_id: 'o1',
      below_minimum: true,
    });
  });

  it('ignores what is malformed', () => {
    expect(courseFiltersFrom(new URLSearchParams('status=OPEN;drop&category=a%20b&below_minimum=yes&q=%20'))).toEqual({});
    expect(courseFiltersFrom(new URLSearchParams('status=bad!,open'))).toEqual({ status: 'open' });
  });

  it('writes only what is set, the statuses as one comma list', () => {
    expect(courseParamsFrom({ status: ['open', 'full'], q: ' 月嫂 ', below_minimum: true }).toString()).toBe(
      'status=open%2Cfull&q=%E6%9C%88%E5%AB%82&below_minimum=true',
    );
    expect(courseParamsFrom({ status: [], below_minimum: false }).toString()).toBe('');
  });

  it('round-trips through the form', () => {
    const filters = courseFiltersFrom(new URLSearchParams('status=draft,running&below_minimum=true'));
    expect(courseFilterValues(filters)).toEqual({
      status: ['draft', 'running'],
      category: undefined,
      q: undefined,
      organisation_id: undefined,
      below_minimum: true,
    });
    expect(courseFiltersFrom(courseParamsFrom(courseFilterValues(filters)))).toEqual(filters);
    expect(courseFilterValues({}).status).toEqual([]);
  });
});
