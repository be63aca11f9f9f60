import { describe, expect, it } from 'vitest';
import { codeLookups } from './code-lists';

const lists = [
  { name: 'genders', description: 'Gender', items: [{ code: 'male', zh: '男', en: 'Male' }, { code: 'female', zh: '女', en: 'Female' }] },
  { name: 'membership-statuses', description: 'Status', items: [{ code: 'active', zh: '正常', en: 'Active' }] },
];

describe('codeLookups', () => {
  it('labels codes in the current language', () => {
    expect(codeLookups(lists, 'zh-CN').label('genders', 'female')).toBe('女');
    expect(codeLookups(lists, 'en').label('genders', 'female')).toBe('Female');
  });

  it('shows an unknown code as itself and nothing for no code', () => {
    const { label } = codeLookups(lists, 'zh-CN');
    expect(label('genders', 'other')).toBe('other');
    expect(label('ethnicities', '01')).toBe('01');
    expect(label('genders', null)).toBe('');
  });

  it('gives select options in the server’s order', () => {
    expect(codeLookups(lists, 'en').options('genders')).toEqual([
      { value: 'male', label: 'Male' },
      { value: 'female', label: 'Female' },
    ]);
    expect(codeLookups(undefined, 'en').options('genders')).toEqual([]);
  });
});
