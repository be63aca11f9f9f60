//! Money as the API keeps it: whole fen (分) in integers. People type and read yuan (元) with two
//! decimals; the conversion works on the digits, never through floating point, so 680.10 元 is exactly
//! 68010 分.

/** A yuan amount as typed: digits, optionally a point and one or two decimals ("680", "680.1", "680.10"). */
const YUAN = /^(\d+)(?:\.(\d{0,2}))?$/;

/**
 * Yuan as typed (a string, or a number from an input) → whole fen; null when it is not a non-negative
 * amount with at most two decimals, or too large to be exact.
 */
export function yuanToFen(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const text = (typeof value === 'number' ? numberText(value) : value).trim().replace(/[,，\s]/g, '');
  if (text === '') return null;
  const match = YUAN.exec(text);
  if (!match) return null;
  const whole = match[1] ?? '0';
  const decimals = (match[2] ?? '').padEnd(2, '0');
  const fen = Number(whole) * 100 + Number(decimals);
  return Number.isSafeInteger(fen) ? fen : null;
}

/** A number's plain decimal text ("" for what is not a finite number, so it is refused). */
function numberText(value: number): string {
  if (!Number.isFinite(value)) return '';
  const text = String(value);
  // 1e21 and beyond (or 1e-7 and below) print in exponent form: not an amount anyone types.
  return /e/i.test(text) ? '' : text;
}

/** Whole fen → yuan with exactly two decimals, no grouping ("68010" → "680.10"): for form fields. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Whole fen → yuan with two decimals and thousands grouped ("12345600" → "123,456.00"): for display. */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '';
  const [whole = '0', decimals = '00'] = fenToYuan(fen).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${decimals}`;
}
