//! Pure rules of the demand board: its filters in the URL, the 我要点菜 body, the existing request a 409
//! names, the board after a +1, and the 排课 form (prefilled from the request) with the course body it sends.
import type { InfiniteData } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { CourseRequest, CourseRequestPage, CreateCourseRequestBody, FieldError, ScheduleCourseBody } from '@/api/types';
import { ApiError } from '@/lib/api-error';
import { yuanToFen } from '@/lib/money';
import type { CourseRequestFilters } from '../api/course-requests';

export const TOPIC_MAX = 100;
export const PREFERRED_TIMES_MAX = 100;

export type BoardStatus = 'open' | 'scheduled' | 'all';
export const BOARD_STATUSES: readonly BoardStatus[] = ['open', 'scheduled', 'all'];

const CODE = /^[a-z0-9_]{1,50}$/;
const DIVISION_PREFIX = /^\d{1,6}$/;

/** Digits of a division code as typed (blanks dropped; full-width digits read as digits). */
export function normaliseDivision(raw: string | null | undefined): string {
  return (raw ?? '').normalize('NFKC').replace(/\s/g, '');
}

/** A full 6-digit division code (县 511922), as a request names its place. */
export function isDivisionCode(raw: string | null | undefined): boolean {
  return /^\d{6}$/.test(normaliseDivision(raw));
}

/** A division code or its prefix (5119 for a city), as the board filters. */
export function isDivisionPrefix(raw: string | null | undefined): boolean {
  return DIVISION_PREFIX.test(normaliseDivision(raw));
}

/** The board's filters in the URL; malformed values are ignored (the default status is open). */
export function boardFiltersFrom(params: URLSearchParams): CourseRequestFilters {
  const filters: CourseRequestFilters = {};
  const status = params.get('status')?.trim();
  if (status && (BOARD_STATUSES as readonly string[]).includes(status) && status !== 'open') filters.status = status;
  const category = params.get('category')?.trim();
  if (category && CODE.test(category)) filters.category = category;
  const division = normaliseDivision(params.get('division'));
  if (division && DIVISION_PREFIX.test(division)) filters.division = division;
  return filters;
}

/** The filter form's values. */
export interface BoardFilterValues {
  status?: BoardStatus;
  category?: string;
  division?: string;
}

export function boardFilterValues(filters: CourseRequestFilters): BoardFilterValues {
  return {
    status: (filters.status as BoardStatus | undefined) ?? 'open',
    category: filters.category ?? undefined,
    division: filters.division ?? undefined,
  };
}

/** The filter form's values as URL parameters: only what differs from the defaults. */
export function boardParamsFrom(values: BoardFilterValues): URLSearchParams {
  const next = new URLSearchParams();
  if (values.status && values.status !== 'open') next.set('status', values.status);
  if (values.category) next.set('category', values.category);
  const division = normaliseDivision(values.division);
  if (division) next.set('division', division);
  return next;
}

/** 我要点菜's values. */
export interface CourseRequestFormValues {
  category?: string | null;
  topic?: string;
  division?: string;
  preferred_times?: string;
}

export function courseRequestBody(values: CourseRequestFormValues): CreateCourseRequestBody {
  const preferred = (values.preferred_times ?? '').trim();
  return {
    category: values.category || null,
    topic: (values.topic ?? '').trim(),
    division: normaliseDivision(values.division),
    preferred_times: preferred === '' ? null : preferred,
  };
}

/** The open request a 409 `course_request_exists` points to (its detail names topic and id). */
export interface ExistingRequest {
  id: string;
  topic: string;
}

const EXISTING = /'(.+)' exists \(id ([^)\s]+)\)/;

export function existingRequestOf(error: Pick<ApiError, 'status' | 'problem'> | null | undefined): ExistingRequest | null {
  if (!error || error.status !== 409 || error.problem?.code !== 'course_request_exists') return null;
  const match = EXISTING.exec(error.problem.detail ?? '');
  if (!match?.[1] || !match[2]) return null;
  return { topic: match[1], id: match[2] };
}

