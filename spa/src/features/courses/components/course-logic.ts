//! Pure logic of the course pages: the life-cycle buttons of what the server allows (`allowed_actions`),
//! the course form ↔ request bodies (the fee typed in yuan, sent in fen; the enrolment window picked in
//! local time, sent as RFC 3339 UTC), sessions and their times, and the enrolment list's order and labels.
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type {
  Course,
  CourseEvent,
  CourseSession,
  CreateCourseBody,
  CreateSessionBody,
  Enrolment,
  EnrolPersonBody,
  FieldError,
  UpdateCourseBody,
} from '@/api/types';
import { ApiError } from '@/lib/api-error';
import { normaliseIdNumber } from '@/lib/id-number';
import { normaliseMobile } from '@/lib/mobile-number';
import { fenToYuan, yuanToFen } from '@/lib/money';

/** The life-cycle steps a person takes (the others the server offers are edits and enrolling). */
export type CourseAction = Extract<CourseEvent, 'publish' | 'start' | 'finish' | 'cancel'>;

/** The API's limits. */
export const TITLE_MAX = 100;
export const DESCRIPTION_MAX = 2000;
export const PARTNER_NAME_MAX = 100;
export const VENUE_MAX = 100;
export const ADDRESS_MAX = 200;
export const PLACES_MAX = 10_000;
/** 100,000 yuan. */
export const FEE_MAX_FEN = 10_000_000;
export const DEFAULT_COMPLETION_PERCENT = 80;
export const REASON_MAX = 200;
export const TEACHER_MAX = 50;
export const PERSON_NAME_MAX = 50;
export const DIVISION = /^\d{6}$/;
export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

// What may be done ----------------------------------------------------------------------------------

/** The life-cycle buttons in display order. */
const LIFECYCLE_ORDER: readonly CourseAction[] = ['publish', 'start', 'finish', 'cancel'];

/**
 * The life-cycle actions to offer: exactly those of the course's `allowed_actions` (the server decides by
 * the caller's permissions, the course's state and its facts), in button order.
 */
export function lifecycleActions(allowed: readonly CourseEvent[]): CourseAction[] {
  return LIFECYCLE_ORDER.filter((action) => allowed.includes(action));
}

/**
 * Why publishing is not offered yet, to say so beside a disabled button: a draft without sessions whose
 * caller may add one (the server offers `publish` once there is a session). Null otherwise.
 */
export function publishBlocker(
  course: Pick<Course, 'status' | 'allowed_actions'>,
  sessionCount: number,
): 'noSessions' | null {
  const { status, allowed_actions: allowed } = course;
  return status === 'draft' && sessionCount === 0 && !allowed.includes('publish') && allowed.includes('edit_sessions')
    ? 'noSessions'
    : null;
}

/** Attendance is marked (and check-in codes shown) on published courses until they finish. */
export function takesAttendance(status: string): boolean {
  return status === 'open' || status === 'full' || status === 'running';
}

export function statusColor(status: string): string {
  switch (status) {
    case 'draft':
      return 'default';
    case 'open':
      return 'green';
    case 'full':
      return 'orange';
    case 'running':
      return 'blue';
    case 'finished':
      return 'purple';
    case 'cancelled':
      return 'red';
    default:
      return 'default';
  }
}

// The course form -----------------------------------------------------------------------------------

export type PartnerKind = 'none' | 'organisation' | 'named';

/** The course form as antd holds it. */
export interface CourseFormValues {
  organisation_id?: string;
  title?: string;
  category?: string;
  description?: string;
  partner_kind?: PartnerKind;
  partner_organisation_id?: string | null;
  partner_name?: string | null;
  venue?: string;
  venue_address?: string;
  venue_division?: string;
  /** Yuan as typed (exact decimals); empty means free. */
  fee_yuan?: string | null;
  min_places?: number | null;
  max_places?: number | null;
  /** Opens and closes, local time. */
  enrol_window?: [Dayjs | null, Dayjs | null];
  eligibility?: string;
  completion_percent?: number | null;
}

/** The form's fields: server errors on `fee_fen` and `enrol_*_at` are moved onto them (see remap). */
export const COURSE_FORM_FIELDS = [
  'organisation_id',
  'title',
  'category',
  'description',
  'partner_organisation_id',
  'partner_name',
  'venue',
  'venue_address',
  'venue_division',
  'fee_yuan',
  'min_places',
  'max_places',
  'enrol_window',
  'eligibility',
  'completion_percent',
] as const;

