import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { HardshipFile } from '@/api/types';
import { ApiError } from '@/lib/api-error';
import {
  decisionsOffered,
  defaultReviewDue,
  evidenceProblem,
  formatBytes,
  isAllowedReviewDue,
  isReviewDue,
  needsNote,
  remapHardshipProblem,
  setsReviewDate,
  toAssistanceBody,
  toCreateHardshipBody,
  toDecisionBody,
  toHardshipFormValues,
  toUpdateHardshipBody,
} from './hardship-logic';

function file(extra: Partial<HardshipFile> = {}): HardshipFile {
  return {
    id: 'f1',
    member_id: 'm1',
    member_name: '周丽',
    organisation_id: 'o1',
    organisation_name: '四川光雾山米业有限公司工会',
    category: 'illness',
    household_size: 4,
    monthly_income_per_head_fen: 68000,
    reason: '配偶重病',
    status: 'applied',
    applied_on: '2025-03-01',
    created_by: 'a1',
    created_at: '2025-03-01T02:00:00Z',
    updated_at: '2025-03-01T02:00:00Z',
    version: 1,
    // An applied file as a reviewer who did not register it reads it.
    allowed_actions: ['update', 'edit_evidence', 'approve', 'reject'],
    ...extra,
  };
}

describe('decisionsOffered', () => {
  it('offers exactly the decisions of allowed_actions, in button order', () => {
    expect(decisionsOffered(['update', 'edit_evidence', 'approve', 'reject'])).toEqual(['approve', 'reject']);
    expect(decisionsOffered(['lift', 'update', 'record_assistance', 'renew'])).toEqual(['renew', 'lift']);
    expect(decisionsOffered(['reject'])).toEqual(['reject']);
  });

  it('offers none when the server allows none (the one who registered it, an officer, a closed file)', () => {
    expect(decisionsOffered(['update', 'edit_evidence'])).toEqual([]);
    expect(decisionsOffered(['update', 'edit_evidence', 'record_assistance'])).toEqual([]);
    expect(decisionsOffered([])).toEqual([]);
  });

  it('asks for a note to reject or lift, and a date to approve or renew', () => {
    expect((['approve', 'reject', 'renew', 'lift'] as const).map(needsNote)).toEqual([false, true, false, true]);
    expect((['approve', 'reject', 'renew', 'lift'] as const).map(setsReviewDate)).toEqual([true, false, true, false]);
  });
});

describe('review dates', () => {
  const today = dayjs('2025-05-10T15:00:00');

  it('defaults to twelve months on', () => {
    expect(defaultReviewDue(today).format('YYYY-MM-DD')).toBe('2026-05-10');
  });

  it('allows a date after today and within three years', () => {
    expect(isAllowedReviewDue(dayjs('2025-05-11'), today)).toBe(true);
    expect(isAllowedReviewDue(dayjs('2028-05-10'), today)).toBe(true);
    expect(isAllowedReviewDue(dayjs('2025-05-10T23:00:00'), today)).toBe(false);
    expect(isAllowedReviewDue(dayjs('2025-01-01'), today)).toBe(false);
    expect(isAllowedReviewDue(dayjs('2028-05-11'), today)).toBe(false);
  });

  it('marks approved files due on or before today', () => {
    expect(isReviewDue({ status: 'approved', review_due_on: '2025-05-10' }, today)).toBe(true);
    expect(isReviewDue({ status: 'approved', review_due_on: '2025-04-01' }, today)).toBe(true);
    expect(isReviewDue({ status: 'approved', review_due_on: '2025-05-11' }, today)).toBe(false);
    expect(isReviewDue({ status: 'lifted', review_due_on: '2025-04-01' }, today)).toBe(false);
    expect(isReviewDue({ status: 'approved', review_due_on: null }, today)).toBe(false);
  });
});

