//! Member queries and mutations (/api/v1/members). Full ID and mobile numbers from `reveal` are never
//! put in the query cache: the page that asked keeps them in its own state.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type {
  CreateJoinRequestBody,
  CreateMemberBody,
  CreateTransferRequestBody,
  Member,
  MemberListQuery,
  RecordMembershipChangeBody,
  RevealedMember,
  UpdateMemberBody,
} from '@/api/types';
import { call, callWithResponse } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';

/** A member with the ETag of the response it came in (for If-Match). */
export interface VersionedMember {
  member: Member;
  etag: string;
}

/** The list page's filters (the list endpoint's query without paging). */
export type MemberFilters = Omit<MemberListQuery, 'limit' | 'cursor' | 'id_number' | 'card_number'>;

export const memberKeys = {
  all: ['members'] as const,
  lists: ['members', 'list'] as const,
  list: (filters: MemberFilters) => ['members', 'list', filters] as const,
  detail: (id: string) => ['members', 'detail', id] as const,
  history: (id: string) => ['members', 'history', id] as const,
};

export const MEMBER_PAGE = 50;

function versioned({ data, response }: { data: Member; response: Response }): VersionedMember {
  return { member: data, etag: response.headers.get('ETag') ?? `"${data.version}"` };
}

export function useMembers(filters: MemberFilters) {
  return useInfiniteQuery({
    queryKey: memberKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/v1/members', { params: { query: { ...filters, limit: MEMBER_PAGE, cursor: pageParam } } })),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export async function fetchMember(id: string): Promise<VersionedMember> {
  return versioned(await callWithResponse(api.GET('/api/v1/members/{id}', { params: { path: { id } } })));
}

export function useMember(id: string) {
  return useQuery({ queryKey: memberKeys.detail(id), queryFn: () => fetchMember(id) });
}

export function useMemberHistory(id: string) {
  return useQuery({
    queryKey: memberKeys.history(id),
    queryFn: () => call(api.GET('/api/v1/members/{id}/history', { params: { path: { id } } })),
  });
}

export async function createMember(body: CreateMemberBody, idempotencyKey = newIdempotencyKey()) {
  return versioned(
    await callWithResponse(api.POST('/api/v1/members', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
  );
}

export async function updateMember(id: string, etag: string, body: UpdateMemberBody) {
  return versioned(
    await callWithResponse(api.PATCH('/api/v1/members/{id}', { params: { path: { id }, header: { 'If-Match': etag } }, body })),
  );
}

/** The full numbers (audited by the server). The caller keeps them for its own view only. */
export function revealMember(id: string): Promise<RevealedMember> {
  return call(api.POST('/api/v1/members/{id}/reveal', { params: { path: { id } } }));
}

/** Records a membership change (停会, 保留会籍, 退会, 去世, 恢复会籍); answers the member with its new ETag. */
export async function recordMembershipChange(
  id: string,
  etag: string,
  body: RecordMembershipChangeBody,
  idempotencyKey = newIdempotencyKey(),
) {
  return versioned(
    await callWithResponse(
      api.POST('/api/v1/members/{id}/changes', {
        params: { path: { id }, header: { 'If-Match': etag, 'Idempotency-Key': idempotencyKey } },
        body,
      }),
    ),
  );
}

/** Files a join request (入会申请): the union's officers approve it, which registers the member. */
export function createJoinRequest(body: CreateJoinRequestBody, idempotencyKey = newIdempotencyKey()) {
  return call(
    api.POST('/api/v1/membership-requests/join', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }),
  );
}

/** Files a transfer request (转会申请): the union left releases it, the union joined approves it. */
export function createTransferRequest(body: CreateTransferRequestBody, idempotencyKey = newIdempotencyKey()) {
  return call(
    api.POST('/api/v1/membership-requests/transfer', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }),
  );
}

/** Issues card numbers to the active members of an organisation's subtree who have none. */
export function issueMemberCards(organisationId: string, idempotencyKey = newIdempotencyKey()) {
  return call(
    api.POST('/api/v1/members/cards', {
      body: { organisation_id: organisationId },
      params: { header: { 'Idempotency-Key': idempotencyKey } },
    }),
  );
}
