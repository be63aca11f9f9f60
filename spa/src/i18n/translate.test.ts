import { describe, expect, it } from 'vitest';
import en from './en';
import { dictionaries, lookup, translate, translateEnum, translateErrorCode, translateFieldError } from './translate';
import zhCN from './zh-CN';

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
}

describe('translateErrorCode', () => {
  it('translates a known code in both languages', () => {
    expect(translateErrorCode(zhCN, 'invalid_credentials')).toBe('用户名或密码错误');
    expect(translateErrorCode(en, 'invalid_credentials')).toBe('Wrong username or password');
  });

  it('falls back to the generic message naming an unknown code', () => {
    expect(translateErrorCode(zhCN, 'quota_exceeded')).toBe('操作失败，请稍后重试（错误代码：quota_exceeded）');
    expect(translateErrorCode(en, 'quota_exceeded')).toContain('quota_exceeded');
  });

  it('falls back for a missing or odd code without looking up arbitrary keys', () => {
    expect(translateErrorCode(zhCN, undefined)).toContain('unknown');
    expect(translateErrorCode(zhCN, 'generic')).toContain('generic');
    expect(translateErrorCode(zhCN, '__proto__.x')).toContain('__proto__.x');
    expect(translateErrorCode(zhCN, 'constructor')).toContain('constructor');
  });

  it('puts the Retry-After seconds into too_many_requests, or words it without them', () => {
    expect(translateErrorCode(zhCN, 'too_many_requests', { seconds: 30 })).toBe('尝试次数过多，请 30 秒后再试');
    expect(translateErrorCode(zhCN, 'too_many_requests')).toBe('尝试次数过多，请稍后再试');
  });
});

describe('dictionaries', () => {
  it('have the same keys in both languages', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('translate every error code of the contract', () => {
    const contract = [
      'invalid_credentials',
      'too_many_requests',
      'invalid_refresh_token',
      'precondition_failed',
      'precondition_required',
      'validation_failed',
      'not_found',
      'forbidden',
      'unauthorized',
      'organisation_has_active_children',
      'organisation_move_into_descendant',
      'organisation_kind_not_allowed',
      'organisation_parent_archived',
      'organisation_is_root',
    ];
    for (const dict of Object.values(dictionaries)) {
      for (const code of contract) expect(lookup(dict, `errors.${code}`), code).toBeTruthy();
    }
  });
});

describe('other helpers', () => {
  it('interpolates parameters and shows the key when a text is missing', () => {
    expect(translate(zhCN, 'organisation.created', { name: '南江镇工会' })).toBe('已创建“南江镇工会”');
    expect(lookup(zhCN, 'organisation.nope')).toBeUndefined();
  });

  it('translates field error codes, else keeps the server message', () => {
    expect(translateFieldError(zhCN, { code: 'invalid_checksum', message: 'bad' })).toBe('校验位不正确');
    expect(translateFieldError(zhCN, { code: 'brand_new', message: 'server says no' })).toBe('server says no');
  });

  it('translates enum values and keeps unknown ones raw', () => {
    expect(translateEnum(zhCN, 'organisation.kinds', 'enterprise_union')).toBe('企业工会');
    expect(translateEnum(zhCN, 'organisation.kinds', 'space_union')).toBe('space_union');
    expect(translateEnum(zhCN, 'organisation.kinds', null)).toBe('');
  });
});
