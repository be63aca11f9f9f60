import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { Course, Enrolment } from '@/api/types';
import { ApiError } from '@/lib/api-error';
import {
  endsAfterStart,
  enrolmentCounts,
  enrolmentRows,
  hhmm,
  lifecycleActions,
  newCourseValues,
  publishBlocker,
  remapCourseProblem,
  sessionTime,
  takesAttendance,
  toCourseFormValues,
  toCreateCourseBody,
  toEnrolBody,
  toRfc3339,
  toSessionBody,
  toUpdateCourseBody,
  type CourseFormValues,
} from './course-logic';

function course(extra: Partial<Course> = {}): Course {
  return {
    id: 'c1',
    organisation_id: 'o1',
    organisation_name: '南江县总工会',
    title: '家政服务员（月嫂）培训班',
    category: 'maternity_care',
    description: '新市民学校',
    partner_organisation_id: null,
    partner_name: '南江县就业局',
    venue: '南江县新市民学校',
    venue_address: '南江镇朝阳路 1 号',
    venue_division: '511922',
    fee_fen: 12050,
    min_places: 10,
    max_places: 30,
    enrolled_count: 0,
    enrol_opens_at: '2025-05-01T00:00:00Z',
    enrol_closes_at: '2025-05-15T10:30:00Z',
    eligibility: 'anyone',
    completion_percent: 80,
    status: 'draft',
    below_minimum: false,
    created_at: '2025-04-01T00:00:00Z',
    version: 3,
    // A draft without sessions, as staff with courses:write read it.
    allowed_actions: ['update', 'edit_sessions', 'cancel'],
    ...extra,
  };
}

function enrolment(extra: Partial<Enrolment> & Pick<Enrolment, 'id' | 'status' | 'arrival'>): Enrolment {
  return {
    course_id: 'c1',
    name: `学员${extra.id}`,
    id_number: '5119****1234',
    migrant_worker: false,
    created_at: '2025-05-02T00:00:00Z',
    allowed_actions: [],
    ...extra,
  };
}

describe('life cycle', () => {
  it('offers exactly the life-cycle steps of allowed_actions, in button order', () => {
    expect(lifecycleActions(['update', 'edit_sessions', 'publish', 'cancel'])).toEqual(['publish', 'cancel']);
    expect(lifecycleActions(['update', 'edit_sessions', 'start', 'cancel', 'enrol'])).toEqual(['start', 'cancel']);
    expect(lifecycleActions(['cancel', 'finish', 'update'])).toEqual(['finish', 'cancel']);
    expect(lifecycleActions(['publish', 'start', 'finish', 'cancel'])).toEqual(['publish', 'start', 'finish', 'cancel']);
  });

  it('offers nothing when the server allows nothing, and never the steps that happen by themselves', () => {
    expect(lifecycleActions([])).toEqual([]);
    expect(lifecycleActions(['update', 'edit_sessions', 'enrol'])).toEqual([]);
    expect(lifecycleActions(['fill', 'reopen'])).toEqual([]);
  });

  it('says publishing waits for a session on a draft without one, to those who may add one', () => {
    expect(publishBlocker(course(), 0)).toBe('noSessions');
    // Allowed already: nothing to explain.
    expect(publishBlocker(course({ allowed_actions: ['update', 'edit_sessions', 'publish', 'cancel'] }), 1)).toBeNull();
    // Sessions, yet not allowed: the server has another reason; say nothing rather than guess.
    expect(publishBlocker(course({ allowed_actions: ['update', 'edit_sessions', 'cancel'] }), 1)).toBeNull();
    // A reader: no hint about what they could never do.
    expect(publishBlocker(course({ allowed_actions: [] }), 0)).toBeNull();
    // Not a draft.
    expect(publishBlocker(course({ status: 'open', allowed_actions: ['edit_sessions', 'start', 'cancel'] }), 0)).toBeNull();
  });

  it('knows when attendance is taken', () => {
    expect(takesAttendance('running') && takesAttendance('open')).toBe(true);
    expect(takesAttendance('draft') || takesAttendance('finished')).toBe(false);
  });
});

