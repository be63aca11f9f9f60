//! A select that searches organisations by name on the server (within the caller's scope).
import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState, type CSSProperties } from 'react';
import { api } from '@/api/client';
import { call } from '@/lib/api-error';
import { useI18n } from '@/i18n/i18n-provider';

export interface OrganisationSelectProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Label for the current value before any search (e.g. the account's organisation_name). */
  initialLabel?: string;
  /** An id never offered (e.g. the organisation being moved). */
  excludeId?: string;
  /** Offer a clear button (filters). */
  allowClear?: boolean;
  /** Offer only unions that hold members (grassroots and township unions). */
  holdsMembers?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function OrganisationSelect({
  value,
  onChange,
  initialLabel,
  excludeId,
  allowClear,
  holdsMembers,
  placeholder,
  style,
  id,
  ...rest
}: OrganisationSelectProps) {
  const { t, tEnum } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const result = useQuery({
    queryKey: ['organisations', 'select', q, holdsMembers ?? false],
    queryFn: () =>
      call(
        api.GET('/api/v1/organisations', {
          params: { query: { q: q || undefined, status: 'active', holds_members: holdsMembers || undefined, limit: 20 } },
        }),
      ),
  });
  const options = (result.data?.items ?? [])
    .filter((org) => org.id !== excludeId)
    .map((org) => ({ value: org.id, label: `${org.name}（${tEnum('organisation.kinds', org.kind)}）` }));
  if (value && initialLabel && !options.some((option) => option.value === value)) {
    options.unshift({ value, label: initialLabel });
  }
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      showSearch
      value={value}
      onChange={(next: string | undefined) => {
        setSearch('');
        onChange?.(next);
      }}
      allowClear={allowClear}
      style={style}
      filterOption={false}
      onSearch={setSearch}
      placeholder={placeholder ?? t('organisation.searchPlaceholder')}
      notFoundContent={result.isFetching ? <Spin size="small" /> : t('common.noData')}
      options={options}
    />
  );
}
