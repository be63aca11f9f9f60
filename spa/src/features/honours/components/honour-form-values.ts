//! Pure logic of the add-honour form: the request body, the date rule, and when a new Idempotency-Key
//! is needed.
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { CreateHonourBody } from '@/api/types';
import { ApiError } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';

/** The API's limits on `title` and `awarding_body`. */
export const HONOUR_TITLE_MAX = 100;
export const HONOUR_AWARDING_BODY_MAX = 100;

/** Field values as the antd form holds them (the date as Dayjs). */
export interface HonourFormValues {
  kind?: string;
  level?: string;
  title?: string;
  awarded_on?: Dayjs;
  awarding_body?: string;
}

/** The form's fields, named as the JSON fields (422 errors land on them by name). */
export const HONOUR_FORM_FIELDS = ['kind', 'level', 'title', 'awarded_on', 'awarding_body'] as const;

/** The body of `POST /members/{id}/honours`: texts trimmed, the date as YYYY-MM-DD. */
export function toCreateHonourBody(values: HonourFormValues): CreateHonourBody {
  return {
    kind: values.kind ?? '',
    level: values.level ?? '',
    title: (values.title ?? '').trim(),
    awarded_on: values.awarded_on ? values.awarded_on.format('YYYY-MM-DD') : '',
    awarding_body: (values.awarding_body ?? '').trim(),
  };
}

/** An award date after today (the server refuses it; the picker does not offer it). */
export function isFutureAwardDate(date: Dayjs, today: Dayjs = dayjs()): boolean {
  return date.isAfter(today, 'day');
}

/**
 * The Idempotency-Key for the next attempt after a failure. The server stores every answer but a 5xx
 * for the key and replays it, and refuses the key for a different body (422 `idempotency_key_reused`):
 * after a definite 4xx answer the corrected form must go with a new key. A lost connection, a 5xx or
 * "still in progress" keep the key, so a retry cannot record the honour twice.
 */
export function keyAfterFailure(error: unknown, key: string, fresh: () => string = newIdempotencyKey): string {
  if (!(error instanceof ApiError)) return key;
  if (error.status < 400 || error.status >= 500) return key;
  if (error.code === 'idempotency_request_in_progress') return key;
  return fresh();
}
