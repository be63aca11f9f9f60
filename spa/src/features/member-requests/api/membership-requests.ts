//! The approval inbox (/api/v1/membership-requests) and its decisions. Decisions send the request's
//! version as `If-Match` ("<version>", quoted).
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { MembershipRequest } from '@/api/types';
import { call } from '@/lib/api-error';
import { MEMBERSHIP_REQUESTS_QUERY_KEY } from '@/lib/query-keys';
import type { RequestKind } from '../components/request-logic';

export const REQUEST_PAGE = 50;

export const requestKeys = {
  all: MEMBERSHIP_REQUESTS_QUERY_KEY,
  list: (statuses: readonly string[], kind: RequestKind | undefined) =>
    [...MEMBERSHIP_REQUESTS_QUERY_KEY, 'list', statuses, kind ?? null] as const,
};

/** Requests in any of `statuses`, newest first, one keyset page at a time. */
export function useMembershipRequests(statuses: readonly string[], kind: RequestKind | undefined) {
  return useInfiniteQuery({
    queryKey: requestKeys.list(statuses, kind),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/membership-requests', {
          params: { query: { status: statuses.join(','), kind, limit: REQUEST_PAGE, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

function ifMatch(request: MembershipRequest): string {
  return `"${request.version}"`;
}

export function releaseRequest(request: MembershipRequest) {
  return call(
    api.POST('/api/v1/membership-requests/{id}/release', {
      params: { path: { id: request.id }, header: { 'If-Match': ifMatch(request) } },
    }),
  );
}

export function approveRequest(request: MembershipRequest) {
  return call(
    api.POST('/api/v1/membership-requests/{id}/approve', {
      params: { path: { id: request.id }, header: { 'If-Match': ifMatch(request) } },
    }),
  );
}

export function rejectRequest(request: MembershipRequest, reason: string) {
  return call(
    api.POST('/api/v1/membership-requests/{id}/reject', {
      params: { path: { id: request.id }, header: { 'If-Match': ifMatch(request) } },
      body: { reason },
    }),
  );
}
