import { describe, expect, it } from 'vitest';
import { isValidMobile, normaliseMobile } from './mobile-number';

describe('mobile numbers', () => {
  it('accepts mainland mobiles, with or without +86', () => {
    expect(isValidMobile('13908270004')).toBe(true);
    expect(isValidMobile('+8619912345678')).toBe(true);
  });

  it('ignores spaces and dashes', () => {
    expect(isValidMobile('139 0827 0004')).toBe(true);
    expect(isValidMobile('139-0827-0004')).toBe(true);
    expect(normaliseMobile(' 139-0827 0004 ')).toBe('13908270004');
  });

  it('rejects other numbers', () => {
    expect(isValidMobile('12908270004')).toBe(false); // second digit 2
    expect(isValidMobile('1390827000')).toBe(false); // 10 digits
    expect(isValidMobile('139082700041')).toBe(false); // 12 digits
    expect(isValidMobile('008613908270004')).toBe(false);
    expect(isValidMobile('028-12345678')).toBe(false); // a landline
    expect(isValidMobile('')).toBe(false);
  });
});
