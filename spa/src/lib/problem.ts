//! Maps a 422 problem's `errors[]` onto antd form fields (field name = JSON field name).
import type { FieldError } from '@/api/types';
import type { ApiError } from './api-error';

/** What `form.setFields()` takes. */
export interface FormFieldError {
  name: (string | number)[];
  errors: string[];
}

export interface MappedProblem {
  /** Errors for fields the form shows. */
  fields: FormFieldError[];
  /** Messages for fields the form does not have (shown in an alert). */
  other: string[];
}

/** `chair.name` → ['chair','name']; `scopes[1]` or `scopes.1` → ['scopes', 1]. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Groups the field errors by field. `knownFields` are the top-level names of the form's fields;
 * errors for any other field (or with no field) go to `other`, labelled with the field name.
 */
export function problemToFormErrors(
  errors: readonly FieldError[],
  knownFields: readonly string[],
  translate: (error: FieldError) => string,
): MappedProblem {
  const byField = new Map<string, FormFieldError>();
  const other: string[] = [];
  for (const error of errors) {
    const message = translate(error);
    const path = error.field ? fieldPath(error.field) : [];
    const head = path[0];
    if (typeof head === 'string' && knownFields.includes(head)) {
      const key = path.join('.');
      const entry = byField.get(key) ?? { name: path, errors: [] };
      if (!entry.errors.includes(message)) entry.errors.push(message);
      byField.set(key, entry);
    } else {
      other.push(error.field ? `${error.field}: ${message}` : message);
    }
  }
  return { fields: [...byField.values()], other };
}

/**
 * Minimal form interface that any antd `FormInstance<T>` satisfies (its field names are typed per
 * form, so the parameter is left open here).
 */
export interface FieldSetter {
  setFields: (fields: never) => void;
}

/**
 * Puts an API error on the form when it is a 422 with field errors. Returns the messages left for
 * an alert (the translated error itself when nothing could go on a field).
 */
export function applyProblemToForm(
  error: ApiError,
  form: FieldSetter,
  knownFields: readonly string[],
  tFieldError: (error: FieldError) => string,
  tError: (code: string, params?: Record<string, string | number>) => string,
): string[] {
  if (error.fieldErrors.length === 0) return [tError(error.code)];
  const mapped = problemToFormErrors(error.fieldErrors, knownFields, tFieldError);
  (form.setFields as (fields: FormFieldError[]) => void)(mapped.fields);
  return mapped.other.length > 0 ? [tError(error.code), ...mapped.other] : [];
}

/**
 * The messages for an error that is not about fields: the translated code, then the server's detail
 * when it explains a conflict (409: "a request is already open", "only active members transfer"…).
 */
export function conflictMessages(
  error: ApiError,
  tError: (code: string, params?: Record<string, string | number>) => string,
): string[] {
  const detail = error.problem?.detail;
  return error.status === 409 && detail ? [tError(error.code), detail] : [tError(error.code)];
}
