import { describe, expect, it } from 'vitest';
import { ApiError, callWithResponse, codeForStatus, parseRetryAfter } from './api-error';

describe('ApiError', () => {
  it('prefers the problem code and falls back to one derived from the status', () => {
    const problem = { type: 'about:blank', title: 'x', status: 401, code: 'invalid_credentials' } as ApiError['problem'];
    expect(new ApiError(401, problem).code).toBe('invalid_credentials');
    expect(new ApiError(404, null).code).toBe('not_found');
    expect(new ApiError(502, null).code).toBe('internal');
    expect(codeForStatus(0)).toBe('network_error');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('42')).toBe(42);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
    const error = new ApiError(429, null, new Headers({ 'Retry-After': '17' }));
    expect(error.retryAfterSeconds).toBe(17);
  });

  it('turns an openapi-fetch error result into an ApiError with the problem', async () => {
    const response = new Response('{}', { status: 412, headers: { 'X-Request-Id': 'req-1' } });
    const problem = { type: 'about:blank', title: 'Precondition Failed', status: 412, code: 'precondition_failed' };
    await expect(callWithResponse(Promise.resolve({ error: problem, response }))).rejects.toMatchObject({
      status: 412,
      code: 'precondition_failed',
      requestId: 'req-1',
    });
  });

  it('turns a network failure into status 0', async () => {
    await expect(callWithResponse(Promise.reject(new TypeError('Failed to fetch')))).rejects.toMatchObject({
      status: 0,
      code: 'network_error',
    });
  });
});
