import { describe, expect, it } from 'vitest';
import type { MemberImportError } from '@/api/types';
import {
  commitChoices,
  contentTypeFor,
  CSV_TYPE,
  fileProblem,
  groupErrorsByRow,
  leftOutCount,
  MAX_UPLOAD_BYTES,
  XLSX_TYPE,
} from './import-logic';

function error(row: number, column: string, code: string, field = 'id_number'): MemberImportError {
  return { row, column, field, code, message: `${code} at ${row}` };
}

describe('groupErrorsByRow', () => {
  it('groups by row in ascending order and lists each column once', () => {
    const rows = groupErrorsByRow([
      error(7, '姓名*', 'required', 'name'),
      error(4, '身份证号*', 'invalid_checksum'),
      error(7, '手机号', 'invalid_format', 'mobile'),
      error(7, '姓名*', 'too_long', 'name'),
    ]);
    expect(rows.map((r) => r.row)).toEqual([4, 7]);
    expect(rows[0]?.columns).toEqual(['身份证号*']);
    expect(rows[1]?.columns).toEqual(['姓名*', '手机号']);
    expect(rows[1]?.errors.map((e) => e.code)).toEqual(['required', 'invalid_format', 'too_long']);
  });

  it('falls back to the field when the column is empty, and is empty without errors', () => {
    expect(groupErrorsByRow([error(2, '', 'required', 'name')])[0]?.columns).toEqual(['name']);
    expect(groupErrorsByRow([])).toEqual([]);
  });
});

describe('commitChoices', () => {
  const base = { status: 'previewed' as const, total_rows: 3, valid_rows: 3, invalid_rows: 0 };

  it('offers both commits when every row is valid', () => {
    const choices = commitChoices(base);
    expect(choices.allOrNothing).toEqual({ enabled: true });
    expect(choices.validOnly).toEqual({ enabled: true });
    expect(choices.leftOut).toBe(0);
  });

  it('offers only the valid rows when some have errors', () => {
    const choices = commitChoices({ ...base, valid_rows: 2, invalid_rows: 1 });
    expect(choices.allOrNothing).toEqual({ enabled: false, reason: 'invalid_rows' });
    expect(choices.validOnly).toEqual({ enabled: true });
    expect(choices.leftOut).toBe(1);
  });

  it('offers nothing without valid rows or once committed', () => {
    const none = commitChoices({ ...base, valid_rows: 0, invalid_rows: 3 });
    expect(none.allOrNothing.enabled).toBe(false);
    expect(none.validOnly).toEqual({ enabled: false, reason: 'no_valid_rows' });
    const done = commitChoices({ ...base, status: 'committed' });
    expect(done.allOrNothing).toEqual({ enabled: false, reason: 'committed' });
    expect(done.validOnly.enabled).toBe(false);
  });
});

describe('files', () => {
  it('takes .xlsx and .csv files up to 32 MiB', () => {
    expect(fileProblem({ name: '会员.XLSX', size: 10 })).toBeNull();
    expect(fileProblem({ name: 'a.csv', size: MAX_UPLOAD_BYTES })).toBeNull();
    expect(fileProblem({ name: 'a.xls', size: 10 })).toBe('type');
    expect(fileProblem({ name: 'a.csv', size: 0 })).toBe('empty');
    expect(fileProblem({ name: 'a.csv', size: MAX_UPLOAD_BYTES + 1 })).toBe('size');
  });

  it('sends the content type by extension', () => {
    expect(contentTypeFor({ name: 'a.csv', type: 'application/vnd.ms-excel' })).toBe(CSV_TYPE);
    expect(contentTypeFor({ name: 'a.xlsx', type: '' })).toBe(XLSX_TYPE);
  });

  it('counts the rows a commit left out', () => {
    expect(leftOutCount({ total_rows: 3, inserted: 2 })).toBe(1);
    expect(leftOutCount({ total_rows: 3, inserted: null })).toBe(3);
  });
});
