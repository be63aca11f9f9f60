//! The catalogue's filters in the URL: statuses (several), category, title, union (with everything below
//! it) and "不足开班人数". Malformed values are ignored.
import type { CourseFilters } from '../api/courses';

const CODE = /^[a-z0-9_]{1,50}$/;
/** The longest title search kept from the URL. */
export const TITLE_SEARCH_MAX = 100;

/** The form's values. */
export interface CourseFilterValues {
  status?: string[];
  category?: string;
  q?: string;
  organisation_id?: string;
  below_minimum?: boolean;
}

/** The query filters in the URL (`status` is a comma list, as the API takes it). */
export function courseFiltersFrom(params: URLSearchParams): CourseFilters {
  const filters: CourseFilters = {};
  const statuses = (params.get('status') ?? '')
    .split(',')
    .map((status) => status.trim())
    .filter((status) => CODE.test(status));
  if (statuses.length > 0) filters.status = [...new Set(statuses)].join(',');
  const category = params.get('category')?.trim();
  if (category && CODE.test(category)) filters.category = category;
  const q = params.get('q')?.trim();
  if (q) filters.q = q.slice(0, TITLE_SEARCH_MAX);
  const organisationId = params.get('organisation_id')?.trim();
  if (organisationId) filters.organisation_id = organisationId;
  if (params.get('below_minimum') === 'true') filters.below_minimum = true;
  return filters;
}

/** The form's values as URL parameters: only what is set. */
export function courseParamsFrom(values: CourseFilterValues): URLSearchParams {
  const next = new URLSearchParams();
  const set = (key: string, value: string | undefined | null) => {
    if (value && value.trim() !== '') next.set(key, value.trim());
  };
  set('status', (values.status ?? []).join(','));
  set('category', values.category);
  set('q', values.q);
  set('organisation_id', values.organisation_id);
  if (values.below_minimum) next.set('below_minimum', 'true');
  return next;
}

/** The form's values for the filters in force. */
export function courseFilterValues(filters: CourseFilters): CourseFilterValues {
  return {
    status: filters.status ? filters.status.split(',') : [],
    category: filters.category,
    q: filters.q,
    organisation_id: filters.organisation_id,
    below_minimum: filters.below_minimum === true,
  };
}
