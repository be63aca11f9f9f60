//! A worker's own membership (/api/v1/me/member, /api/v1/me/membership-requests): the record (numbers
//! masked), its history and honours, the contact update (If-Match: the record's ETag), and the worker's
//! own join and transfer requests. 404 on `/me/member` means the account is not linked to a record yet.
import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { CreateOwnJoinRequestBody, Member, OwnTransferRequestBody, UpdateOwnContactBody } from '@/api/types';
import { call, callWithResponse } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';
import { MEMBERSHIP_REQUESTS_QUERY_KEY } from '@/lib/query-keys';

/** The record with the ETag of the response it came in (for If-Match). */
export interface OwnMember {
  member: Member;
  etag: string;
}

const SELF = ['self-service'] as const;

export const selfServiceKeys = {
  all: SELF,
  member: [...SELF, 'member'] as const,
  history: [...SELF, 'history'] as const,
  honours: [...SELF, 'honours'] as const,
  // Under the requests key: a join request filed from the shared dialog refreshes it too.
  requests: [...MEMBERSHIP_REQUESTS_QUERY_KEY, 'own'] as const,
};

function versioned({ data, response }: { data: Member; response: Response }): OwnMember {
  return { member: data, etag: response.headers.get('ETag') ?? `"${data.version}"` };
}

export async function fetchOwnMember(): Promise<OwnMember> {
  return versioned(await callWithResponse(api.GET('/api/v1/me/member')));
}

/** The worker's record; fails with a 404 `ApiError` while the account is not linked. */
export function useOwnMember() {
  return useQuery({ queryKey: selfServiceKeys.member, queryFn: fetchOwnMember });
}

export function useOwnHistory() {
  return useQuery({
    queryKey: selfServiceKeys.history,
    queryFn: () => call(api.GET('/api/v1/me/member/history')),
  });
}

export function useOwnHonours() {
  return useQuery({
    queryKey: selfServiceKeys.honours,
    queryFn: () => call(api.GET('/api/v1/me/member/honours')),
  });
}

/** Join and transfer requests the worker filed or that concern their membership, newest first. */
export function useOwnRequests() {
  return useQuery({
    queryKey: selfServiceKeys.requests,
    queryFn: () => call(api.GET('/api/v1/me/membership-requests')),
  });
}

/** Changes the worker's own mobile number; answers the record with its new ETag. */
export async function updateOwnContact(etag: string, body: UpdateOwnContactBody): Promise<OwnMember> {
  return versioned(await callWithResponse(api.PATCH('/api/v1/me/member', { params: { header: { 'If-Match': etag } }, body })));
}

/** Applies to join a union (入会申请); approval links the account to the new record. */
export function createOwnJoinRequest(body: CreateOwnJoinRequestBody, idempotencyKey = newIdempotencyKey()) {
  return call(
    api.POST('/api/v1/me/membership-requests/join', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }),
  );
}

/** Asks to move to another union (转会申请), named by its id. */
export function createOwnTransferRequest(body: OwnTransferRequestBody, idempotencyKey = newIdempotencyKey()) {
  return call(
    api.POST('/api/v1/me/membership-requests/transfer', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }),
  );
}