/** The board with one request replaced by its new state (after a +1), keeping every row where it was. */
export function withRequest(
  board: InfiniteData<CourseRequestPage> | undefined,
  updated: Pick<CourseRequest, 'id'> & Partial<CourseRequest>,
): InfiniteData<CourseRequestPage> | undefined {
  if (!board) return board;
  return {
    ...board,
    pages: board.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => (item.id === updated.id ? { ...item, ...updated } : item)),
    })),
  };
}

/** 排课's values: the course fields, fee in yuan as typed, the enrolment window as two times. */
export interface ScheduleFormValues {
  organisation_id?: string;
  title?: string;
  category?: string;
  description?: string;
  partner_name?: string;
  venue?: string;
  venue_address?: string;
  venue_division?: string;
  fee_yuan?: string;
  min_places?: number | null;
  max_places?: number | null;
  enrol_window?: [Dayjs, Dayjs] | null;
  eligibility?: string;
  completion_percent?: number | null;
}

/** The form's fields (fee in yuan, the enrolment window as one range), for server field errors. */
export const SCHEDULE_FORM_FIELDS: readonly string[] = [
  'organisation_id',
  'title',
  'category',
  'description',
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
];

/** Where a server field error goes on the form (fee and window are typed differently). */
export function scheduleFieldOf(field: string): string {
  if (field === 'fee_fen') return 'fee_yuan';
  if (field === 'enrol_opens_at' || field === 'enrol_closes_at') return 'enrol_window';
  return field;
}

/** The same error with its field errors moved onto the form's fields (for `applyProblemToForm`). */
export function remapScheduleProblem(error: ApiError): ApiError {
  if (!error.problem || error.fieldErrors.length === 0) return error;
  const errors: FieldError[] = error.fieldErrors.map((fieldError) =>
    fieldError.field ? { ...fieldError, field: scheduleFieldOf(fieldError.field) } : fieldError,
  );
  return new ApiError(error.status, { ...error.problem, errors }, error.headers);
}

/** Days enrolment stays open by default. */
export const DEFAULT_ENROL_DAYS = 14;

/** The form prefilled from the request: title = topic, its category and place, run by the caller's home. */
export function scheduleDefaults(
  request: Pick<CourseRequest, 'topic' | 'category' | 'division'>,
  home: string | undefined,
  now: Dayjs = dayjs(),
): ScheduleFormValues {
  const opens = now.startOf('minute');
  return {
    organisation_id: home,
    title: request.topic,
    category: request.category ?? undefined,
    venue_division: request.division,
    fee_yuan: '0',
    min_places: 0,
    max_places: 30,
    enrol_window: [opens, opens.add(DEFAULT_ENROL_DAYS, 'day').endOf('day').startOf('minute')],
    eligibility: 'subtree_members',
    completion_percent: 80,
  };
}

/** The CreateCourse body of the form (checked by the form's rules first; the API checks again). */
export function scheduleBody(values: ScheduleFormValues): ScheduleCourseBody {
  const text = (value: string | undefined) => (value ?? '').trim();
  const optional = (value: string | undefined) => text(value) || null;
  const [opens, closes] = values.enrol_window ?? [];
  return {
    organisation_id: values.organisation_id ?? '',
    title: text(values.title),
    category: values.category ?? '',
    description: text(values.description),
    partner_name: optional(values.partner_name),
    venue: text(values.venue),
    venue_address: text(values.venue_address),
    venue_division: normaliseDivision(values.venue_division),
    fee_fen: yuanToFen(values.fee_yuan ?? '0') ?? 0,
    min_places: values.min_places ?? 0,
    max_places: values.max_places ?? 0,
    enrol_opens_at: opens ? opens.toISOString() : '',
    enrol_closes_at: closes ? closes.toISOString() : '',
    eligibility: values.eligibility ?? null,
    completion_percent: values.completion_percent ?? null,
  };
}
