import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { Member } from '@/api/types';
import { ApiError } from './api-error';
import {
  remapJoinProblem,
  remapMemberFieldErrors,
  remapMemberProblem,
  toCreateBody,
  toFormValues,
  toUpdateBody,
} from './member-form-values';

const member: Member = {
  id: 'm1',
  organisation_id: 'o1',
  organisation_name: '四川光雾山米业有限公司工会',
  name: '李阳',
  gender: 'male',
  birth_date: '1993-09-18',
  id_number: '5120**********157X',
  mobile: '139****0004',
  ethnicity: '01',
  education: null,
  political_status: null,
  hukou_type: null,
  hukou_division: '512002',
  employment_status: 'employed',
  skill_level: null,
  migrant_worker: true,
  new_form_employment: false,
  new_form_kind: null,
  dispatched: false,
  joined_on: '2020-05-01',
  card_number: null,
  status: 'active',
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-01T00:00:00Z',
  allowed_actions: ['suspend', 'retain', 'leave', 'death'],
  version: 3,
};

describe('toCreateBody', () => {
  it('sends the required fields normalised and leaves blanks (and birth date, gender) out', () => {
    const body = toCreateBody({
      name: ' 王芳 ',
      id_number: '11010519491231002x',
      organisation_id: 'o1',
      mobile: '139-0827 0004',
      hukou_division: ' ',
      migrant_worker: true,
      new_form_employment: false,
      new_form_kind: 'courier',
      dispatched: false,
      joined_on: dayjs('2024-03-01'),
    });
    expect(body).toEqual({
      organisation_id: 'o1',
      id_number: '11010519491231002X',
      name: '王芳',
      mobile: '13908270004',
      migrant_worker: true,
      new_form_employment: false,
      dispatched: false,
      joined_on: '2024-03-01',
    });
  });
});

describe('toUpdateBody', () => {
  it('sends only what changed, never the union, and keeps the masked numbers when left blank', () => {
    const values = { ...toFormValues(member), employment_status: 'flexible', education: 'bachelor' };
    expect(toUpdateBody(values, member)).toEqual({ employment_status: 'flexible', education: 'bachelor' });
  });

  it('sends a cleared field as null and drops the kind without new-form employment', () => {
    const original = { ...member, new_form_employment: true, new_form_kind: 'courier' };
    const values = { ...toFormValues(original), ethnicity: undefined, new_form_employment: false };
    expect(toUpdateBody(values, original)).toEqual({ ethnicity: null, new_form_employment: false, new_form_kind: null });
  });

  it('sends a corrected ID number with the birth date and gender it implies', () => {
    const values = { ...toFormValues(member), id_number: '11010519491231002X', mobile: '+86 139 0827 0009' };
    expect(toUpdateBody(values, member)).toEqual({
      id_number: '11010519491231002X',
      birth_date: '1949-12-31',
      gender: 'female',
      mobile: '+8613908270009',
    });
  });
});

describe('server errors on the member form', () => {
  it('moves errors of birth date and gender onto the ID number', () => {
    expect(
      remapMemberFieldErrors([
        { field: 'birth_date', code: 'invalid_value', message: 'does not match the ID number' },
        { field: 'gender', code: 'invalid_value', message: 'does not match the ID number' },
        { field: 'mobile', code: 'invalid_format', message: 'not a mobile' },
      ]),
    ).toEqual([
      { field: 'id_number', code: 'invalid_value', message: 'does not match the ID number' },
      { field: 'id_number', code: 'invalid_value', message: 'does not match the ID number' },
      { field: 'mobile', code: 'invalid_format', message: 'not a mobile' },
    ]);
  });

  it('keeps status, code and request id of the error it remaps', () => {
    const error = new ApiError(422, {
      type: 'about:blank',
      title: 'Unprocessable Entity',
      status: 422,
      code: 'validation_failed',
      request_id: 'req-9',
      errors: [{ field: 'gender', code: 'invalid_value', message: 'x' }],
    } as ApiError['problem']);
    const remapped = remapMemberProblem(error);
    expect(remapped.status).toBe(422);
    expect(remapped.code).toBe('validation_failed');
    expect(remapped.requestId).toBe('req-9');
    expect(remapped.fieldErrors).toEqual([{ field: 'id_number', code: 'invalid_value', message: 'x' }]);
  });
});

describe('server errors on a join request', () => {
  it('takes the member’s fields out of `member.` and puts birth date and gender on the ID number', () => {
    const error = new ApiError(422, {
      type: 'about:blank',
      title: 'Unprocessable Entity',
      status: 422,
      code: 'validation_failed',
      request_id: 'req-1',
      errors: [
        { field: 'member.name', code: 'required', message: 'required' },
        { field: 'member.birth_date', code: 'invalid_value', message: 'does not match' },
        { field: 'reason', code: 'too_long', message: 'at most 200 characters' },
      ],
    } as ApiError['problem']);
    expect(remapJoinProblem(error).fieldErrors).toEqual([
      { field: 'name', code: 'required', message: 'required' },
      { field: 'id_number', code: 'invalid_value', message: 'does not match' },
      { field: 'reason', code: 'too_long', message: 'at most 200 characters' },
    ]);
  });

  it('leaves an error without field errors as it is', () => {
    const error = new ApiError(409, null);
    expect(remapJoinProblem(error)).toBe(error);
  });
});
