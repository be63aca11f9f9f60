//! The demand board (职工点菜, /api/v1/course-requests): requests ranked by supporters, filed by workers and
//! officers, supported once per account, and turned by staff into a draft course. The list pages by offset
//! (the cursor is opaque all the same).
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { CourseRequestListQuery, CreateCourseRequestBody, ScheduleCourseBody } from '@/api/types';
import { call } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';

/** The board's filters (the list endpoint's query without paging). */
export type CourseRequestFilters = Omit<CourseRequestListQuery, 'limit' | 'cursor'>;

export const COURSE_REQUEST_PAGE = 20;

export const courseRequestKeys = {
  all: ['course-requests'] as const,
  list: (filters: CourseRequestFilters) => ['course-requests', 'list', filters] as const,
};

export function useCourseRequests(filters: CourseRequestFilters) {
  return useInfiniteQuery({
    queryKey: courseRequestKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/course-requests', {
          params: { query: { ...filters, limit: COURSE_REQUEST_PAGE, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

/** 我要点菜: files a request with the filer's federation (the filer is its first supporter). */
export function createCourseRequest(body: CreateCourseRequestBody, idempotencyKey = newIdempotencyKey()) {
  return call(
    api.POST('/api/v1/course-requests', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }),
  );
}

/** +1: adds the caller's support (once; a second time is a 409 `course_request_supported`). */
export function supportCourseRequest(id: string) {
  return call(api.POST('/api/v1/course-requests/{id}/support', { params: { path: { id } } }));
}

/** 排课: makes a draft course from an open request; publishing it later tells every supporter. */
export function scheduleCourseRequest(id: string, body: ScheduleCourseBody, idempotencyKey = newIdempotencyKey()) {
  return call(
    api.POST('/api/v1/course-requests/{id}/course', {
      params: { path: { id }, header: { 'Idempotency-Key': idempotencyKey } },
      body,
    }),
  );
}
