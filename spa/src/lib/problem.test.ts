import { describe, expect, it, vi } from 'vitest';
import type { FieldError } from '@/api/types';
import { ApiError } from './api-error';
import { applyProblemToForm, fieldPath, problemToFormErrors } from './problem';

const translate = (error: FieldError) => `t:${error.code}`;

describe('problemToFormErrors', () => {
  it('puts each error on the form field named like the JSON field', () => {
    const mapped = problemToFormErrors(
      [
        { field: 'name', code: 'required', message: 'name is required' },
        { field: 'division_code', code: 'invalid_format', message: 'six digits' },
      ],
      ['name', 'division_code'],
      translate,
    );
    expect(mapped.fields).toEqual([
      { name: ['name'], errors: ['t:required'] },
      { name: ['division_code'], errors: ['t:invalid_format'] },
    ]);
    expect(mapped.other).toEqual([]);
  });

  it('collects several errors of one field and drops duplicates', () => {
    const mapped = problemToFormErrors(
      [
        { field: 'credit_code', code: 'invalid_format', message: 'a' },
        { field: 'credit_code', code: 'invalid_checksum', message: 'b' },
        { field: 'credit_code', code: 'invalid_format', message: 'c' },
      ],
      ['credit_code'],
      translate,
    );
    expect(mapped.fields).toEqual([{ name: ['credit_code'], errors: ['t:invalid_format', 't:invalid_checksum'] }]);
  });

  it('sends errors of fields the form does not have to `other`, labelled with the field', () => {
    const mapped = problemToFormErrors(
      [
        { field: 'parent_id', code: 'not_found', message: 'no parent' },
        { field: '', code: 'invalid_value', message: 'whole body' },
      ],
      ['name'],
      translate,
    );
    expect(mapped.fields).toEqual([]);
    expect(mapped.other).toEqual(['parent_id: t:not_found', 't:invalid_value']);
  });

  it('maps nested and indexed field names to antd name paths', () => {
    expect(fieldPath('scopes[1]')).toEqual(['scopes', 1]);
    expect(fieldPath('chair.name')).toEqual(['chair', 'name']);
    const mapped = problemToFormErrors([{ field: 'scopes[0]', code: 'invalid_value', message: 'x' }], ['scopes'], translate);
    expect(mapped.fields).toEqual([{ name: ['scopes', 0], errors: ['t:invalid_value'] }]);
  });
});

describe('applyProblemToForm', () => {
  const tError = (code: string) => `e:${code}`;

  it('sets the fields and leaves no message when every error has a field', () => {
    const form = { setFields: vi.fn() };
    const error = new ApiError(422, {
      type: 'about:blank',
      title: 'Unprocessable',
      status: 422,
      code: 'validation_failed',
      errors: [{ field: 'name', code: 'too_long', message: 'too long' }],
    } as ApiError['problem']);
    expect(applyProblemToForm(error, form, ['name'], translate, tError)).toEqual([]);
    expect(form.setFields).toHaveBeenCalledWith([{ name: ['name'], errors: ['t:too_long'] }]);
  });

  it('returns the translated error when there are no field errors', () => {
    const form = { setFields: vi.fn() };
    const error = new ApiError(409, {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      code: 'organisation_has_active_children',
    } as ApiError['problem']);
    expect(applyProblemToForm(error, form, ['name'], translate, tError)).toEqual(['e:organisation_has_active_children']);
    expect(form.setFields).not.toHaveBeenCalled();
  });
});
