import { describe, expect, it } from 'vitest';
import { landingPath } from './landing';

describe('landingPath', () => {
  it('sends member accounts to their own membership', () => {
    expect(landingPath({ permissions: ['organisations:read', 'self:membership'] })).toBe('/me');
  });

  it('sends staff to the organisation tree', () => {
    expect(landingPath({ permissions: ['organisations:read', 'members:read', 'members:write'] })).toBe('/organisations');
    expect(landingPath({ permissions: ['organisations:read'] })).toBe('/organisations');
  });

  it('keeps staff work first should an account ever hold both', () => {
    expect(landingPath({ permissions: ['organisations:read', 'members:read', 'self:membership'] })).toBe('/organisations');
  });

  it('falls back to the organisations before the account is known', () => {
    expect(landingPath(undefined)).toBe('/organisations');
  });
});
