//! Pure logic of the hardship pages: the decision buttons of what the server allows (`allowed_actions`),
//! the review-date rule, the evidence check before an upload, and the request bodies (money typed in yuan,
//! sent in fen).
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type {
  CreateAssistanceBody,
  CreateHardshipFileBody,
  FieldError,
  HardshipDecisionBody,
  HardshipEvent,
  HardshipFile,
  UpdateHardshipFileBody,
} from '@/api/types';
import { ApiError } from '@/lib/api-error';
import { fenToYuan, yuanToFen } from '@/lib/money';

/** The decisions (code list `hardship-decisions`); the other events are edits and assistance. */
export type HardshipDecision = Extract<HardshipEvent, 'approve' | 'reject' | 'renew' | 'lift'>;

/** The API's limits. */
export const HOUSEHOLD_MIN = 1;
export const HOUSEHOLD_MAX = 30;
export const REASON_MAX = 1000;
export const DECISION_NOTE_MAX = 500;
export const ASSISTANCE_NOTE_MAX = 200;
/** 1,000,000 yuan: the largest income per head and the largest single assistance. */
export const MAX_AMOUNT_FEN = 100_000_000;
/** An approved file is due for re-review after this many months unless the reviewer picks a date. */
export const REVIEW_INTERVAL_MONTHS = 12;
/** The latest re-review date a reviewer may pick. */
export const REVIEW_MAX_MONTHS = 36;

export function statusColor(status: string): string {
  switch (status) {
    case 'applied':
      return 'gold';
    case 'approved':
      return 'blue';
    case 'lifted':
      return 'green';
    default:
      return 'default';
  }
}

/** The decision buttons in display order. */
const DECISION_ORDER: readonly HardshipDecision[] = ['approve', 'reject', 'renew', 'lift'];

/**
 * The decisions to offer: exactly those of the file's `allowed_actions`, in button order. The server
 * decides by the caller's permissions, the file's state and who registered it (never the one who did).
 */
export function decisionsOffered(allowed: readonly HardshipEvent[]): HardshipDecision[] {
  return DECISION_ORDER.filter((decision) => allowed.includes(decision));
}

/** Rejecting or lifting needs a reason. */
export function needsNote(decision: HardshipDecision): boolean {
  return decision === 'reject' || decision === 'lift';
}

/** Approving or renewing sets the next re-review date. */
export function setsReviewDate(decision: HardshipDecision): boolean {
  return decision === 'approve' || decision === 'renew';
}

/** The re-review date the server would set by default: twelve months on. */
export function defaultReviewDue(today: Dayjs = dayjs()): Dayjs {
  return today.startOf('day').add(REVIEW_INTERVAL_MONTHS, 'month');
}

/** A re-review date the server takes: after today, within three years. */
export function isAllowedReviewDue(date: Dayjs, today: Dayjs = dayjs()): boolean {
  return date.isAfter(today, 'day') && !date.isAfter(today.add(REVIEW_MAX_MONTHS, 'month'), 'day');
}

/** Whether an approved file is due for re-review (on or before `today`). */
export function isReviewDue(file: Pick<HardshipFile, 'status' | 'review_due_on'>, today: Dayjs = dayjs()): boolean {
  return file.status === 'approved' && !!file.review_due_on && !dayjs(file.review_due_on).isAfter(today, 'day');
}

// Evidence ------------------------------------------------------------------------------------------

/** The server's default limit (a deployment may set another; its 413 is shown then). */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
const EVIDENCE_NAME = /\.(pdf|jpe?g|png)$/i;

export type EvidenceProblem = 'type' | 'size' | 'empty';

/**
 * Why a picked file would be refused, for a friendly message before sending it; null when it looks
 * right. The server decides by the content, so this is only a courtesy.
 */
export function evidenceProblem(file: { name: string; size: number; type?: string }): EvidenceProblem | null {
  const typed = !!file.type && EVIDENCE_TYPES.includes(file.type);
  if (!typed && !EVIDENCE_NAME.test(file.name)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > EVIDENCE_MAX_BYTES) return 'size';
  return null;
}

