import { useMutation, useQueryClient } from '@tanstack/react-query';
import { publicApi } from '@/api/client';
import { call } from '@/lib/api-error';
import { meQueryKey, startSession } from '@/lib/session';

export interface Credentials {
  username: string;
  password: string;
}

/** POST /api/v1/auth/login, then keeps the tokens. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => call(publicApi.POST('/api/v1/auth/login', { body: credentials })),
    onSuccess: (tokens) => {
      startSession(tokens);
      queryClient.removeQueries({ queryKey: meQueryKey });
    },
  });
}
