//! Pure logic of the import wizard: which files are taken and how they are sent, the errors grouped by
//! sheet row, which commit buttons are offered, and the wizard step an import is at.
import type { MemberImport, MemberImportError } from '@/api/types';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv';
/** The server refuses larger uploads (413). */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;
export const ACCEPT = '.xlsx,.csv';

export type FileProblem = 'type' | 'size' | 'empty';

/** Why a picked file cannot be sent, or null. */
export function fileProblem(file: { name: string; size: number }): FileProblem | null {
  if (!/\.(xlsx|csv)$/i.test(file.name)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_UPLOAD_BYTES) return 'size';
  return null;
}

/** The `Content-Type` of the upload, by extension (browsers often give csv files odd types). */
export function contentTypeFor(file: { name: string; type?: string }): string {
  if (/\.csv$/i.test(file.name)) return CSV_TYPE;
  if (/\.xlsx$/i.test(file.name)) return XLSX_TYPE;
  return file.type || 'application/octet-stream';
}

/** The errors of one sheet row. */
export interface RowErrors {
  row: number;
  /** The columns with a problem, each once, in the order first met. */
  columns: string[];
  errors: MemberImportError[];
}

/** The errors grouped by sheet row, rows ascending, errors of a row in the server's order. */
export function groupErrorsByRow(errors: readonly MemberImportError[]): RowErrors[] {
  const byRow = new Map<number, RowErrors>();
  for (const error of errors) {
    const entry = byRow.get(error.row) ?? { row: error.row, columns: [], errors: [] };
    const column = error.column || error.field;
    if (column && !entry.columns.includes(column)) entry.columns.push(column);
    entry.errors.push(error);
    byRow.set(error.row, entry);
  }
  return [...byRow.values()].sort((a, b) => a.row - b.row);
}

export interface CommitChoice {
  enabled: boolean;
  /** Why it is disabled. */
  reason?: 'committed' | 'invalid_rows' | 'no_valid_rows';
}

export interface CommitChoices {
  allOrNothing: CommitChoice;
  validOnly: CommitChoice;
  /** Rows a valid-only commit leaves out. */
  leftOut: number;
}

/** Which commits a previewed import offers: all rows only when none has an error; valid rows when any. */
export function commitChoices(
  imported: Pick<MemberImport, 'status' | 'valid_rows' | 'invalid_rows' | 'total_rows'>,
): CommitChoices {
  const leftOut = imported.invalid_rows;
  if (imported.status !== 'previewed') {
    const off: CommitChoice = { enabled: false, reason: 'committed' };
    return { allOrNothing: off, validOnly: off, leftOut };
  }
  const noValid = imported.valid_rows === 0;
  return {
    allOrNothing: noValid
      ? { enabled: false, reason: 'no_valid_rows' }
      : imported.invalid_rows > 0
        ? { enabled: false, reason: 'invalid_rows' }
        : { enabled: true },
    validOnly: noValid ? { enabled: false, reason: 'no_valid_rows' } : { enabled: true },
    leftOut,
  };
}

/** Rows of the sheet the commit did not register (with errors, or registered elsewhere meanwhile). */
export function leftOutCount(imported: Pick<MemberImport, 'total_rows' | 'inserted'>): number {
  return Math.max(0, imported.total_rows - (imported.inserted ?? 0));
}
