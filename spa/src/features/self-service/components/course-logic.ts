//! Pure rules of a worker's own training: where a course's enrolment window stands, what the worker may do
//! on a course (enrol, join the waitlist, or why not), what an enrolment answer means, which of their
//! enrolments may be withdrawn or checked in with, the session to offer for check-in, and the check-in
//! code and personal details as typed.
import dayjs, { type Dayjs } from 'dayjs';
import type { Course, CourseSession, Enrolment, EnrolPersonBody, OwnEnrolment } from '@/api/types';
import { normaliseIdNumber } from '@/lib/id-number';
import { normaliseMobile } from '@/lib/mobile-number';

export type EnrolWindow = 'not_yet' | 'open' | 'closed';

/** Whether enrolment has opened, is open, or has closed at `now`. */
export function enrolWindow(course: Pick<Course, 'enrol_opens_at' | 'enrol_closes_at'>, now: Dayjs = dayjs()): EnrolWindow {
  if (now.isBefore(dayjs(course.enrol_opens_at))) return 'not_yet';
  if (now.isAfter(dayjs(course.enrol_closes_at))) return 'closed';
  return 'open';
}

/** Places still free (never below zero). */
export function placesLeft(course: Pick<Course, 'max_places' | 'enrolled_count'>): number {
  return Math.max(0, course.max_places - course.enrolled_count);
}

const LIVE = ['enrolled', 'waitlisted'];

/** The worker's enrolment on a course that still counts (enrolled or waitlisted), if any. */
export function liveEnrolment(enrolments: readonly OwnEnrolment[] | undefined, courseId: string): Enrolment | undefined {
  return (enrolments ?? []).map((own) => own.enrolment).find((e) => e.course_id === courseId && LIVE.includes(e.status));
}

/** What the worker may do on a course of the catalogue, or why not. */
export type EnrolState =
  | { kind: 'enrolled' }
  | { kind: 'waitlisted'; position: number | null }
  | { kind: 'can_enrol' }
  | { kind: 'can_waitlist' }
  | { kind: 'running' }
  | { kind: 'not_yet' }
  | { kind: 'closed' };

export function enrolState(
  course: Pick<Course, 'id' | 'status' | 'max_places' | 'enrolled_count' | 'enrol_opens_at' | 'enrol_closes_at'>,
  enrolments: readonly OwnEnrolment[] | undefined,
  now: Dayjs = dayjs(),
): EnrolState {
  const live = liveEnrolment(enrolments, course.id);
  if (live?.status === 'enrolled') return { kind: 'enrolled' };
  if (live) return { kind: 'waitlisted', position: live.waitlist_position ?? null };
  if (course.status !== 'open' && course.status !== 'full') return { kind: 'running' };
  const window = enrolWindow(course, now);
  if (window !== 'open') return { kind: window };
  if (course.status === 'full' || placesLeft(course) === 0) return { kind: 'can_waitlist' };
  return { kind: 'can_enrol' };
}

/** An enrolment's answer: a place, or the waitlist with its position. */
export type EnrolOutcome = { kind: 'enrolled' } | { kind: 'waitlisted'; position: number | null };

export function enrolOutcome(enrolment: Pick<Enrolment, 'status' | 'waitlist_position'>): EnrolOutcome {
  return enrolment.status === 'waitlisted'
    ? { kind: 'waitlisted', position: enrolment.waitlist_position ?? null }
    : { kind: 'enrolled' };
}

/** Enrolled or waitlisted can be withdrawn (until the course starts: the API says when it has). */
export function canWithdraw(enrolment: Pick<Enrolment, 'status'>): boolean {
  return LIVE.includes(enrolment.status);
}

/** Only someone with a place checks in. */
export function canCheckIn(enrolment: Pick<Enrolment, 'status'>): boolean {
  return enrolment.status === 'enrolled';
}

/** Today in Beijing time, as session dates are kept (China has one time zone and no daylight saving). */
export function beijingToday(now: number = Date.now()): string {
  return new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The session to offer first: today's, else the next one, else the last (a late check-in is refused by the API). */
export function defaultSession(sessions: readonly CourseSession[], today: string = beijingToday()): CourseSession | undefined {
  return sessions.find((s) => s.date === today) ?? sessions.find((s) => s.date > today) ?? sessions[sessions.length - 1];
}

/** The six digits as typed (blanks dropped, full-width digits read as digits). */
export function normaliseCheckinCode(raw: string | null | undefined): string {
  return (raw ?? '').normalize('NFKC').replace(/\s/g, '');
}

export function isCheckinCode(raw: string | null | undefined): boolean {
  return /^\d{6}$/.test(normaliseCheckinCode(raw));
}

/** Personal details for an account not linked to a member record (the API checks them as for a member). */
export interface PersonFormValues {
  name?: string;
  id_number?: string;
  mobile?: string;
  migrant_worker?: boolean;
}

export function personBody(values: PersonFormValues): EnrolPersonBody {
  const mobile = normaliseMobile((values.mobile ?? '').trim());
  return {
    name: (values.name ?? '').trim(),
    id_number: normaliseIdNumber(values.id_number ?? ''),
    mobile: mobile === '' ? null : mobile,
    migrant_worker: values.migrant_worker ?? false,
  };
}

/** `19:00:00` → `19:00`. */
export function shortTime(time: string): string {
  return time.slice(0, 5);
}
