//! One error type for every failed API call, carrying the problem+json body when there is one.
import type { FieldError, Problem } from '@/api/types';

/** A failed call: HTTP status (0 when the server could not be reached) and the parsed problem. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  readonly headers: Headers;

  constructor(status: number, problem: Problem | null, headers: Headers = new Headers()) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.headers = headers;
  }

  /** The stable error code: the problem's, or one derived from the status. */
  get code(): string {
    return this.problem?.code ?? codeForStatus(this.status);
  }

  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }

  get requestId(): string | null {
    return this.problem?.request_id ?? this.headers.get('X-Request-Id');
  }

  /** Seconds from `Retry-After` (a number or an HTTP date), or null. */
  get retryAfterSeconds(): number | null {
    return parseRetryAfter(this.headers.get('Retry-After'));
  }
}

export function codeForStatus(status: number): string {
  switch (status) {
    case 0:
      return 'network_error';
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 412:
      return 'precondition_failed';
    case 422:
      return 'validation_failed';
    case 428:
      return 'precondition_required';
    case 429:
      return 'too_many_requests';
    case 503:
      return 'service_unavailable';
    default:
      return status >= 500 ? 'internal' : 'generic';
  }
}

export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function asProblem(body: unknown): Problem | null {
  if (body && typeof body === 'object' && typeof (body as { code?: unknown }).code === 'string') {
    return body as Problem;
  }
  return null;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call and returns data and response, or throws an ApiError. */
export async function callWithResponse<T>(call: Promise<FetchResult<T>>): Promise<{ data: T; response: Response }> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (cause) {
    if (cause instanceof ApiError) throw cause;
    throw new ApiError(0, null);
  }
  const { data, error, response } = result;
  if (!response.ok || error !== undefined) {
    throw new ApiError(response.status, asProblem(error), response.headers);
  }
  return { data: data as T, response };
}

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError. */
export async function call<T>(promise: Promise<FetchResult<T>>): Promise<T> {
  return (await callWithResponse(promise)).data;
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
