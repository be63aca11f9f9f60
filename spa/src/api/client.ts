//! The typed API clients (openapi-fetch over the generated `paths`).
import createClient from 'openapi-fetch';
import { createAuthFetch } from '@/lib/auth/auth-fetch';
import { tokenStore } from '@/lib/auth/token-store';
import { apiBaseUrl } from '@/lib/config';
import type { paths } from './schema';

/** Client without a bearer token: login, refresh, logout. */
export const publicApi = createClient<paths>({
  baseUrl: apiBaseUrl(),
  fetch: (request: Request) => fetch(request),
});

/** Asks the server for a new token pair; null when the refresh token is refused. */
export async function refreshTokens(): Promise<string | null> {
  const refreshToken = tokenStore.getRefreshToken();
  if (!refreshToken) return null;
  const { data, response } = await publicApi.POST('/api/v1/auth/refresh', {
    body: { refresh_token: refreshToken },
  });
  if (data) {
    tokenStore.setTokens(data.access_token, data.refresh_token);
    return data.access_token;
  }
  if (response.status === 400 || response.status === 401 || response.status === 403) return null;
  // 5xx or the like: keep the session and let the caller see the original 401.
  throw new Error(`refresh failed with HTTP ${response.status}`);
}

/** Client for everything behind login: adds the token and refreshes it quietly on a 401. */
export const api = createClient<paths>({
  baseUrl: apiBaseUrl(),
  fetch: createAuthFetch({
    baseFetch: (request) => fetch(request),
    refresh: refreshTokens,
    tokens: tokenStore,
  }),
});
