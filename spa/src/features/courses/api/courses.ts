//! Training courses, staff side: the catalogue (/api/v1/courses), one course with its sessions, its
//! life cycle (publish, start, finish, cancel — each with the course's ETag as `If-Match`), enrolments
//! with the waitlist, the attendance sheet, certificates, notices and the rotating check-in code.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import type {
  AttendanceMark,
  AttendanceStatus,
  CheckinCode,
  Course,
  CourseCertificate,
  CourseDetail,
  CourseListQuery,
  CourseSession,
  CreateCourseBody,
  CreateEnrolmentBody,
  CreateSessionBody,
  Enrolment,
  FinishedCourse,
  UpdateCourseBody,
  Withdrawal,
} from '@/api/types';
import { call, callWithResponse } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';

/** The catalogue's filters (the list endpoint's query without paging). */
export type CourseFilters = Omit<CourseListQuery, 'limit' | 'cursor'>;

/** A course with its sessions and the ETag of the response it came in (for If-Match). */
export interface VersionedCourse {
  detail: CourseDetail;
  etag: string;
}

export const COURSE_PAGE = 50;

export const courseKeys = {
  all: ['courses'] as const,
  lists: ['courses', 'list'] as const,
  list: (filters: CourseFilters) => ['courses', 'list', filters] as const,
  detail: (id: string) => ['courses', 'detail', id] as const,
  enrolments: (id: string) => ['courses', 'enrolments', id] as const,
  attendance: (id: string) => ['courses', 'attendance', id] as const,
  certificates: (id: string) => ['courses', 'certificates', id] as const,
  notices: (id: string) => ['courses', 'notices', id] as const,
  checkin: (id: string, sessionId: string) => ['courses', 'checkin', id, sessionId] as const,
  memberSearch: (q: string) => ['courses', 'member-search', q] as const,
  organisation: (id: string) => ['courses', 'organisation', id] as const,
};

/** The `If-Match` of a course: its version, quoted like the ETags the API issues. */
export function courseIfMatch(course: Pick<Course, 'version'>): string {
  return `"${course.version}"`;
}

/**
 * After any change to a course (its facts, sessions, enrolments, marks…) everything shown about it is
 * read again: the course's version, counts and status move with its enrolments.
 */
export function refreshCourse(queryClient: QueryClient, id: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: courseKeys.detail(id) }),
    queryClient.invalidateQueries({ queryKey: courseKeys.enrolments(id) }),
    queryClient.invalidateQueries({ queryKey: courseKeys.attendance(id) }),
    queryClient.invalidateQueries({ queryKey: courseKeys.certificates(id) }),
    queryClient.invalidateQueries({ queryKey: courseKeys.notices(id) }),
    queryClient.invalidateQueries({ queryKey: courseKeys.lists }),
  ]);
}

