//! A worker's own training (/api/v1/me/courses, /me/enrolments, /me/notices): the courses they may enrol on
//! (open, full or running courses of their union and the federations above it), a course with its sessions,
//! their enrolments with waitlist positions, and their notices; enrolling themself (`{}` for a linked member,
//! their details otherwise), withdrawing before the course starts, and checking in with the code on the screen.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { CheckInBody, EnrolPersonBody } from '@/api/types';
import { call } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';

const OWN = ['self-service', 'courses'] as const;

export const ownCourseKeys = {
  all: OWN,
  catalogue: [...OWN, 'catalogue'] as const,
  course: (id: string) => [...OWN, 'course', id] as const,
  enrolments: [...OWN, 'enrolments'] as const,
  notices: [...OWN, 'notices'] as const,
};

export const OWN_COURSE_PAGE = 20;

export function useOwnCourses() {
  return useInfiniteQuery({
    queryKey: ownCourseKeys.catalogue,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/v1/me/courses', { params: { query: { limit: OWN_COURSE_PAGE, cursor: pageParam } } })),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

/** A course the worker can see, with its sessions (for picking the session to check in to). */
export function useOwnCourse(id: string) {
  return useQuery({
    queryKey: ownCourseKeys.course(id),
    queryFn: () => call(api.GET('/api/v1/me/courses/{id}', { params: { path: { id } } })),
  });
}

export function useOwnEnrolments() {
  return useQuery({ queryKey: ownCourseKeys.enrolments, queryFn: () => call(api.GET('/api/v1/me/enrolments')) });
}

export function useOwnNotices() {
  return useQuery({ queryKey: ownCourseKeys.notices, queryFn: () => call(api.GET('/api/v1/me/notices')) });
}

/** 报名: a linked member sends nothing (their record is used); an account without one sends its details. */
export function enrolOwn(courseId: string, person?: EnrolPersonBody, idempotencyKey = newIdempotencyKey()) {
  return call(
    api.POST('/api/v1/courses/{id}/enrolments', {
      params: { path: { id: courseId }, header: { 'Idempotency-Key': idempotencyKey } },
      body: person ? { person } : {},
    }),
  );
}

/** 退出报名, before the course starts (a 409 `course_started` after). A freed place goes to the waitlist. */
export function withdrawOwn(courseId: string, enrolmentId: string) {
  return call(
    api.DELETE('/api/v1/courses/{id}/enrolments/{enrolment_id}', {
      params: { path: { id: courseId, enrolment_id: enrolmentId } },
    }),
  );
}

/** 签到 with the six digits on the screen. */
export function checkIn(courseId: string, sessionId: string, body: CheckInBody) {
  return call(
    api.POST('/api/v1/courses/{id}/sessions/{session_id}/checkin', {
      params: { path: { id: courseId, session_id: sessionId } },
      body,
    }),
  );
}
