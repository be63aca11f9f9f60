//! The organisation form's local state and its conversion to request bodies.
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type {
  CreateOrganisationBody,
  Organisation,
  OrganisationKind,
  Ownership,
  UpdateOrganisationBody,
} from '@/api/types';

/** Field values as the antd form holds them (dates as Dayjs, blanks as undefined). */
export interface OrganisationFormValues {
  name: string;
  short_name?: string;
  kind: OrganisationKind;
  division_code?: string;
  credit_code?: string;
  address?: string;
  ownership?: Ownership;
  industry?: string;
  headcount?: number;
  women_headcount?: number;
  founded_on?: Dayjs;
  legal_person_certificate?: string;
  chair_name?: string;
  chair_contact?: string;
}

/** The form's field names, which are the JSON field names (so 422 errors land on them). */
export const ORGANISATION_FORM_FIELDS = [
  'name',
  'short_name',
  'kind',
  'division_code',
  'credit_code',
  'address',
  'ownership',
  'industry',
  'headcount',
  'women_headcount',
  'founded_on',
  'legal_person_certificate',
  'chair_name',
  'chair_contact',
] as const satisfies readonly (keyof OrganisationFormValues & keyof Organisation)[];

export const ALL_KINDS: OrganisationKind[] = [
  'national_federation',
  'provincial_federation',
  'city_federation',
  'county_federation',
  'township_union',
  'enterprise_union',
  'institution_union',
  'organ_union',
  'community_union',
  'regional_union',
  'industry_union',
  'joint_union',
  'rights_point',
  'legal_station',
];

export const ALL_OWNERSHIPS: Ownership[] = ['state_owned', 'collective', 'non_public'];

/** The usual kind of a new child, by the parent's kind. */
export function suggestedChildKind(parent: OrganisationKind): OrganisationKind {
  switch (parent) {
    case 'national_federation':
      return 'provincial_federation';
    case 'provincial_federation':
      return 'city_federation';
    case 'city_federation':
      return 'county_federation';
    case 'county_federation':
      return 'township_union';
    default:
      return 'enterprise_union';
  }
}

export const DIVISION_CODE = /^\d{6}$/;
/** GB 32100-2015 alphabet: digits and capitals without I, O, S, V, Z. */
export const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
/** Length limits the API enforces (see the CreateOrganisation schema); checked locally first. */
export const MAX_LENGTH = {
  name: 100,
  short_name: 30,
  address: 200,
  industry: 50,
  legal_person_certificate: 50,
  chair_name: 50,
  chair_contact: 50,
} as const;
export const HEADCOUNT_MAX = 10_000_000;

function text(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function num(value: number | undefined | null): number | null {
  return value === undefined || value === null ? null : value;
}

/** Values of an existing organisation for the edit form. */
export function toFormValues(org: Organisation): OrganisationFormValues {
  return {
    name: org.name,
    short_name: org.short_name ?? undefined,
    kind: org.kind,
    division_code: org.division_code ?? undefined,
    credit_code: org.credit_code ?? undefined,
    address: org.address ?? undefined,
    ownership: org.ownership ?? undefined,
    industry: org.industry ?? undefined,
    headcount: org.headcount ?? undefined,
    women_headcount: org.women_headcount ?? undefined,
    founded_on: org.founded_on ? dayjs(org.founded_on) : undefined,
    legal_person_certificate: org.legal_person_certificate ?? undefined,
    chair_name: org.chair_name ?? undefined,
    chair_contact: org.chair_contact ?? undefined,
  };
}

/** Every field normalised: trimmed text, blanks as null, the date as YYYY-MM-DD. */
function normalise(values: OrganisationFormValues) {
  return {
    name: values.name.trim(),
    short_name: text(values.short_name),
    kind: values.kind,
    division_code: text(values.division_code),
    credit_code: text(values.credit_code)?.toUpperCase() ?? null,
    address: text(values.address),
    ownership: values.ownership ?? null,
    industry: text(values.industry),
    headcount: num(values.headcount),
    women_headcount: num(values.women_headcount),
    founded_on: values.founded_on ? values.founded_on.format('YYYY-MM-DD') : null,
    legal_person_certificate: text(values.legal_person_certificate),
    chair_name: text(values.chair_name),
    chair_contact: text(values.chair_contact),
  };
}

/** The POST body: blank optional fields are left out. */
export function toCreateBody(values: OrganisationFormValues, parentId: string): CreateOrganisationBody {
  const all = normalise(values);
  const body: Record<string, unknown> = { parent_id: parentId };
  for (const [key, value] of Object.entries(all)) {
    if (value !== null) body[key] = value;
  }
  return body as CreateOrganisationBody;
}

/** The PATCH body: only changed fields; a cleared field is sent as null. */
export function toUpdateBody(values: OrganisationFormValues, original: Organisation): UpdateOrganisationBody {
  const all = normalise(values);
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all)) {
    const before = (original as Record<string, unknown>)[key] ?? null;
    if (value !== before) body[key] = value;
  }
  return body;
}