describe('evidenceProblem', () => {
  it('takes PDF, JPEG and PNG up to 10 MiB, by type or by name', () => {
    expect(evidenceProblem({ name: '诊断证明.pdf', size: 1000, type: 'application/pdf' })).toBeNull();
    expect(evidenceProblem({ name: 'photo.JPG', size: 1000, type: '' })).toBeNull();
    expect(evidenceProblem({ name: 'scan', size: 1000, type: 'image/png' })).toBeNull();
    expect(evidenceProblem({ name: 'x.png', size: 10 * 1024 * 1024 })).toBeNull();
  });

  it('names what is wrong', () => {
    expect(evidenceProblem({ name: 'letter.docx', size: 1000, type: 'application/msword' })).toBe('type');
    expect(evidenceProblem({ name: 'x.pdf', size: 0 })).toBe('empty');
    expect(evidenceProblem({ name: 'x.pdf', size: 10 * 1024 * 1024 + 1 })).toBe('size');
  });

  it('formats sizes', () => {
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
  });
});

describe('request bodies', () => {
  it('sends the income typed in yuan as whole fen, the reason trimmed', () => {
    expect(toCreateHardshipBody({ category: 'illness', household_size: 4, income_yuan: '680.00', reason: ' 配偶重病 ' })).toEqual({
      category: 'illness',
      household_size: 4,
      monthly_income_per_head_fen: 68000,
      reason: '配偶重病',
    });
    const cents = toCreateHardshipBody({ category: 'other', household_size: 1, income_yuan: '0.29', reason: 'x' });
    expect(cents.monthly_income_per_head_fen).toBe(29);
  });

  it('shows a file in the form in yuan and sends back only what changed', () => {
    const values = toHardshipFormValues(file());
    expect(values).toEqual({ category: 'illness', household_size: 4, income_yuan: '680.00', reason: '配偶重病' });
    expect(toUpdateHardshipBody(values, file())).toEqual({});
    expect(toUpdateHardshipBody({ ...values, income_yuan: '650.5', household_size: 5 }, file())).toEqual({
      household_size: 5,
      monthly_income_per_head_fen: 65050,
    });
    expect(toUpdateHardshipBody({ ...values, reason: '配偶重病 ' }, file())).toEqual({});
  });

  it('sends a note only when written and a date only to approve or renew', () => {
    const due = dayjs('2026-06-30');
    expect(toDecisionBody('approve', { note: ' ', review_due_on: due })).toEqual({
      decision: 'approve',
      review_due_on: '2026-06-30',
    });
    expect(toDecisionBody('renew', {})).toEqual({ decision: 'renew' });
    expect(toDecisionBody('reject', { note: ' 收入超标 ', review_due_on: due })).toEqual({ decision: 'reject', note: '收入超标' });
    expect(toDecisionBody('lift', { note: '已再就业' })).toEqual({ decision: 'lift', note: '已再就业' });
  });

  it('sends assistance in whole fen', () => {
    expect(toAssistanceBody({ given_on: dayjs('2025-01-20'), kind: 'winter_warmth', amount_yuan: '500', note: '' })).toEqual({
      given_on: '2025-01-20',
      kind: 'winter_warmth',
      amount_fen: 50000,
    });
    const given = dayjs('2025-01-20');
    expect(toAssistanceBody({ given_on: given, kind: 'medical_aid', amount_yuan: '1234.56', note: ' 药费 ' })).toEqual({
      given_on: '2025-01-20',
      kind: 'medical_aid',
      amount_fen: 123456,
      note: '药费',
    });
  });
});

describe('remapHardshipProblem', () => {
  it('moves the fen fields’ errors onto the yuan fields the form shows', () => {
    const error = new ApiError(422, {
      type: 'about:blank',
      title: 'x',
      status: 422,
      code: 'validation_failed',
      request_id: 'r1',
      errors: [
        { field: 'monthly_income_per_head_fen', code: 'out_of_range', message: 'm' },
        { field: 'amount_fen', code: 'out_of_range', message: 'm' },
        { field: 'reason', code: 'required', message: 'm' },
      ],
    } as ApiError['problem']);
    expect(remapHardshipProblem(error).fieldErrors.map((e) => e.field)).toEqual(['income_yuan', 'amount_yuan', 'reason']);
  });
});
