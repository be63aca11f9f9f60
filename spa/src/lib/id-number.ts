//! Resident ID numbers (GB 11643-1999): 17 digits and a check character, the birth date in digits
//! 7–14, the 17th digit odd for men. Checked as the user types; the server checks again.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type Gender = 'male' | 'female';

export type IdNumberCheck =
  | { ok: true; value: string; birthDate: string; gender: Gender }
  | { ok: false; reason: 'format' | 'checksum' | 'birth_date' };

/** Upper-cases and drops spaces (people paste "1101 0519 ..."). */
export function normaliseIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 digits, or null when they are not 17 digits. */
export function checkCharacter(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11] ?? null;
}

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Checks format, check character and birth date; gives the birth date (YYYY-MM-DD) and gender. */
export function checkIdNumber(raw: string): IdNumberCheck {
  const value = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: 'format' };
  if (checkCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, reason: 'checksum' };
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (year < 1800 || !validDate(year, month, day)) return { ok: false, reason: 'birth_date' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const gender: Gender = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, birthDate, gender };
}
