import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { AuditEventListQuery } from '@/api/types';
import { call } from '@/lib/api-error';

export type AuditFilters = Omit<AuditEventListQuery, 'limit' | 'cursor'>;

export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit-events', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/v1/audit-events', { params: { query: { ...filters, limit: 50, cursor: pageParam } } })),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}