describe('the course form', () => {
  const values: CourseFormValues = {
    organisation_id: 'o1',
    title: '  叉车操作培训 ',
    category: 'vocational',
    description: ' 持证上岗 ',
    partner_kind: 'named',
    partner_name: ' 南江县职业中学 ',
    partner_organisation_id: 'ignored',
    venue: '南江县职业中学',
    venue_address: '光雾山大道 8 号',
    venue_division: ' 511922 ',
    fee_yuan: '120.5',
    min_places: 5,
    max_places: 2,
    enrol_window: [dayjs('2025-05-01T08:00:00+08:00'), dayjs('2025-05-15T18:30:00+08:00')],
    eligibility: 'anyone',
    completion_percent: 75,
  };

  it('sends the fee in fen, the window in UTC and only the partner of the chosen kind', () => {
    expect(toCreateCourseBody(values)).toEqual({
      organisation_id: 'o1',
      title: '叉车操作培训',
      category: 'vocational',
      description: '持证上岗',
      partner_name: '南江县职业中学',
      venue: '南江县职业中学',
      venue_address: '光雾山大道 8 号',
      venue_division: '511922',
      fee_fen: 12050,
      min_places: 5,
      max_places: 2,
      enrol_opens_at: '2025-05-01T00:00:00Z',
      enrol_closes_at: '2025-05-15T10:30:00Z',
      eligibility: 'anyone',
      completion_percent: 75,
    });
    const withOrg = toCreateCourseBody({ ...values, partner_kind: 'organisation', partner_organisation_id: 'o9' });
    expect(withOrg.partner_organisation_id).toBe('o9');
    expect(withOrg.partner_name).toBeUndefined();
  });

  it('takes an empty fee as free and refuses what is not an amount', () => {
    expect(toCreateCourseBody({ ...values, fee_yuan: '' }).fee_fen).toBe(0);
    expect(toCreateCourseBody({ ...values, fee_yuan: '0.10' }).fee_fen).toBe(10);
    expect(toCreateCourseBody({ ...values, fee_yuan: '1.234' }).fee_fen).toBe(-1);
  });

  it('formats moments as RFC 3339 UTC without milliseconds', () => {
    expect(toRfc3339(dayjs('2025-01-02T03:04:05.678Z'))).toBe('2025-01-02T03:04:05Z');
  });

  it('starts a new course free, for the members of the user’s organisation, with an enrolment window', () => {
    const now = dayjs('2025-05-01T09:20:00');
    const fresh = newCourseValues('o1', now);
    expect(fresh).toMatchObject({
      organisation_id: 'o1',
      fee_yuan: '0',
      eligibility: 'subtree_members',
      completion_percent: 80,
      partner_kind: 'none',
    });
    expect(fresh.enrol_window?.[0]?.format('YYYY-MM-DD HH:mm')).toBe('2025-05-01 10:00');
    expect(fresh.enrol_window?.[1]?.format('YYYY-MM-DD HH:mm')).toBe('2025-05-15 10:00');
  });

  it('reads a course back into the form (fee in yuan, the partner’s kind)', () => {
    const form = toCourseFormValues(course());
    expect(form.fee_yuan).toBe('120.50');
    expect(form.partner_kind).toBe('named');
    expect(form.enrol_window?.[0]?.toISOString()).toBe('2025-05-01T00:00:00.000Z');
    expect(toCourseFormValues(course({ partner_name: null, partner_organisation_id: 'o9' })).partner_kind).toBe('organisation');
    expect(toCourseFormValues(course({ partner_name: null })).partner_kind).toBe('none');
  });

  it('patches only what changed', () => {
    const original = course();
    const unchanged = toCourseFormValues(original);
    expect(toUpdateCourseBody(unchanged, original)).toEqual({});
    expect(toUpdateCourseBody({ ...unchanged, fee_yuan: '0', max_places: 40 }, original)).toEqual({
      fee_fen: 0,
      max_places: 40,
    });
    const closes = dayjs('2025-05-20T10:30:00Z');
    expect(toUpdateCourseBody({ ...unchanged, enrol_window: [unchanged.enrol_window?.[0] ?? null, closes] }, original)).toEqual({
      enrol_closes_at: '2025-05-20T10:30:00Z',
    });
  });

  it('clears the partner with null when it is taken away', () => {
    const original = course();
    expect(toUpdateCourseBody({ ...toCourseFormValues(original), partner_kind: 'none' }, original)).toEqual({
      partner_name: null,
    });
    expect(
      toUpdateCourseBody({ ...toCourseFormValues(original), partner_kind: 'organisation', partner_organisation_id: 'o9' }, original),
    ).toEqual({ partner_organisation_id: 'o9', partner_name: null });
  });

  it('moves the server’s errors on fen and times onto the form’s fields', () => {
    const error = new ApiError(422, {
      type: 'about:blank',
      title: 'x',
      status: 422,
      detail: 'invalid fields',
      code: 'validation_failed',
      request_id: 'r',
      errors: [
        { field: 'fee_fen', code: 'out_of_range', message: 'm' },
        { field: 'enrol_closes_at', code: 'out_of_range', message: 'm' },
        { field: 'title', code: 'required', message: 'm' },
      ],
    });
    expect(remapCourseProblem(error).fieldErrors.map((e) => e.field)).toEqual(['fee_yuan', 'enrol_window', 'title']);
  });
});