/** "1.5 MB", "320 KB", "900 B". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

// Forms ---------------------------------------------------------------------------------------------

/** The file form as antd holds it: the income in yuan as typed (a string: exact decimals). */
export interface HardshipFormValues {
  category?: string;
  household_size?: number | null;
  income_yuan?: string | null;
  reason?: string;
}

/** The file form's fields; the server's `monthly_income_per_head_fen` errors land on `income_yuan`. */
export const HARDSHIP_FORM_FIELDS = ['category', 'household_size', 'income_yuan', 'reason'] as const;

/** The body of `POST /members/{id}/hardship-files`: the reason trimmed, the income in whole fen. */
export function toCreateHardshipBody(values: HardshipFormValues): CreateHardshipFileBody {
  return {
    category: values.category ?? '',
    household_size: values.household_size ?? 0,
    // The form checks the amount first; -1 makes the server name the field if it slips through.
    monthly_income_per_head_fen: yuanToFen(values.income_yuan) ?? -1,
    reason: (values.reason ?? '').trim(),
  };
}

/** The form's values for a file (the income back in yuan). */
export function toHardshipFormValues(file: HardshipFile): HardshipFormValues {
  return {
    category: file.category,
    household_size: file.household_size,
    income_yuan: fenToYuan(file.monthly_income_per_head_fen),
    reason: file.reason,
  };
}

/** The body of `PATCH /hardship-files/{id}`: only what differs from the file as read. */
export function toUpdateHardshipBody(values: HardshipFormValues, file: HardshipFile): UpdateHardshipFileBody {
  const next = toCreateHardshipBody(values);
  const body: UpdateHardshipFileBody = {};
  if (next.category !== file.category) body.category = next.category;
  if (next.household_size !== file.household_size) body.household_size = next.household_size;
  if (next.monthly_income_per_head_fen !== file.monthly_income_per_head_fen) {
    body.monthly_income_per_head_fen = next.monthly_income_per_head_fen;
  }
  if (next.reason !== file.reason) body.reason = next.reason;
  return body;
}

export interface DecisionFormValues {
  note?: string;
  review_due_on?: Dayjs | null;
}

/** The body of `POST /hardship-files/{id}/decisions`: a note only when written, a date only when it applies. */
export function toDecisionBody(decision: HardshipDecision, values: DecisionFormValues): HardshipDecisionBody {
  const body: HardshipDecisionBody = { decision };
  const note = (values.note ?? '').trim();
  if (note) body.note = note;
  if (setsReviewDate(decision) && values.review_due_on) body.review_due_on = values.review_due_on.format('YYYY-MM-DD');
  return body;
}

export interface AssistanceFormValues {
  given_on?: Dayjs | null;
  kind?: string;
  amount_yuan?: string | null;
  note?: string;
}

/** The assistance form's fields; `amount_fen` errors land on `amount_yuan`. */
export const ASSISTANCE_FORM_FIELDS = ['given_on', 'kind', 'amount_yuan', 'note'] as const;

export function toAssistanceBody(values: AssistanceFormValues): CreateAssistanceBody {
  const body: CreateAssistanceBody = {
    given_on: values.given_on ? values.given_on.format('YYYY-MM-DD') : '',
    kind: values.kind ?? '',
    amount_fen: yuanToFen(values.amount_yuan) ?? 0,
  };
  const note = (values.note ?? '').trim();
  if (note) body.note = note;
  return body;
}

/** Field names of the API (in fen) → the form's (in yuan). */
const FIELD_RENAMES: Record<string, string> = {
  monthly_income_per_head_fen: 'income_yuan',
  amount_fen: 'amount_yuan',
};

/** The same error with the fen fields' errors moved onto the yuan fields (for `applyProblemToForm`). */
export function remapHardshipProblem(error: ApiError): ApiError {
  if (!error.problem || error.fieldErrors.length === 0) return error;
  const errors: FieldError[] = error.fieldErrors.map((fieldError) => {
    const renamed = fieldError.field ? FIELD_RENAMES[fieldError.field] : undefined;
    return renamed ? { ...fieldError, field: renamed } : fieldError;
  });
  return new ApiError(error.status, { ...error.problem, errors }, error.headers);
}
