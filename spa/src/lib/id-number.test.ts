import { describe, expect, it } from 'vitest';
import { checkCharacter, checkIdNumber, normaliseIdNumber } from './id-number';

describe('checkIdNumber (GB 11643)', () => {
  it('accepts the two official examples', () => {
    expect(checkIdNumber('11010519491231002X').ok).toBe(true);
    expect(checkIdNumber('440524188001010014').ok).toBe(true);
  });

  it('computes the check character from the first 17 digits', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('44052418800101001')).toBe('4');
    expect(checkCharacter('4405241880010100')).toBeNull();
  });

  it('rejects a changed check digit', () => {
    expect(checkIdNumber('110105194912310021')).toEqual({ ok: false, reason: 'checksum' });
    expect(checkIdNumber('440524188001010015')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('rejects a changed body digit (the check no longer fits)', () => {
    expect(checkIdNumber('11010519491231003X')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('rejects wrong lengths and characters', () => {
    expect(checkIdNumber('')).toEqual({ ok: false, reason: 'format' });
    expect(checkIdNumber('11010519491231002')).toEqual({ ok: false, reason: 'format' });
    expect(checkIdNumber('11010519491231002XX')).toEqual({ ok: false, reason: 'format' });
    expect(checkIdNumber('1101051949123100X2')).toEqual({ ok: false, reason: 'format' });
    expect(checkIdNumber('11010519491231002Y')).toEqual({ ok: false, reason: 'format' });
  });

  it('accepts a lower-case x and spaces, and normalises them', () => {
    const result = checkIdNumber(' 110105 19491231 002x ');
    expect(result).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(normaliseIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });

  it('extracts the birth date and the gender (17th digit odd = male)', () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
    });
    expect(checkIdNumber('440524188001010014')).toMatchObject({ birthDate: '1880-01-01', gender: 'male' });
  });

  it('rejects an impossible birth date even with a fitting check digit', () => {
    const first17 = '11010519490231002'; // 31 February
    const check = checkCharacter(first17) ?? '';
    expect(checkIdNumber(`${first17}${check}`)).toEqual({ ok: false, reason: 'birth_date' });
  });
});