/** The catalogue: courses in scope, one keyset page at a time. */
export function useCourses(filters: CourseFilters) {
  return useInfiniteQuery({
    queryKey: courseKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/v1/courses', { params: { query: { ...filters, limit: COURSE_PAGE, cursor: pageParam } } })),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export async function fetchCourse(id: string): Promise<VersionedCourse> {
  const { data, response } = await callWithResponse(api.GET('/api/v1/courses/{id}', { params: { path: { id } } }));
  return { detail: data, etag: response.headers.get('ETag') ?? courseIfMatch(data.course) };
}

export function useCourse(id: string) {
  return useQuery({ queryKey: courseKeys.detail(id), queryFn: () => fetchCourse(id) });
}

export function createCourse(body: CreateCourseBody, idempotencyKey = newIdempotencyKey()): Promise<Course> {
  return call(api.POST('/api/v1/courses', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body }));
}

export function updateCourse(id: string, etag: string, body: UpdateCourseBody): Promise<Course> {
  return call(api.PATCH('/api/v1/courses/{id}', { params: { path: { id }, header: { 'If-Match': etag } }, body }));
}

export function publishCourse(id: string, etag: string): Promise<Course> {
  return call(api.POST('/api/v1/courses/{id}/publish', { params: { path: { id }, header: { 'If-Match': etag } } }));
}

export function startCourse(id: string, etag: string): Promise<Course> {
  return call(api.POST('/api/v1/courses/{id}/start', { params: { path: { id }, header: { 'If-Match': etag } } }));
}

export function finishCourse(id: string, etag: string): Promise<FinishedCourse> {
  return call(api.POST('/api/v1/courses/{id}/finish', { params: { path: { id }, header: { 'If-Match': etag } } }));
}

export function cancelCourse(id: string, etag: string, reason: string): Promise<Course> {
  return call(
    api.POST('/api/v1/courses/{id}/cancel', { params: { path: { id }, header: { 'If-Match': etag } }, body: { reason } }),
  );
}

export function addSession(id: string, body: CreateSessionBody, idempotencyKey = newIdempotencyKey()): Promise<CourseSession> {
  return call(
    api.POST('/api/v1/courses/{id}/sessions', {
      params: { path: { id }, header: { 'Idempotency-Key': idempotencyKey } },
      body,
    }),
  );
}

export function deleteSession(id: string, sessionId: string) {
  return call(
    api.DELETE('/api/v1/courses/{id}/sessions/{session_id}', { params: { path: { id, session_id: sessionId } } }),
  );
}

/** Enrolled in arrival order, then the waitlist with positions, then those who left. */
export function useEnrolments(id: string) {
  return useQuery({
    queryKey: courseKeys.enrolments(id),
    queryFn: () => call(api.GET('/api/v1/courses/{id}/enrolments', { params: { path: { id } } })),
  });
}

export function enrol(id: string, body: CreateEnrolmentBody, idempotencyKey = newIdempotencyKey()): Promise<Enrolment> {
  return call(
    api.POST('/api/v1/courses/{id}/enrolments', {
      params: { path: { id }, header: { 'Idempotency-Key': idempotencyKey } },
      body,
    }),
  );
}

/** Removes someone (staff removals are recorded as `removed`); the answer names who moved up. */
export function withdrawEnrolment(id: string, enrolmentId: string, reason?: string): Promise<Withdrawal> {
  return call(
    api.DELETE('/api/v1/courses/{id}/enrolments/{enrolment_id}', {
      params: { path: { id, enrolment_id: enrolmentId }, query: reason ? { reason } : {} },
    }),
  );
}

export function useAttendanceSheet(id: string) {
  return useQuery({
    queryKey: courseKeys.attendance(id),
    queryFn: () => call(api.GET('/api/v1/courses/{id}/attendance', { params: { path: { id } } })),
  });
}

export function markAttendance(id: string, sessionId: string, enrolmentId: string, status: AttendanceStatus): Promise<AttendanceMark> {
  return call(
    api.PUT('/api/v1/courses/{id}/sessions/{session_id}/attendance/{enrolment_id}', {
      params: { path: { id, session_id: sessionId, enrolment_id: enrolmentId } },
      body: { status },
    }),
  );
}

export function useCertificates(id: string) {
  return useQuery({
    queryKey: courseKeys.certificates(id),
    queryFn: () => call(api.GET('/api/v1/courses/{id}/certificates', { params: { path: { id } } })),
  });
}

export function revokeCertificate(code: string, reason: string): Promise<CourseCertificate> {
  return call(api.POST('/api/v1/certificates/{code}/revoke', { params: { path: { code } }, body: { reason } }));
}

export function useNotices(id: string) {
  return useQuery({
    queryKey: courseKeys.notices(id),
    queryFn: () => call(api.GET('/api/v1/courses/{id}/notices', { params: { path: { id } } })),
  });
}

/** A check-in code with when it was received and the server's `Date` (for the screen's clock). */
export interface ReceivedCode {
  code: CheckinCode;
  receivedAt: number;
  serverDate: string | null;
}

export async function fetchCheckinCode(id: string, sessionId: string): Promise<ReceivedCode> {
  const { data, response } = await callWithResponse(
    api.GET('/api/v1/courses/{id}/sessions/{session_id}/checkin-code', {
      params: { path: { id, session_id: sessionId } },
    }),
  );
  return { code: data, receivedAt: Date.now(), serverDate: response.headers.get('Date') };
}

/**
 * The session's current code. `refetchInterval` says when the next one is due (just after this one
 * expires); it keeps polling while the screen is in the background, as a projector's window usually is.
 */
export function useCheckinCode(id: string, sessionId: string, refetchAfter: (received: ReceivedCode) => number | false) {
  return useQuery({
    queryKey: courseKeys.checkin(id, sessionId),
    queryFn: () => fetchCheckinCode(id, sessionId),
    staleTime: 0,
    gcTime: 0,
    refetchInterval: (query) => (query.state.data ? refetchAfter(query.state.data) : false),
    refetchIntervalInBackground: true,
    placeholderData: keepPreviousData,
  });
}

/** Members in scope by name, full ID number, its last digits or mobile (the enrol dialog's picker). */
export function useMemberSearch(q: string) {
  return useQuery({
    queryKey: courseKeys.memberSearch(q),
    queryFn: () => call(api.GET('/api/v1/members', { params: { query: { q, status: 'active', limit: 20 } } })),
    enabled: q.length > 0,
    staleTime: 30_000,
  });
}

/** An organisation's name and division code (the course form's owner and partner). */
export function useOrganisationFacts(id: string | null | undefined) {
  return useQuery({
    queryKey: courseKeys.organisation(id ?? ''),
    queryFn: async () => {
      const org = await call(api.GET('/api/v1/organisations/{id}', { params: { path: { id: id ?? '' } } }));
      return { name: org.name, division_code: org.division_code ?? null };
    },
    enabled: !!id,
    staleTime: 5 * 60_000,
    retry: false,
  });
}
