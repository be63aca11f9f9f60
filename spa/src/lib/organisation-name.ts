//! The name of one organisation: the label of an organisation filter whose id comes from the URL (the member
//! list and the honour and hardship registers).
import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { call } from '@/lib/api-error';
import { MEMBERS_QUERY_KEY } from '@/lib/query-keys';

export function useOrganisationName(id: string | undefined) {
  return useQuery({
    // Under the members key, where it has always been: whatever refreshes members refreshes it too.
    queryKey: [...MEMBERS_QUERY_KEY, 'organisation-name', id ?? ''],
    queryFn: async () => (await call(api.GET('/api/v1/organisations/{id}', { params: { path: { id: id ?? '' } } }))).name,
    enabled: !!id,
    staleTime: 5 * 60_000,
    retry: false,
  });
}
