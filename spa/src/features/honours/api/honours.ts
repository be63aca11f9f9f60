//! Honours (荣誉): a member's list, recording and removing one (/api/v1/members/{id}/honours), and the
//! register across members (/api/v1/honours, 劳模名册 with `kind=model_worker`). Removing sends the
//! honour's version as `If-Match` ("<version>", quoted).
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { CreateHonourBody, Honour, HonourListQuery } from '@/api/types';
import { call } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';
import { MEMBERS_QUERY_KEY } from '@/lib/query-keys';

/** The register's filters (the list endpoint's query without paging). */
export type HonourFilters = Omit<HonourListQuery, 'limit' | 'cursor'>;

export const HONOUR_PAGE = 50;

// Under the members key: whatever refreshes members refreshes their honours too.
export const honourKeys = {
  member: (memberId: string) => [...MEMBERS_QUERY_KEY, 'honours', memberId] as const,
  registers: [...MEMBERS_QUERY_KEY, 'honour-register'] as const,
  register: (filters: HonourFilters) => [...MEMBERS_QUERY_KEY, 'honour-register', filters] as const,
};

/** The `If-Match` of an honour: its version, quoted like the ETags the API issues. */
export function honourIfMatch(honour: Pick<Honour, 'version'>): string {
  return `"${honour.version}"`;
}

/** A member's honours, newest award first. */
export function useMemberHonours(memberId: string) {
  return useQuery({
    queryKey: honourKeys.member(memberId),
    queryFn: () => call(api.GET('/api/v1/members/{id}/honours', { params: { path: { id: memberId } } })),
  });
}

/** The register: honours of the members in scope (or below `organisation_id`), one keyset page at a time. */
export function useHonourRegister(filters: HonourFilters) {
  return useInfiniteQuery({
    queryKey: honourKeys.register(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/v1/honours', { params: { query: { ...filters, limit: HONOUR_PAGE, cursor: pageParam } } })),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export function createHonour(memberId: string, body: CreateHonourBody, idempotencyKey = newIdempotencyKey()) {
  return call(
    api.POST('/api/v1/members/{id}/honours', {
      params: { path: { id: memberId }, header: { 'Idempotency-Key': idempotencyKey } },
      body,
    }),
  );
}

export function deleteHonour(honour: Pick<Honour, 'id' | 'member_id' | 'version'>) {
  return call(
    api.DELETE('/api/v1/members/{id}/honours/{honour_id}', {
      params: { path: { id: honour.member_id, honour_id: honour.id }, header: { 'If-Match': honourIfMatch(honour) } },
    }),
  );
}
