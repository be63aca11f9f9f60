//! Account queries and mutations (/api/v1/accounts).
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { Account, AccountListQuery, CreateAccountBody, Role, UpdateAccountBody } from '@/api/types';
import { call, callWithResponse } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';

export const ROLES: Role[] = ['admin', 'federation_staff', 'union_officer', 'legal_adviser', 'member', 'integration'];

export type AccountFilters = Pick<AccountListQuery, 'q' | 'role' | 'disabled'>;

export const accountKeys = {
  all: ['accounts'] as const,
  list: (filters: AccountFilters) => ['accounts', 'list', filters] as const,
  detail: (id: string) => ['accounts', 'detail', id] as const,
};

export function useAccounts(filters: AccountFilters) {
  return useInfiniteQuery({
    queryKey: accountKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/v1/accounts', { params: { query: { ...filters, limit: 50, cursor: pageParam } } })),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export interface VersionedAccount {
  account: Account;
  etag: string;
}

export function useAccount(id: string) {
  return useQuery({
    queryKey: accountKeys.detail(id),
    queryFn: async (): Promise<VersionedAccount> => {
      const { data, response } = await callWithResponse(api.GET('/api/v1/accounts/{id}', { params: { path: { id } } }));
      return { account: data, etag: response.headers.get('ETag') ?? `"${data.version}"` };
    },
    staleTime: 0,
  });
}

export function createAccount(body: CreateAccountBody, idempotencyKey = newIdempotencyKey()) {
  return call(api.POST('/api/v1/accounts', { body, headers: { 'Idempotency-Key': idempotencyKey } }));
}

export function updateAccount(id: string, etag: string, body: UpdateAccountBody) {
  return call(api.PATCH('/api/v1/accounts/{id}', { params: { path: { id }, header: { 'If-Match': etag } }, body }));
}
