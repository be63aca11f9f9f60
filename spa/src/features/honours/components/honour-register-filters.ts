//! The register's filters in the URL. No `kind` means the model-worker register (劳模名册); `kind=all`
//! lists honours of every kind.
import type { HonourFilters } from '../api/honours';

export const DEFAULT_HONOUR_KIND = 'model_worker';
/** The kind select's value (and the URL's) for "every kind". */
export const ALL_KINDS = 'all';

const CODE = /^[a-z0-9_]{1,50}$/;

/** The form's values: the kind is always set (a code or ALL_KINDS). */
export interface HonourFilterValues {
  kind: string;
  level?: string;
  organisation_id?: string;
}

/** The query filters in the URL (malformed values are ignored). */
export function honourFiltersFrom(params: URLSearchParams): HonourFilters {
  const filters: HonourFilters = {};
  const kind = params.get('kind')?.trim();
  if (!kind || !CODE.test(kind)) filters.kind = DEFAULT_HONOUR_KIND;
  else if (kind !== ALL_KINDS) filters.kind = kind;
  const level = params.get('level')?.trim();
  if (level && CODE.test(level)) filters.level = level;
  const organisationId = params.get('organisation_id')?.trim();
  if (organisationId) filters.organisation_id = organisationId;
  return filters;
}

/** The form's values as URL parameters: only what differs from the default register. */
export function honourParamsFrom(values: Partial<HonourFilterValues>): URLSearchParams {
  const next = new URLSearchParams();
  if (values.kind && values.kind !== DEFAULT_HONOUR_KIND) next.set('kind', values.kind);
  if (values.level) next.set('level', values.level);
  if (values.organisation_id) next.set('organisation_id', values.organisation_id);
  return next;
}

/** The form's values for the filters in force. */
export function honourFilterValues(filters: HonourFilters): HonourFilterValues {
  return { kind: filters.kind ?? ALL_KINDS, level: filters.level, organisation_id: filters.organisation_id };
}
