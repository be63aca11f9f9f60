//! The signed-in user (`GET /api/v1/me`), login bookkeeping and logout.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, publicApi } from '@/api/client';
import type { TokenResponse } from '@/api/types';
import { call } from './api-error';
import { tokenStore } from './auth/token-store';

export const meQueryKey = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: () => call(api.GET('/api/v1/me')),
    staleTime: 5 * 60_000,
  });
}

/** Keeps the tokens of a successful login. */
export function startSession(tokens: TokenResponse): void {
  tokenStore.setTokens(tokens.access_token, tokens.refresh_token);
}

/** Revokes the refresh token on the server (best effort) and forgets everything locally. */
export async function logout(queryClient: QueryClient): Promise<void> {
  const refreshToken = tokenStore.getRefreshToken();
  if (refreshToken) {
    try {
      await publicApi.POST('/api/v1/auth/logout', { body: { refresh_token: refreshToken } });
    } catch {
      // Offline: the token expires on its own; the local session ends regardless.
    }
  }
  tokenStore.clear('logout');
  queryClient.clear();
}
