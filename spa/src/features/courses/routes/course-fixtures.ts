//! Fixtures the course component tests share: the code lists, a course, its detail and a fake API.
import { vi } from 'vitest';
import type { Course, CourseDetail, CourseEvent, CourseStatus, Enrolment, Me } from '@/api/types';

export const COURSE_CODE_LISTS = {
  items: [
    {
      name: 'course-categories',
      description: 'Category',
      items: [
        { code: 'vocational', zh: '职业技能', en: 'Vocational skills' },
        { code: 'maternity_care', zh: '母婴护理（月嫂）', en: 'Maternity care' },
      ],
    },
    {
      name: 'course-eligibilities',
      description: 'Eligibility',
      items: [
        { code: 'subtree_members', zh: '本级及下属工会会员', en: 'Members' },
        { code: 'anyone', zh: '所有职工', en: 'Anyone' },
      ],
    },
    {
      name: 'course-statuses',
      description: 'Status',
      items: [
        { code: 'draft', zh: '草稿', en: 'Draft' },
        { code: 'open', zh: '报名中', en: 'Open' },
        { code: 'full', zh: '已满员', en: 'Full' },
        { code: 'running', zh: '进行中', en: 'Running' },
        { code: 'finished', zh: '已结业', en: 'Finished' },
        { code: 'cancelled', zh: '已取消', en: 'Cancelled' },
      ],
    },
    {
      name: 'enrolment-statuses',
      description: 'Enrolment',
      items: [
        { code: 'enrolled', zh: '已报名', en: 'Enrolled' },
        { code: 'waitlisted', zh: '候补', en: 'Waitlisted' },
        { code: 'withdrawn', zh: '已退出', en: 'Withdrawn' },
        { code: 'removed', zh: '已移除', en: 'Removed' },
        { code: 'cancelled', zh: '课程取消', en: 'Course cancelled' },
      ],
    },
    {
      name: 'attendance-statuses',
      description: 'Attendance',
      items: [
        { code: 'present', zh: '出勤', en: 'Present' },
        { code: 'late', zh: '迟到', en: 'Late' },
        { code: 'absent', zh: '缺勤', en: 'Absent' },
        { code: 'excused', zh: '请假', en: 'Excused' },
      ],
    },
    {
      name: 'genders',
      description: 'Gender',
      items: [
        { code: 'male', zh: '男', en: 'Male' },
        { code: 'female', zh: '女', en: 'Female' },
      ],
    },
  ],
};

export const STAFF: Me = {
  id: 'staff-1',
  username: 'nanjiang-staff',
  display_name: '南江县总工会 张明',
  role: 'federation_staff',
  organisation_id: 'o-nanjiang',
  organisation_name: '南江县总工会',
  permissions: ['members:read', 'courses:read', 'courses:write'],
};

/**
 * What the server offers a caller with `courses:write` (the course table of domain/src/course.rs), so that
 * a fixture reads like the server's answer: publishing needs a session; enrolling while open or full.
 */
export function staffActions(status: CourseStatus, sessions = 1): CourseEvent[] {
  switch (status) {
    case 'draft':
      return sessions > 0 ? ['update', 'edit_sessions', 'publish', 'cancel'] : ['update', 'edit_sessions', 'cancel'];
    case 'open':
    case 'full':
      return ['update', 'edit_sessions', 'start', 'cancel', 'enrol'];
    case 'running':
      return ['update', 'edit_sessions', 'finish', 'cancel'];
    default:
      return [];
  }
}

/** A course as staff with `courses:write` read it (`allowed_actions` for its status, one session). */
export function course(extra: Partial<Course> = {}): Course {
  return {
    id: 'c1',
    organisation_id: 'o-nanjiang',
    organisation_name: '南江县总工会',
    title: '叉车操作培训',
    category: 'vocational',
    description: '持证上岗',
    partner_organisation_id: null,
    partner_name: '南江县职业中学',
    venue: '南江县职业中学',
    venue_address: '光雾山大道 8 号',
    venue_division: '511922',
    fee_fen: 0,
    min_places: 1,
    max_places: 2,
    enrolled_count: 0,
    enrol_opens_at: '2025-05-01T00:00:00Z',
    enrol_closes_at: '2099-05-15T00:00:00Z',
    eligibility: 'anyone',
    completion_percent: 80,
    status: 'draft',
    below_minimum: false,
    created_at: '2025-04-01T00:00:00Z',
    version: 3,
    allowed_actions: staffActions(extra.status ?? 'draft'),
    ...extra,
  };
}

export const SESSION = {
  id: 's1',
  date: '2099-06-01',
  starts_at: '19:00:00',
  ends_at: '21:00:00',
  venue: null,
  teacher: '王老师',
};

/** A course's detail; `allowed_actions`, unless given, are staff's for its status and sessions. */
export function detail(extra: Partial<Course> = {}, sessions = [SESSION], waitlisted = 0): CourseDetail {
  const allowed = staffActions(extra.status ?? 'draft', sessions.length);
  return { course: course({ allowed_actions: allowed, ...extra }), sessions, waitlisted_count: waitlisted };
}

export function enrolment(extra: Partial<Enrolment> & Pick<Enrolment, 'id' | 'name' | 'status' | 'arrival'>): Enrolment {
  return {
    course_id: 'c1',
    id_number: '5119**********1234',
    mobile: '139****0004',
    migrant_worker: false,
    member_id: null,
    created_at: '2025-05-02T00:00:00Z',
    enrolled_at: extra.status === 'enrolled' ? '2025-05-02T00:00:00Z' : null,
    // As staff with `courses:write` see it before the course begins: whoever holds or waits for a place
    // may be removed.
    allowed_actions: extra.status === 'enrolled' || extra.status === 'waitlisted' ? ['remove'] : [],
    ...extra,
  };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function problem(status: number, code: string, detail?: string) {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, code, detail, request_id: 'r1' }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

export interface Seen {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  body: string;
}

/**
 * A fake API: the code lists and `/me` always; everything else goes to `handle`, which answers or
 * returns undefined for a 500.
 */
export function fakeApi(handle: (seen: Seen) => Response | undefined, me: Me = STAFF) {
  const seen: Seen[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const body = await request.text();
      const entry = { method: request.method, path: url.pathname, search: url.search, headers: request.headers, body };
      seen.push(entry);
      if (url.pathname === '/api/v1/code-lists') return json(COURSE_CODE_LISTS);
      if (url.pathname === '/api/v1/me') return json(me);
      return handle(entry) ?? json({}, 500);
    }),
  );
  return seen;
}
