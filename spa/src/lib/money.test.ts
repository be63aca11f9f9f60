import { describe, expect, it } from 'vitest';
import { fenToYuan, formatYuan, yuanToFen } from './money';

describe('yuanToFen', () => {
  it('converts whole yuan and one or two decimals exactly', () => {
    expect(yuanToFen('680')).toBe(68000);
    expect(yuanToFen('680.00')).toBe(68000);
    expect(yuanToFen('680.1')).toBe(68010);
    expect(yuanToFen('680.10')).toBe(68010);
    expect(yuanToFen('0.01')).toBe(1);
    expect(yuanToFen('0')).toBe(0);
    expect(yuanToFen('680.')).toBe(68000);
  });

  it('has none of the floating-point drift of value * 100', () => {
    // 0.29 * 100 === 28.999999999999996, 1.005 * 100 === 100.49999999999999, 4.35 * 100 === 434.99999999999994
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('4.35')).toBe(435);
    expect(yuanToFen('1234567.89')).toBe(123456789);
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(4.35)).toBe(435);
    expect(yuanToFen(680)).toBe(68000);
  });

  it('ignores spaces and thousands separators', () => {
    expect(yuanToFen(' 1,000.50 ')).toBe(100050);
    expect(yuanToFen('1，000')).toBe(100000);
  });

  it('refuses what is not a non-negative amount with at most two decimals', () => {
    for (const bad of ['', '  ', '-1', '-0.01', '1.005', '1.2.3', 'abc', '12元', '.5', '1e3', '+5']) {
      expect(yuanToFen(bad)).toBeNull();
    }
    expect(yuanToFen(null)).toBeNull();
    expect(yuanToFen(undefined)).toBeNull();
    expect(yuanToFen(Number.NaN)).toBeNull();
    expect(yuanToFen(Number.POSITIVE_INFINITY)).toBeNull();
    expect(yuanToFen(-3)).toBeNull();
    expect(yuanToFen(1e21)).toBeNull();
    expect(yuanToFen('99999999999999999999')).toBeNull();
  });
});

describe('fenToYuan', () => {
  it('always shows two decimals', () => {
    expect(fenToYuan(68000)).toBe('680.00');
    expect(fenToYuan(68010)).toBe('680.10');
    expect(fenToYuan(1)).toBe('0.01');
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(-150)).toBe('-1.50');
  });

  it('round-trips with yuanToFen', () => {
    for (const fen of [0, 1, 9, 10, 99, 100, 68010, 123456789, 100000000]) {
      expect(yuanToFen(fenToYuan(fen))).toBe(fen);
    }
  });
});

describe('formatYuan', () => {
  it('groups thousands for reading', () => {
    expect(formatYuan(68000)).toBe('680.00');
    expect(formatYuan(50000)).toBe('500.00');
    expect(formatYuan(123456789)).toBe('1,234,567.89');
    expect(formatYuan(100000000)).toBe('1,000,000.00');
    expect(formatYuan(-123456)).toBe('-1,234.56');
  });

  it('is empty for no amount', () => {
    expect(formatYuan(null)).toBe('');
    expect(formatYuan(undefined)).toBe('');
  });
});
