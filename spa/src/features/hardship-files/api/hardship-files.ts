//! Hardship files (困难职工档案): a member's files (/api/v1/members/{id}/hardship-files), the register
//! (/api/v1/hardship-files), one file with its reviews, evidence and assistance, and the changes to it.
//! Every read is audited by the server, so these queries are never refetched on a whim: only on opening a
//! page and after a change. Changes to the file itself send its ETag as `If-Match`.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type {
  CreateAssistanceBody,
  CreateHardshipFileBody,
  HardshipDecisionBody,
  HardshipEvidence,
  HardshipFile,
  HardshipFileDetail,
  HardshipFileListQuery,
  UpdateHardshipFileBody,
} from '@/api/types';
import { call, callWithResponse } from '@/lib/api-error';
import { saveBlob } from '@/lib/download';
import { newIdempotencyKey } from '@/lib/idempotency';

/** The register's filters (the list endpoint's query without paging). */
export type HardshipFilters = Omit<HardshipFileListQuery, 'limit' | 'cursor'>;

/** A file's detail with the ETag of the response it came in (for If-Match). */
export interface VersionedHardshipFile {
  detail: HardshipFileDetail;
  etag: string;
}

export const HARDSHIP_PAGE = 50;

// Their own key, not under the members': a change to a member (or an import) does not re-read — and so
// re-audit — the hardship files on screen.
export const hardshipKeys = {
  all: ['hardship-files'] as const,
  member: (memberId: string) => ['hardship-files', 'member', memberId] as const,
  registers: ['hardship-files', 'register'] as const,
  register: (filters: HardshipFilters) => ['hardship-files', 'register', filters] as const,
  detail: (id: string) => ['hardship-files', 'detail', id] as const,
};

/** Audited reads: kept while the page is open, read again only when asked (or after a change). */
const AUDITED = { staleTime: 5 * 60_000, refetchOnWindowFocus: false, refetchOnReconnect: false } as const;

/** The `If-Match` of a file: its version, quoted like the ETags the API issues. */
export function hardshipIfMatch(file: Pick<HardshipFile, 'version'>): string {
  return `"${file.version}"`;
}

/** A member's files, newest application first. */
export function useMemberHardshipFiles(memberId: string) {
  return useQuery({
    queryKey: hardshipKeys.member(memberId),
    queryFn: () => call(api.GET('/api/v1/members/{id}/hardship-files', { params: { path: { id: memberId } } })),
    ...AUDITED,
  });
}

/** The register (困难职工档案台账): files of the members in scope, one keyset page at a time. */
export function useHardshipRegister(filters: HardshipFilters) {
  return useInfiniteQuery({
    queryKey: hardshipKeys.register(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/hardship-files', { params: { query: { ...filters, limit: HARDSHIP_PAGE, cursor: pageParam } } }),
      ),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    ...AUDITED,
  });
}

export async function fetchHardshipFile(id: string): Promise<VersionedHardshipFile> {
  const { data, response } = await callWithResponse(api.GET('/api/v1/hardship-files/{id}', { params: { path: { id } } }));
  return { detail: data, etag: response.headers.get('ETag') ?? hardshipIfMatch(data.file) };
}

export function useHardshipFile(id: string) {
  return useQuery({ queryKey: hardshipKeys.detail(id), queryFn: () => fetchHardshipFile(id), ...AUDITED });
}

export function createHardshipFile(memberId: string, body: CreateHardshipFileBody, idempotencyKey = newIdempotencyKey()) {
  return call(
    api.POST('/api/v1/members/{id}/hardship-files', {
      params: { path: { id: memberId }, header: { 'Idempotency-Key': idempotencyKey } },
      body,
    }),
  );
}

export function updateHardshipFile(id: string, etag: string, body: UpdateHardshipFileBody) {
  return call(api.PATCH('/api/v1/hardship-files/{id}', { params: { path: { id }, header: { 'If-Match': etag } }, body }));
}

export function decideHardshipFile(id: string, etag: string, body: HardshipDecisionBody) {
  return call(
    api.POST('/api/v1/hardship-files/{id}/decisions', { params: { path: { id }, header: { 'If-Match': etag } }, body }),
  );
}

export function addAssistance(id: string, body: CreateAssistanceBody, idempotencyKey = newIdempotencyKey()) {
  return call(
    api.POST('/api/v1/hardship-files/{id}/assistance', {
      params: { path: { id }, header: { 'Idempotency-Key': idempotencyKey } },
      body,
    }),
  );
}

/** Attaches a PDF, JPEG or PNG: the file itself is the request body (not multipart). */
export function uploadEvidence(id: string, file: File): Promise<HardshipEvidence> {
  return call(
    api.POST('/api/v1/hardship-files/{id}/evidence', {
      params: { path: { id }, query: { file_name: file.name } },
      // The spec types a binary body as a string; the File is sent as it is.
      body: file as unknown as string,
      bodySerializer: (body: unknown) => body as BodyInit,
      headers: { 'Content-Type': 'application/octet-stream' },
    }),
  );
}

/** Downloads an attachment with the bearer token (the server audits it) and saves it under its name. */
export async function downloadEvidence(fileId: string, evidence: Pick<HardshipEvidence, 'id' | 'file_name'>) {
  const blob = await call(
    api.GET('/api/v1/hardship-files/{id}/evidence/{evidence_id}', {
      params: { path: { id: fileId, evidence_id: evidence.id } },
      parseAs: 'blob',
    }),
  );
  saveBlob(blob, evidence.file_name);
}

export function deleteEvidence(fileId: string, evidenceId: string) {
  return call(
    api.DELETE('/api/v1/hardship-files/{id}/evidence/{evidence_id}', {
      params: { path: { id: fileId, evidence_id: evidenceId } },
    }),
  );
}
