//! Organisation queries and mutations (GET/POST/PATCH under /api/v1/organisations).
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type {
  CreateOrganisationBody,
  Organisation,
  OrganisationListQuery,
  UpdateOrganisationBody,
} from '@/api/types';
import { call, callWithResponse } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';

/** An organisation with the ETag of the response it came in (for If-Match). */
export interface Versioned {
  organisation: Organisation;
  etag: string;
}

export const orgKeys = {
  all: ['organisations'] as const,
  detail: (id: string) => ['organisations', 'detail', id] as const,
  ancestors: (id: string) => ['organisations', 'ancestors', id] as const,
  children: (id: string) => ['organisations', 'children', id] as const,
  search: (filters: OrganisationFilters) => ['organisations', 'search', filters] as const,
};

/** The ETag header; a server that does not expose it cross-origin leaves us the version. */
function etagOf(response: Response, organisation: Organisation): string {
  return response.headers.get('ETag') ?? `"${organisation.version}"`;
}

function versioned({ data, response }: { data: Organisation; response: Response }): Versioned {
  return { organisation: data, etag: etagOf(response, data) };
}

export async function fetchOrganisation(id: string): Promise<Versioned> {
  return versioned(await callWithResponse(api.GET('/api/v1/organisations/{id}', { params: { path: { id } } })));
}

export function useOrganisation(id: string | undefined) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? ''),
    queryFn: () => fetchOrganisation(id ?? ''),
    enabled: !!id,
  });
}

export function useAncestors(id: string | undefined) {
  return useQuery({
    queryKey: orgKeys.ancestors(id ?? ''),
    queryFn: () => call(api.GET('/api/v1/organisations/{id}/ancestors', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
  });
}

export const CHILDREN_PAGE = 100;

export function fetchChildren(id: string, cursor?: string | null) {
  return call(
    api.GET('/api/v1/organisations/{id}/children', {
      params: { path: { id }, query: { limit: CHILDREN_PAGE, cursor: cursor ?? undefined } },
    }),
  );
}

/** The search page's filters (a subset of the list endpoint's query). */
export type OrganisationFilters = Pick<OrganisationListQuery, 'q' | 'kind' | 'status' | 'division_code'>;

export function useOrganisationSearch(filters: OrganisationFilters) {
  return useInfiniteQuery({
    queryKey: orgKeys.search(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/v1/organisations', { params: { query: { ...filters, limit: 50, cursor: pageParam } } })),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export async function createOrganisation(body: CreateOrganisationBody, idempotencyKey = newIdempotencyKey()) {
  return versioned(
    await callWithResponse(
      api.POST('/api/v1/organisations', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }),
    ),
  );
}

export async function updateOrganisation(id: string, etag: string, body: UpdateOrganisationBody) {
  return versioned(
    await callWithResponse(
      api.PATCH('/api/v1/organisations/{id}', { params: { path: { id }, header: { 'If-Match': etag } }, body }),
    ),
  );
}

export async function moveOrganisation(id: string, etag: string, parentId: string) {
  return versioned(
    await callWithResponse(
      api.POST('/api/v1/organisations/{id}/move', {
        params: { path: { id }, header: { 'If-Match': etag } },
        body: { parent_id: parentId },
      }),
    ),
  );
}

export async function archiveOrganisation(id: string, etag: string) {
  return versioned(
    await callWithResponse(api.POST('/api/v1/organisations/{id}/archive', { params: { path: { id }, header: { 'If-Match': etag } } })),
  );
}

export async function restoreOrganisation(id: string, etag: string) {
  return versioned(
    await callWithResponse(api.POST('/api/v1/organisations/{id}/restore', { params: { path: { id }, header: { 'If-Match': etag } } })),
  );
}