describe('sessions', () => {
  it('shows times as HH:MM', () => {
    expect(hhmm('19:00:00')).toBe('19:00');
    expect(sessionTime({ date: '2025-06-01', starts_at: '19:00:00', ends_at: '21:30:00' })).toBe('2025-06-01 19:00–21:30');
  });

  it('sends the date, HH:MM times and a venue only when given', () => {
    const base = { date: dayjs('2025-06-01'), starts_at: dayjs('2025-06-01T19:00'), ends_at: dayjs('2025-06-01T21:05') };
    expect(toSessionBody({ ...base, teacher: ' 王老师 ', venue: ' ' })).toEqual({
      date: '2025-06-01',
      starts_at: '19:00',
      ends_at: '21:05',
      teacher: '王老师',
    });
    expect(toSessionBody({ ...base, teacher: '王老师', venue: '实训室' }).venue).toBe('实训室');
  });

  it('wants the end after the start', () => {
    expect(endsAfterStart(dayjs('2025-06-01T19:00'), dayjs('2025-06-01T21:00'))).toBe(true);
    expect(endsAfterStart(dayjs('2025-06-01T19:00'), dayjs('2025-06-01T19:00'))).toBe(false);
    expect(endsAfterStart(dayjs('2025-06-01T19:00'), dayjs('2025-06-01T08:00'))).toBe(false);
    expect(endsAfterStart(null, dayjs('2025-06-01T08:00'))).toBe(true);
  });
});

describe('enrolments', () => {
  const items = [
    enrolment({ id: 'w2', status: 'waitlisted', arrival: 5, waitlist_position: 2 }),
    enrolment({ id: 'e2', status: 'enrolled', arrival: 2 }),
    enrolment({ id: 'x', status: 'removed', arrival: 1 }),
    enrolment({ id: 'w1', status: 'waitlisted', arrival: 4, waitlist_position: 1 }),
    enrolment({ id: 'e1', status: 'enrolled', arrival: 3 }),
    enrolment({ id: 'y', status: 'withdrawn', arrival: 0 }),
  ];

  it('lists the enrolled in arrival order, then the waitlist by position, then those who left', () => {
    const rows = enrolmentRows(items);
    expect(rows.map((row) => [row.enrolment.id, row.group, row.position])).toEqual([
      ['e2', 'enrolled', 1],
      ['e1', 'enrolled', 2],
      ['w1', 'waitlisted', 1],
      ['w2', 'waitlisted', 2],
      ['y', 'left', null],
      ['x', 'left', null],
    ]);
  });

  it('numbers the waitlist itself when the server gives no position', () => {
    const rows = enrolmentRows([enrolment({ id: 'w', status: 'waitlisted', arrival: 9, waitlist_position: null })]);
    expect(rows[0]?.position).toBe(1);
  });

  it('counts each group', () => {
    expect(enrolmentCounts(items)).toEqual({ enrolled: 2, waitlisted: 2, left: 2 });
  });

  it('sends a member’s id, or a worker’s details normalised', () => {
    expect(toEnrolBody({ kind: 'member', member_id: 'm1', person: { name: 'x' } })).toEqual({ member_id: 'm1' });
    expect(
      toEnrolBody({
        kind: 'person',
        member_id: 'm1',
        person: { name: ' 王芳 ', id_number: '51192219900101123x', mobile: '139 0827-0004', migrant_worker: true },
      }),
    ).toEqual({ person: { name: '王芳', id_number: '51192219900101123X', mobile: '13908270004', migrant_worker: true } });
    expect(toEnrolBody({ kind: 'person', person: { name: '王芳', id_number: '1', mobile: ' ' } })).toEqual({
      person: { name: '王芳', id_number: '1', migrant_worker: false },
    });
  });
});
