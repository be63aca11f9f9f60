//! The hardship register's filters in the URL: status, category, name, union and "复核到期" (approved
//! files due for re-review on or before a date). Malformed values are ignored.
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { HardshipFilters } from '../api/hardship-files';

const CODE = /^[a-z0-9_]{1,50}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The longest name search kept from the URL. */
export const NAME_MAX = 50;

/** The form's values (the date as Dayjs). */
export interface HardshipFilterValues {
  status?: string;
  category?: string;
  q?: string;
  review_due_before?: Dayjs | null;
  organisation_id?: string;
}

function isDate(value: string): boolean {
  return DATE.test(value) && dayjs(value).format('YYYY-MM-DD') === value;
}

/** The query filters in the URL. */
export function hardshipFiltersFrom(params: URLSearchParams): HardshipFilters {
  const filters: HardshipFilters = {};
  const status = params.get('status')?.trim();
  if (status && CODE.test(status)) filters.status = status;
  const category = params.get('category')?.trim();
  if (category && CODE.test(category)) filters.category = category;
  const q = params.get('q')?.trim();
  if (q) filters.q = q.slice(0, NAME_MAX);
  const due = params.get('review_due_before')?.trim();
  if (due && isDate(due)) filters.review_due_before = due;
  const organisationId = params.get('organisation_id')?.trim();
  if (organisationId) filters.organisation_id = organisationId;
  return filters;
}

/** The form's values as URL parameters: only what is set. */
export function hardshipParamsFrom(values: HardshipFilterValues): URLSearchParams {
  const next = new URLSearchParams();
  const set = (key: string, value: string | undefined | null) => {
    if (value && value.trim() !== '') next.set(key, value.trim());
  };
  set('status', values.status);
  set('category', values.category);
  set('q', values.q);
  set('review_due_before', values.review_due_before?.format('YYYY-MM-DD'));
  set('organisation_id', values.organisation_id);
  return next;
}

/** The form's values for the filters in force. */
export function hardshipFilterValues(filters: HardshipFilters): HardshipFilterValues {
  return {
    status: filters.status,
    category: filters.category,
    q: filters.q,
    review_due_before: filters.review_due_before ? dayjs(filters.review_due_before) : undefined,
    organisation_id: filters.organisation_id,
  };
}

/**
 * "复核到期" lists approved files only: with another status chosen too the register is necessarily
 * empty, which the page says rather than showing nothing without a reason.
 */
export function dueFilterConflicts(filters: HardshipFilters): boolean {
  return !!filters.review_due_before && !!filters.status && filters.status !== 'approved';
}
