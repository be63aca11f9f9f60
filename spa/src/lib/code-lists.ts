//! The server's code lists (`GET /api/v1/code-lists`): ethnicities, education levels, membership statuses…
//! Fetched once per session; labels follow the current language. Never hard-code a list in the app.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '@/api/client';
import type { CodeList } from '@/api/types';
import { useI18n } from '@/i18n/i18n-provider';
import type { Locale } from '@/i18n/translate';
import { call } from './api-error';

/** The lists the API serves (see the `Code`/`CodeListBody` schemas). */
export type CodeListName =
  | 'genders'
  | 'ethnicities'
  | 'education-levels'
  | 'political-statuses'
  | 'hukou-types'
  | 'employment-statuses'
  | 'skill-levels'
  | 'new-form-employment-kinds'
  | 'membership-statuses'
  | 'membership-change-reasons'
  | 'honour-kinds'
  | 'honour-levels'
  | 'hardship-categories'
  | 'hardship-statuses'
  | 'hardship-decisions'
  | 'assistance-kinds'
  | 'course-categories'
  | 'course-eligibilities'
  | 'course-statuses'
  | 'enrolment-statuses'
  | 'attendance-statuses';

export const codeListsQueryKey = ['code-lists'] as const;

export function useCodeListsQuery() {
  return useQuery({
    queryKey: codeListsQueryKey,
    queryFn: () => call(api.GET('/api/v1/code-lists')),
    // They change with a deployment, not during a session.
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export interface CodeOption {
  value: string;
  label: string;
}

export interface Codes {
  /** The label of a code in the current language; the code itself when unknown; '' for none. */
  label: (list: CodeListName, code: string | null | undefined) => string;
  /** Select options of a list, in the server's order. */
  options: (list: CodeListName) => CodeOption[];
  isPending: boolean;
  error: unknown;
}

/** Pure: builds the lookups from the lists (tested without React). */
export function codeLookups(lists: readonly CodeList[] | undefined, locale: Locale) {
  const byName = new Map<string, Map<string, string>>();
  const ordered = new Map<string, CodeOption[]>();
  for (const list of lists ?? []) {
    const labels = new Map<string, string>();
    const options: CodeOption[] = [];
    for (const entry of list.items) {
      const label = locale === 'zh-CN' ? entry.zh : entry.en;
      labels.set(entry.code, label);
      options.push({ value: entry.code, label });
    }
    byName.set(list.name, labels);
    ordered.set(list.name, options);
  }
  return {
    label: (list: CodeListName, code: string | null | undefined) =>
      code === null || code === undefined || code === '' ? '' : (byName.get(list)?.get(code) ?? code),
    options: (list: CodeListName) => ordered.get(list) ?? [],
  };
}

export function useCodes(): Codes {
  const { locale } = useI18n();
  const query = useCodeListsQuery();
  const lookups = useMemo(() => codeLookups(query.data?.items, locale), [query.data, locale]);
  return { ...lookups, isPending: query.isPending, error: query.error };
}
