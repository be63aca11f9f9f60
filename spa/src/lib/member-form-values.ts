//! The member form's state, its conversion to request bodies, and the mapping of server errors.
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { CreateMemberBody, FieldError, Member, UpdateMemberBody } from '@/api/types';
import { ApiError } from './api-error';
import { checkIdNumber, normaliseIdNumber } from './id-number';
import { normaliseMobile } from './mobile-number';
import { applyProblemToForm } from './problem';

/** Field values as the antd form holds them (dates as Dayjs, blanks as undefined). */
export interface MemberFormValues {
  name: string;
  /** Required on create; on edit blank keeps the current (masked) number. */
  id_number?: string;
  /** Only on create: transfers between unions are a separate process. */
  organisation_id?: string;
  /** On edit blank keeps the current (masked) number. */
  mobile?: string;
  ethnicity?: string;
  education?: string;
  political_status?: string;
  hukou_type?: string;
  hukou_division?: string;
  employment_status?: string;
  skill_level?: string;
  migrant_worker: boolean;
  new_form_employment: boolean;
  new_form_kind?: string;
  dispatched: boolean;
  joined_on?: Dayjs;
}

/** The form's field names, which are the JSON field names (so 422 errors land on them). */
export const MEMBER_FORM_FIELDS = [
  'name',
  'id_number',
  'organisation_id',
  'mobile',
  'ethnicity',
  'education',
  'political_status',
  'hukou_type',
  'hukou_division',
  'employment_status',
  'skill_level',
  'migrant_worker',
  'new_form_employment',
  'new_form_kind',
  'dispatched',
  'joined_on',
] as const satisfies readonly (keyof MemberFormValues & keyof CreateMemberBody)[];

/** Fields the form does not show because they follow from the ID number: their errors go there. */
const DERIVED_FROM_ID_NUMBER = ['birth_date', 'gender'];

export const HUKOU_DIVISION = /^\d{6}$/;
export const NAME_MAX = 50;

export const EMPTY_MEMBER_FORM: Partial<MemberFormValues> = {
  migrant_worker: false,
  new_form_employment: false,
  dispatched: false,
};

function text(value: string | undefined | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Values of an existing member for the edit form. The masked ID and mobile are not form values. */
export function toFormValues(member: Member): MemberFormValues {
  return {
    name: member.name,
    ethnicity: member.ethnicity ?? undefined,
    education: member.education ?? undefined,
    political_status: member.political_status ?? undefined,
    hukou_type: member.hukou_type ?? undefined,
    hukou_division: member.hukou_division ?? undefined,
    employment_status: member.employment_status ?? undefined,
    skill_level: member.skill_level ?? undefined,
    migrant_worker: member.migrant_worker,
    new_form_employment: member.new_form_employment,
    new_form_kind: member.new_form_kind ?? undefined,
    dispatched: member.dispatched,
    joined_on: member.joined_on ? dayjs(member.joined_on) : undefined,
  };
}

/** The editable profile fields, normalised: trimmed text, blanks as null, the date as YYYY-MM-DD. */
function profile(values: MemberFormValues) {
  return {
    name: values.name.trim(),
    ethnicity: values.ethnicity ?? null,
    education: values.education ?? null,
    political_status: values.political_status ?? null,
    hukou_type: values.hukou_type ?? null,
    hukou_division: text(values.hukou_division),
    employment_status: values.employment_status ?? null,
    skill_level: values.skill_level ?? null,
    migrant_worker: !!values.migrant_worker,
    new_form_employment: !!values.new_form_employment,
    // A kind only means something with new-form employment (the server refuses it otherwise).
    new_form_kind: values.new_form_employment ? (values.new_form_kind ?? null) : null,
    dispatched: !!values.dispatched,
    joined_on: values.joined_on ? values.joined_on.format('YYYY-MM-DD') : null,
  };
}

/**
 * The POST body: blank optional fields are left out; birth date and gender are left to the server,
 * which derives them from the ID number.
 */
export function toCreateBody(values: MemberFormValues): CreateMemberBody {
  const body: Record<string, unknown> = {
    organisation_id: values.organisation_id ?? '',
    id_number: normaliseIdNumber(values.id_number ?? ''),
  };
  const mobile = text(values.mobile);
  if (mobile) body.mobile = normaliseMobile(mobile);
  for (const [key, value] of Object.entries(profile(values))) {
    if (value !== null) body[key] = value;
  }
  return body as CreateMemberBody;
}

/**
 * The PATCH body: only changed fields, a cleared field as null. Never the union (transfers are a
 * separate process). A new ID number brings the birth date and gender it implies, so they still match.
 */
export function toUpdateBody(values: MemberFormValues, original: Member): UpdateMemberBody {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(profile(values))) {
    const before = (original as Record<string, unknown>)[key] ?? null;
    if (value !== before) body[key] = value;
  }
  const idNumber = text(values.id_number);
  if (idNumber) {
    const checked = checkIdNumber(idNumber);
    body.id_number = normaliseIdNumber(idNumber);
    if (checked.ok) {
      if (checked.birthDate !== original.birth_date) body.birth_date = checked.birthDate;
      if (checked.gender !== original.gender) body.gender = checked.gender;
    }
  }
  const mobile = text(values.mobile);
  if (mobile) body.mobile = normaliseMobile(mobile);
  return body;
}

/** Moves errors of the derived fields (birth date, gender) onto the ID number the user typed. */
export function remapMemberFieldErrors(errors: readonly FieldError[]): FieldError[] {
  return errors.map((error) =>
    error.field && DERIVED_FROM_ID_NUMBER.includes(error.field) ? { ...error, field: 'id_number' } : error,
  );
}

/** The same error with its field errors remapped (for `applyProblemToForm`). */
export function remapMemberProblem(error: ApiError): ApiError {
  if (!error.problem || error.fieldErrors.length === 0) return error;
  return new ApiError(error.status, { ...error.problem, errors: remapMemberFieldErrors(error.fieldErrors) }, error.headers);
}

/**
 * The messages for the alert after a failed save: field errors go on the fields; a duplicate person
 * (409 `member_exists`) shows the server's detail too, which names the union when the caller may see it.
 */
export function memberSaveMessages(
  error: ApiError,
  form: Parameters<typeof applyProblemToForm>[1],
  tFieldError: Parameters<typeof applyProblemToForm>[3],
  tError: Parameters<typeof applyProblemToForm>[4],
): string[] {
  if (error.code === 'member_exists') {
    const detail = error.problem?.detail;
    return detail ? [tError(error.code), detail] : [tError(error.code)];
  }
  return applyProblemToForm(remapMemberProblem(error), form, MEMBER_FORM_FIELDS, tFieldError, tError);
}

/** A join request's field errors on the form's fields: `member.name` → `name`, birth date/gender → ID number. */
export function remapJoinProblem(error: ApiError): ApiError {
  if (!error.problem || error.fieldErrors.length === 0) return error;
  const stripped = error.fieldErrors.map((fieldError) =>
    fieldError.field?.startsWith('member.') ? { ...fieldError, field: fieldError.field.slice('member.'.length) } : fieldError,
  );
  return new ApiError(error.status, { ...error.problem, errors: remapMemberFieldErrors(stripped) }, error.headers);
}
