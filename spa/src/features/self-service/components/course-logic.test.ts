import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { Course, CourseSession, Enrolment, OwnEnrolment } from '@/api/types';
import {
  beijingToday,
  canCheckIn,
  canWithdraw,
  defaultSession,
  enrolOutcome,
  enrolState,
  enrolWindow,
  isCheckinCode,
  liveEnrolment,
  normaliseCheckinCode,
  personBody,
  placesLeft,
} from './course-logic';

const NOW = dayjs('2026-11-21T12:00:00Z');

function course(extra: Partial<Course> = {}): Course {
  return {
    id: 'c1',
    organisation_id: 'o1',
    organisation_name: '南江县总工会',
    title: '月嫂培训班',
    category: 'maternity_care',
    description: '',
    venue: '新市民学校',
    venue_address: '南江镇',
    venue_division: '511922',
    fee_fen: 0,
    min_places: 0,
    max_places: 2,
    enrolled_count: 1,
    enrol_opens_at: '2026-11-20T00:00:00Z',
    enrol_closes_at: '2026-11-30T00:00:00Z',
    eligibility: 'anyone',
    completion_percent: 80,
    status: 'open',
    below_minimum: false,
    created_at: '2026-11-01T00:00:00Z',
    version: 1,
    // A worker has no courses:write: the server offers no staff action.
    allowed_actions: [],
    ...extra,
  };
}

function enrolment(extra: Partial<Enrolment> = {}): Enrolment {
  return {
    id: 'e1',
    course_id: 'c1',
    name: '赵强',
    id_number: '5119**********1357',
    migrant_worker: false,
    status: 'enrolled',
    arrival: 1,
    created_at: '2026-11-20T00:00:00Z',
    // The worker may withdraw while enrolled or waiting, before the course begins.
    allowed_actions: extra.status === undefined || extra.status === 'enrolled' || extra.status === 'waitlisted' ? ['withdraw'] : [],
    ...extra,
  };
}

function own(e: Enrolment): OwnEnrolment {
  return { enrolment: e, course_title: '月嫂培训班' };
}

function session(id: string, date: string): CourseSession {
  return { id, date, starts_at: '19:00:00', ends_at: '21:00:00', teacher: '王老师' };
}

describe('the enrolment window', () => {
  it('is not open yet, open, or closed', () => {
    expect(enrolWindow(course({ enrol_opens_at: '2026-11-22T00:00:00Z' }), NOW)).toBe('not_yet');
    expect(enrolWindow(course(), NOW)).toBe('open');
    expect(enrolWindow(course({ enrol_closes_at: '2026-11-21T11:59:59Z' }), NOW)).toBe('closed');
  });

  it('counts places left, never below zero', () => {
    expect(placesLeft(course())).toBe(1);
    expect(placesLeft(course({ enrolled_count: 5 }))).toBe(0);
  });
});

describe('enrolState', () => {
  it('offers a place while there is one, else the waitlist', () => {
    expect(enrolState(course(), [], NOW)).toEqual({ kind: 'can_enrol' });
    expect(enrolState(course({ enrolled_count: 2 }), [], NOW)).toEqual({ kind: 'can_waitlist' });
    expect(enrolState(course({ status: 'full' }), undefined, NOW)).toEqual({ kind: 'can_waitlist' });
  });

  it('says where the worker stands on a course they are on', () => {
    expect(enrolState(course(), [own(enrolment())], NOW)).toEqual({ kind: 'enrolled' });
    expect(enrolState(course(), [own(enrolment({ status: 'waitlisted', waitlist_position: 3 }))], NOW)).toEqual({
      kind: 'waitlisted',
      position: 3,
    });
    // Someone who left may enrol again.
    expect(enrolState(course(), [own(enrolment({ status: 'withdrawn' }))], NOW)).toEqual({ kind: 'can_enrol' });
    // Another course's enrolment does not count.
    expect(enrolState(course(), [own(enrolment({ course_id: 'c2' }))], NOW)).toEqual({ kind: 'can_enrol' });
  });

  it('explains why not: started, not open yet, closed', () => {
    expect(enrolState(course({ status: 'running' }), [], NOW)).toEqual({ kind: 'running' });
    expect(enrolState(course({ enrol_opens_at: '2026-11-25T00:00:00Z' }), [], NOW)).toEqual({ kind: 'not_yet' });
    expect(enrolState(course({ enrol_closes_at: '2026-11-21T00:00:00Z' }), [], NOW)).toEqual({ kind: 'closed' });
  });

  it('finds the live enrolment of a course', () => {
    const list = [own(enrolment({ id: 'old', status: 'withdrawn' })), own(enrolment({ id: 'now', status: 'waitlisted' }))];
    expect(liveEnrolment(list, 'c1')?.id).toBe('now');
    expect(liveEnrolment(list, 'c2')).toBeUndefined();
  });
});

describe('enrolments', () => {
  it('reads an answer as a place or a waitlist position', () => {
    expect(enrolOutcome(enrolment())).toEqual({ kind: 'enrolled' });
    expect(enrolOutcome(enrolment({ status: 'waitlisted', waitlist_position: 4 }))).toEqual({ kind: 'waitlisted', position: 4 });
  });

  it('withdraws what is live and checks in only with a place', () => {
    expect(canWithdraw(enrolment())).toBe(true);
    expect(canWithdraw(enrolment({ status: 'waitlisted' }))).toBe(true);
    expect(canWithdraw(enrolment({ status: 'cancelled' }))).toBe(false);
    expect(canCheckIn(enrolment())).toBe(true);
    expect(canCheckIn(enrolment({ status: 'waitlisted' }))).toBe(false);
  });
});

describe('check-in', () => {
  const sessions = [session('s1', '2026-11-20'), session('s2', '2026-11-22'), session('s3', '2026-11-24')];

  it('offers today’s session, else the next one, else the last', () => {
    expect(defaultSession(sessions, '2026-11-22')?.id).toBe('s2');
    expect(defaultSession(sessions, '2026-11-21')?.id).toBe('s2');
    expect(defaultSession(sessions, '2026-12-01')?.id).toBe('s3');
    expect(defaultSession([], '2026-11-21')).toBeUndefined();
  });

  it('knows today in Beijing, whatever the machine’s zone', () => {
    expect(beijingToday(Date.parse('2026-11-21T15:59:59Z'))).toBe('2026-11-21');
    expect(beijingToday(Date.parse('2026-11-21T16:00:00Z'))).toBe('2026-11-22');
  });

  it('reads six digits with blanks or from a full-width keyboard', () => {
    expect(normaliseCheckinCode(' 123 456 ')).toBe('123456');
    expect(isCheckinCode('１２３４５６')).toBe(true);
    expect(isCheckinCode('12345')).toBe(false);
    expect(isCheckinCode('12345a')).toBe(false);
  });
});

describe('personBody', () => {
  it('sends the details cleaned, the mobile left out when empty', () => {
    expect(personBody({ name: ' 李四 ', id_number: '51192219900101001x', mobile: '139 0827-1234', migrant_worker: true })).toEqual({
      name: '李四',
      id_number: '51192219900101001X',
      mobile: '13908271234',
      migrant_worker: true,
    });
    expect(personBody({ name: '李四', id_number: '511922199001010011' })).toMatchObject({ mobile: null, migrant_worker: false });
  });
});
