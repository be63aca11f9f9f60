import { describe, expect, it, vi } from 'vitest';
import { createAuthFetch, type TokenSource } from './auth-fetch';

const BASE = 'http://api.test';

function fakeTokens(access: string | null, refresh: string | null) {
  const state = { access, refresh, cleared: 0 };
  const tokens: TokenSource = {
    getAccessToken: () => state.access,
    getRefreshToken: () => state.refresh,
    clear: () => {
      state.access = null;
      state.refresh = null;
      state.cleared += 1;
    },
  };
  return { state, tokens };
}

/** A server that accepts only `valid` as the bearer token. */
function serverAccepting(getValid: () => string) {
  return vi.fn(async (request: Request) => {
    const auth = request.headers.get('Authorization');
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (auth !== `Bearer ${getValid()}`) return new Response(null, { status: 401 });
    const body = request.method === 'POST' ? await request.text() : '';
    return new Response(JSON.stringify({ path: new URL(request.url).pathname, body }), { status: 200 });
  });
}

describe('createAuthFetch', () => {
  it('sends the access token', async () => {
    const { tokens } = fakeTokens('t1', 'r1');
    const baseFetch = serverAccepting(() => 't1');
    const authFetch = createAuthFetch({ baseFetch, refresh: vi.fn(), tokens });
    const response = await authFetch(new Request(`${BASE}/api/v1/me`));
    expect(response.status).toBe(200);
    expect(baseFetch).toHaveBeenCalledTimes(1);
  });

  it('refreshes once for concurrent 401s and retries each request with the new token', async () => {
    const { state, tokens } = fakeTokens('expired', 'r1');
    let valid = 't2';
    const baseFetch = serverAccepting(() => valid);
    const refresh = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state.access = 't2';
      state.refresh = 'r2';
      return 't2';
    });
    const authFetch = createAuthFetch({ baseFetch, refresh, tokens });

    const responses = await Promise.all([
      authFetch(new Request(`${BASE}/api/v1/me`)),
      authFetch(new Request(`${BASE}/api/v1/organisations`)),
      authFetch(new Request(`${BASE}/api/v1/organisations`, { method: 'POST', body: '{"name":"南江镇工会"}' })),
    ]);

    expect(refresh).toHaveBeenCalledTimes(1);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    // The retried POST still carries its body.
    await expect(responses[2]?.json()).resolves.toMatchObject({ body: '{"name":"南江镇工会"}' });
    valid = 'unused';
  });

  it('does not refresh again when another request already got a new token', async () => {
    const { state, tokens } = fakeTokens('old', 'r1');
    const baseFetch = vi.fn(async (request: Request) => {
      if (request.headers.get('Authorization') === 'Bearer old') {
        // Someone else refreshes while this request is on the wire.
        state.access = 'new';
        return new Response(null, { status: 401 });
      }
      return new Response('{}', { status: 200 });
    });
    const refresh = vi.fn(async () => 'newer');
    const authFetch = createAuthFetch({ baseFetch, refresh, tokens });
    const response = await authFetch(new Request(`${BASE}/api/v1/me`));
    expect(response.status).toBe(200);
    expect(refresh).not.toHaveBeenCalled();
    expect(baseFetch.mock.calls[1]?.[0].headers.get('Authorization')).toBe('Bearer new');
  });

  it('ends the session once when the refresh token is refused and returns the 401', async () => {
    const { state, tokens } = fakeTokens('expired', 'revoked');
    const baseFetch = serverAccepting(() => 'never');
    const refresh = vi.fn(async () => null);
    const authFetch = createAuthFetch({ baseFetch, refresh, tokens });
    const responses = await Promise.all([
      authFetch(new Request(`${BASE}/api/v1/me`)),
      authFetch(new Request(`${BASE}/api/v1/organisations`)),
    ]);
    expect(responses.map((r) => r.status)).toEqual([401, 401]);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(state.cleared).toBe(1);
    expect(state.refresh).toBeNull();
  });

  it('keeps the session when the refresh fails on the network', async () => {
    const { state, tokens } = fakeTokens('expired', 'r1');
    const baseFetch = serverAccepting(() => 'never');
    const refresh = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const authFetch = createAuthFetch({ baseFetch, refresh, tokens });
    const response = await authFetch(new Request(`${BASE}/api/v1/me`));
    expect(response.status).toBe(401);
    expect(state.cleared).toBe(0);
    expect(state.refresh).toBe('r1');
  });

  it('gets an access token first when only a refresh token survived a reload', async () => {
    const { state, tokens } = fakeTokens(null, 'r1');
    const baseFetch = serverAccepting(() => 't2');
    const refresh = vi.fn(async () => {
      state.access = 't2';
      return 't2';
    });
    const authFetch = createAuthFetch({ baseFetch, refresh, tokens });
    const response = await authFetch(new Request(`${BASE}/api/v1/me`));
    expect(response.status).toBe(200);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(baseFetch).toHaveBeenCalledTimes(1);
  });

  it('leaves the auth endpoints alone', async () => {
    const { tokens } = fakeTokens('t1', 'r1');
    const baseFetch = vi.fn(async () => new Response(null, { status: 401 }));
    const refresh = vi.fn(async () => 't2');
    const authFetch = createAuthFetch({ baseFetch, refresh, tokens });
    const response = await authFetch(new Request(`${BASE}/api/v1/auth/login`, { method: 'POST', body: '{}' }));
    expect(response.status).toBe(401);
    expect(refresh).not.toHaveBeenCalled();
    expect(baseFetch.mock.calls[0]).toBeDefined();
  });
});
