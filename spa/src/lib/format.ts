import dayjs from 'dayjs';

/** `2024-05-01T08:00:00Z` → local `2024-05-01 16:00`; empty for null. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : value;
}

export function formatDate(value: string | null | undefined): string {
  return value ?? '';
}
