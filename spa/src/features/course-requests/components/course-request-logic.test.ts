import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { CourseRequest, CourseRequestPage } from '@/api/types';
import { ApiError } from '@/lib/api-error';
import {
  boardFiltersFrom,
  boardFilterValues,
  boardParamsFrom,
  courseRequestBody,
  existingRequestOf,
  isDivisionCode,
  isDivisionPrefix,
  remapScheduleProblem,
  scheduleBody,
  scheduleDefaults,
  withRequest,
} from './course-request-logic';

function request(id: string, extra: Partial<CourseRequest> = {}): CourseRequest {
  return {
    id,
    organisation_id: 'fed',
    category: 'vocational',
    topic: '电工证培训',
    division: '511922',
    preferred_times: '周末',
    status: 'open',
    supporters: 1,
    supported_by_me: false,
    course_id: null,
    created_at: '2026-11-01T00:00:00Z',
    version: 1,
    ...extra,
  };
}

function problem(status: number, code: string, detail: string) {
  return new ApiError(status, { type: 'about:blank', title: 'x', status, code, detail, request_id: 'r' } as never);
}

describe('board filters', () => {
  it('reads status, category and division prefix from the URL, ignoring malformed values', () => {
    expect(boardFiltersFrom(new URLSearchParams('status=scheduled&category=driving&division=5119'))).toEqual({
      status: 'scheduled',
      category: 'driving',
      division: '5119',
    });
    expect(boardFiltersFrom(new URLSearchParams('status=someday&category=Bad!&division=5119220'))).toEqual({});
    // open is the default: not sent.
    expect(boardFiltersFrom(new URLSearchParams('status=open'))).toEqual({});
  });

  it('round-trips through the form, writing only what differs from the defaults', () => {
    expect(boardFilterValues({})).toEqual({ status: 'open', category: undefined, division: undefined });
    expect(boardParamsFrom({ status: 'open', division: ' 51 19 ' }).toString()).toBe('division=5119');
    expect(boardParamsFrom({ status: 'all', category: 'law' }).toString()).toBe('status=all&category=law');
  });

  it('checks division codes and prefixes', () => {
    expect(isDivisionCode('511922')).toBe(true);
    expect(isDivisionCode(' 511 922 ')).toBe(true);
    expect(isDivisionCode('５１１９２２')).toBe(true);
    expect(isDivisionCode('5119')).toBe(false);
    expect(isDivisionCode('51192a')).toBe(false);
    expect(isDivisionPrefix('51')).toBe(true);
    expect(isDivisionPrefix('5119221')).toBe(false);
    expect(isDivisionPrefix('')).toBe(false);
  });
});

describe('courseRequestBody', () => {
  it('trims, drops empty optional fields and cleans the division', () => {
    expect(courseRequestBody({ topic: '  叉车证培训 ', division: '511 922', category: undefined, preferred_times: '  ' })).toEqual({
      category: null,
      topic: '叉车证培训',
      division: '511922',
      preferred_times: null,
    });
    expect(courseRequestBody({ topic: '月嫂', division: '511922', category: 'maternity_care', preferred_times: '周末' })).toEqual({
      category: 'maternity_care',
      topic: '月嫂',
      division: '511922',
      preferred_times: '周末',
    });
  });
});

describe('existingRequestOf', () => {
  it('finds the open request a 409 names', () => {
    const error = problem(409, 'course_request_exists', "an open request '电工证培训' exists (id 0190abcd-1): support it instead");
    expect(existingRequestOf(error)).toEqual({ topic: '电工证培训', id: '0190abcd-1' });
  });

  it('gives nothing for other errors or a detail it cannot read', () => {
    expect(existingRequestOf(problem(409, 'course_request_supported', "'x' exists (id 1)"))).toBeNull();
    expect(existingRequestOf(problem(409, 'course_request_exists', 'something else'))).toBeNull();
    expect(existingRequestOf(problem(422, 'validation_failed', "'x' exists (id 1)"))).toBeNull();
    expect(existingRequestOf(null)).toBeNull();
  });
});

describe('withRequest', () => {
  it('replaces the supported request in place and leaves the rest', () => {
    const board = {
      pages: [{ items: [request('a'), request('b', { topic: '叉车' })], next_cursor: 'x' } as CourseRequestPage],
      pageParams: [undefined],
    };
    const next = withRequest(board, { id: 'b', supporters: 2, supported_by_me: true });
    expect(next?.pages[0]?.items.map((item) => [item.id, item.supporters, item.supported_by_me])).toEqual([
      ['a', 1, false],
      ['b', 2, true],
    ]);
    expect(next?.pages[0]?.items[1]?.topic).toBe('叉车');
    expect(withRequest(undefined, { id: 'a' })).toBeUndefined();
  });
});

describe('scheduling', () => {
  // Local time, whatever the machine's zone: the form works in the browser's.
  const now = dayjs('2026-11-21T10:15:30');

  it('prefills the course from the request: title = topic, category, place, the caller’s home', () => {
    const values = scheduleDefaults(request('a', { topic: '电工证培训', category: 'vocational', division: '511922' }), 'home', now);
    expect(values).toMatchObject({
      organisation_id: 'home',
      title: '电工证培训',
      category: 'vocational',
      venue_division: '511922',
      eligibility: 'subtree_members',
      completion_percent: 80,
      max_places: 30,
    });
    const [opens, closes] = values.enrol_window ?? [];
    expect(opens?.format('YYYY-MM-DD HH:mm')).toBe('2026-11-21 10:15');
    expect(closes?.format('YYYY-MM-DD HH:mm')).toBe('2026-12-05 23:59');
    expect(scheduleDefaults(request('b', { category: null }), undefined, now).category).toBeUndefined();
  });

  it('sends the course body: fee in fen, the window in UTC, optional texts as null', () => {
    const body = scheduleBody({
      ...scheduleDefaults(request('a'), 'home', now),
      venue: ' 新市民学校 ',
      venue_address: '南江县南江镇',
      fee_yuan: '12.5',
      partner_name: ' ',
      description: ' 电工上岗证 ',
    });
    expect(body).toEqual({
      organisation_id: 'home',
      title: '电工证培训',
      category: 'vocational',
      description: '电工上岗证',
      partner_name: null,
      venue: '新市民学校',
      venue_address: '南江县南江镇',
      venue_division: '511922',
      fee_fen: 1250,
      min_places: 0,
      max_places: 30,
      enrol_opens_at: dayjs('2026-11-21T10:15:00').toISOString(),
      enrol_closes_at: dayjs('2026-12-05T23:59:00').toISOString(),
      eligibility: 'subtree_members',
      completion_percent: 80,
    });
  });

  it('puts the server’s errors on the fee and window fields', () => {
    const error = new ApiError(422, {
      type: 'about:blank',
      title: 'x',
      status: 422,
      code: 'validation_failed',
      request_id: 'r',
      errors: [
        { field: 'fee_fen', code: 'out_of_range', message: 'x' },
        { field: 'enrol_closes_at', code: 'out_of_range', message: 'x' },
        { field: 'venue', code: 'required', message: 'x' },
      ],
    } as never);
    expect(remapScheduleProblem(error).fieldErrors.map((e) => e.field)).toEqual(['fee_yuan', 'enrol_window', 'venue']);
  });
});
