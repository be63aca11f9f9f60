import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-error';
import { isFutureAwardDate, keyAfterFailure, toCreateHonourBody } from './honour-form-values';

function problem(status: number, code: string) {
  return new ApiError(status, { type: 'about:blank', title: 'x', status, code } as ApiError['problem']);
}

describe('toCreateHonourBody', () => {
  it('trims the texts and sends the date as YYYY-MM-DD', () => {
    expect(
      toCreateHonourBody({
        kind: 'may_day_medal',
        level: 'national',
        title: ' 全国五一劳动奖章 ',
        awarded_on: dayjs('2024-04-28'),
        awarding_body: '  中华全国总工会',
      }),
    ).toEqual({
      kind: 'may_day_medal',
      level: 'national',
      title: '全国五一劳动奖章',
      awarded_on: '2024-04-28',
      awarding_body: '中华全国总工会',
    });
  });

  it('sends empty strings for missing values (the server names them)', () => {
    expect(toCreateHonourBody({})).toEqual({ kind: '', level: '', title: '', awarded_on: '', awarding_body: '' });
  });
});

describe('isFutureAwardDate', () => {
  const today = dayjs('2025-05-01T10:00:00');

  it('allows today and earlier days, whatever the time of day', () => {
    expect(isFutureAwardDate(dayjs('2025-05-01T23:59:00'), today)).toBe(false);
    expect(isFutureAwardDate(dayjs('2025-04-30'), today)).toBe(false);
    expect(isFutureAwardDate(dayjs('1989-09-28'), today)).toBe(false);
  });

  it('refuses tomorrow and later', () => {
    expect(isFutureAwardDate(dayjs('2025-05-02T00:00:00'), today)).toBe(true);
    expect(isFutureAwardDate(dayjs('2026-01-01'), today)).toBe(true);
  });
});

describe('keyAfterFailure', () => {
  const fresh = () => 'new-key';

  it('takes a new key after a definite 4xx answer, which the server would replay for the old one', () => {
    expect(keyAfterFailure(problem(422, 'validation_failed'), 'k1', fresh)).toBe('new-key');
    expect(keyAfterFailure(problem(404, 'not_found'), 'k1', fresh)).toBe('new-key');
    expect(keyAfterFailure(problem(422, 'idempotency_key_reused'), 'k1', fresh)).toBe('new-key');
  });

  it('keeps the key when the outcome is unknown, so a retry cannot record the honour twice', () => {
    expect(keyAfterFailure(new ApiError(0, null), 'k1', fresh)).toBe('k1');
    expect(keyAfterFailure(problem(500, 'internal'), 'k1', fresh)).toBe('k1');
    expect(keyAfterFailure(problem(503, 'service_unavailable'), 'k1', fresh)).toBe('k1');
    expect(keyAfterFailure(problem(409, 'idempotency_request_in_progress'), 'k1', fresh)).toBe('k1');
    expect(keyAfterFailure(new Error('boom'), 'k1', fresh)).toBe('k1');
  });
});