/** A moment as RFC 3339 UTC without milliseconds ("2025-05-01T00:00:00Z"). */
export function toRfc3339(moment: Dayjs): string {
  return moment.toDate().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The values of a new course: owned by the user's organisation, free, open to its members, 80 %. */
export function newCourseValues(organisationId: string | undefined, now: Dayjs = dayjs()): CourseFormValues {
  const opens = now.startOf('hour').add(1, 'hour');
  return {
    organisation_id: organisationId,
    partner_kind: 'none',
    fee_yuan: '0',
    min_places: 0,
    eligibility: 'subtree_members',
    completion_percent: DEFAULT_COMPLETION_PERCENT,
    enrol_window: [opens, opens.add(14, 'day')],
  };
}

const trimmed = (value: string | null | undefined) => (value ?? '').trim();

/** The body of `POST /courses`: texts trimmed, the fee in whole fen, the window in UTC. */
export function toCreateCourseBody(values: CourseFormValues): CreateCourseBody {
  const [opens, closes] = values.enrol_window ?? [null, null];
  const body: CreateCourseBody = {
    organisation_id: values.organisation_id ?? '',
    title: trimmed(values.title),
    category: values.category ?? '',
    description: trimmed(values.description),
    venue: trimmed(values.venue),
    venue_address: trimmed(values.venue_address),
    venue_division: trimmed(values.venue_division),
    // Empty is free; the form refuses what is not an amount, and -1 makes the server name the field.
    fee_fen: trimmed(values.fee_yuan) === '' ? 0 : (yuanToFen(values.fee_yuan) ?? -1),
    min_places: values.min_places ?? 0,
    max_places: values.max_places ?? 0,
    enrol_opens_at: opens ? toRfc3339(opens) : '',
    enrol_closes_at: closes ? toRfc3339(closes) : '',
    eligibility: values.eligibility ?? 'subtree_members',
    completion_percent: values.completion_percent ?? DEFAULT_COMPLETION_PERCENT,
  };
  const kind = values.partner_kind ?? 'none';
  if (kind === 'organisation' && values.partner_organisation_id) body.partner_organisation_id = values.partner_organisation_id;
  if (kind === 'named' && trimmed(values.partner_name)) body.partner_name = trimmed(values.partner_name);
  return body;
}

/** The form's values for a course (the fee back in yuan, the window as local moments). */
export function toCourseFormValues(course: Course): CourseFormValues {
  return {
    organisation_id: course.organisation_id,
    title: course.title,
    category: course.category,
    description: course.description,
    partner_kind: course.partner_organisation_id ? 'organisation' : course.partner_name ? 'named' : 'none',
    partner_organisation_id: course.partner_organisation_id ?? null,
    partner_name: course.partner_name ?? null,
    venue: course.venue,
    venue_address: course.venue_address,
    venue_division: course.venue_division,
    fee_yuan: fenToYuan(course.fee_fen),
    min_places: course.min_places,
    max_places: course.max_places,
    enrol_window: [dayjs(course.enrol_opens_at), dayjs(course.enrol_closes_at)],
    eligibility: course.eligibility,
    completion_percent: course.completion_percent,
  };
}

const sameInstant = (a: string, b: string) => dayjs(a).valueOf() === dayjs(b).valueOf();

/** The body of `PATCH /courses/{id}`: only what differs from the course as read (`null` clears a partner). */
export function toUpdateCourseBody(values: CourseFormValues, course: Course): UpdateCourseBody {
  const next = toCreateCourseBody(values);
  const body: UpdateCourseBody = {};
  if (next.title !== course.title) body.title = next.title;
  if (next.category !== course.category) body.category = next.category;
  if ((next.description ?? '') !== course.description) body.description = next.description;
  const partnerOrg = next.partner_organisation_id ?? null;
  if (partnerOrg !== (course.partner_organisation_id ?? null)) body.partner_organisation_id = partnerOrg;
  const partnerName = next.partner_name ?? null;
  if (partnerName !== (course.partner_name ?? null)) body.partner_name = partnerName;
  if (next.venue !== course.venue) body.venue = next.venue;
  if (next.venue_address !== course.venue_address) body.venue_address = next.venue_address;
  if (next.venue_division !== course.venue_division) body.venue_division = next.venue_division;
  if (next.fee_fen !== course.fee_fen) body.fee_fen = next.fee_fen;
  if (next.min_places !== course.min_places) body.min_places = next.min_places;
  if (next.max_places !== course.max_places) body.max_places = next.max_places;
  if (!sameInstant(next.enrol_opens_at, course.enrol_opens_at)) body.enrol_opens_at = next.enrol_opens_at;
  if (!sameInstant(next.enrol_closes_at, course.enrol_closes_at)) body.enrol_closes_at = next.enrol_closes_at;
  if (next.eligibility !== course.eligibility) body.eligibility = next.eligibility;
  if (next.completion_percent !== course.completion_percent) body.completion_percent = next.completion_percent;
  return body;
}

/** Field names of the API → the form's (fee in yuan, the window as one picker). */
const FIELD_RENAMES: Record<string, string> = {
  fee_fen: 'fee_yuan',
  enrol_opens_at: 'enrol_window',
  enrol_closes_at: 'enrol_window',
};

/** The same error with the API's field names moved onto the form's (for `applyProblemToForm`). */
export function remapCourseProblem(error: ApiError): ApiError {
  if (!error.problem || error.fieldErrors.length === 0) return error;
  const errors: FieldError[] = error.fieldErrors.map((fieldError) => {
    const renamed = fieldError.field ? FIELD_RENAMES[fieldError.field] : undefined;
    return renamed ? { ...fieldError, field: renamed } : fieldError;
  });
  return new ApiError(error.status, { ...error.problem, errors }, error.headers);
}

// Sessions ------------------------------------------------------------------------------------------

/** "19:00:00" → "19:00". */
export function hhmm(time: string): string {
  return time.slice(0, 5);
}

/** "2025-06-01 19:00–21:00" (Beijing time, as the API keeps it). */
export function sessionTime(session: Pick<CourseSession, 'date' | 'starts_at' | 'ends_at'>): string {
  return `${session.date} ${hhmm(session.starts_at)}–${hhmm(session.ends_at)}`;
}

export interface SessionFormValues {
  date?: Dayjs | null;
  starts_at?: Dayjs | null;
  ends_at?: Dayjs | null;
  venue?: string;
  teacher?: string;
}

export const SESSION_FORM_FIELDS = ['date', 'starts_at', 'ends_at', 'venue', 'teacher'] as const;

/** The body of `POST /courses/{id}/sessions`: the date, HH:MM times, a venue only when given. */
export function toSessionBody(values: SessionFormValues): CreateSessionBody {
  const body: CreateSessionBody = {
    date: values.date ? values.date.format('YYYY-MM-DD') : '',
    starts_at: values.starts_at ? values.starts_at.format('HH:mm') : '',
    ends_at: values.ends_at ? values.ends_at.format('HH:mm') : '',
    teacher: trimmed(values.teacher),
  };
  const venue = trimmed(values.venue);
  if (venue) body.venue = venue;
  return body;
}

/** Whether the end is after the start (on the same day). */
export function endsAfterStart(start: Dayjs | null | undefined, end: Dayjs | null | undefined): boolean {
  if (!start || !end) return true;
  return end.hour() * 60 + end.minute() > start.hour() * 60 + start.minute();
}

// Enrolments ----------------------------------------------------------------------------------------

export type EnrolmentGroup = 'enrolled' | 'waitlisted' | 'left';

export function enrolmentGroup(status: string): EnrolmentGroup {
  if (status === 'enrolled') return 'enrolled';
  if (status === 'waitlisted') return 'waitlisted';
  return 'left';
}

const GROUP_RANK: Record<EnrolmentGroup, number> = { enrolled: 0, waitlisted: 1, left: 2 };

/** An enrolment as listed: its group and its number there (the place, or the waitlist position). */
export interface EnrolmentRow {
  enrolment: Enrolment;
  group: EnrolmentGroup;
  /** 1-based: the place among those enrolled, or the waitlist position; null for those who left. */
  position: number | null;
}

/**
 * The list as staff read it: enrolled in arrival order, then the waitlist in order (its position as the
 * server gives it), then those who left. The server sends this order already; it is kept whatever comes.
 */
export function enrolmentRows(items: readonly Enrolment[]): EnrolmentRow[] {
  const sorted = [...items].sort(
    (a, b) => GROUP_RANK[enrolmentGroup(a.status)] - GROUP_RANK[enrolmentGroup(b.status)] || a.arrival - b.arrival,
  );
  let place = 0;
  let waiting = 0;
  return sorted.map((enrolment) => {
    const group = enrolmentGroup(enrolment.status);
    if (group === 'enrolled') return { enrolment, group, position: ++place };
    if (group === 'waitlisted') {
      waiting += 1;
      return { enrolment, group, position: enrolment.waitlist_position ?? waiting };
    }
    return { enrolment, group, position: null };
  });
}

export interface EnrolmentCounts {
  enrolled: number;
  waitlisted: number;
  left: number;
}

export function enrolmentCounts(items: readonly Enrolment[]): EnrolmentCounts {
  const counts: EnrolmentCounts = { enrolled: 0, waitlisted: 0, left: 0 };
  for (const item of items) counts[enrolmentGroup(item.status)] += 1;
  return counts;
}

export type EnrolKind = 'member' | 'person';

export interface EnrolFormValues {
  kind?: EnrolKind;
  member_id?: string;
  person?: { name?: string; id_number?: string; mobile?: string; migrant_worker?: boolean };
}

/** The enrol form's fields; `person.*` errors land on the nested fields. */
export const ENROL_FORM_FIELDS = ['member_id', 'person'] as const;

/** The body of `POST /courses/{id}/enrolments`: a member's id, or a worker's checked details. */
export function toEnrolBody(values: EnrolFormValues): { member_id?: string; person?: EnrolPersonBody } {
  if ((values.kind ?? 'member') === 'member') return { member_id: values.member_id ?? '' };
  const person: EnrolPersonBody = {
    name: trimmed(values.person?.name),
    id_number: normaliseIdNumber(values.person?.id_number ?? ''),
    migrant_worker: values.person?.migrant_worker ?? false,
  };
  const mobile = normaliseMobile(values.person?.mobile ?? '');
  if (mobile) person.mobile = mobile;
  return { person };
}
