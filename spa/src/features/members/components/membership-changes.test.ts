import { describe, expect, it } from 'vitest';
import { canRequestTransfer, changeOptions } from './membership-changes';

describe('changeOptions', () => {
  it('offers exactly the changes of allowed_actions, in display order', () => {
    // What the server offers staff for an active member, and for a suspended or retained one.
    expect(changeOptions(['suspend', 'retain', 'leave', 'death'])).toEqual(['suspend', 'retain', 'leave', 'death']);
    expect(changeOptions(['leave', 'death', 'restore'])).toEqual(['restore', 'leave', 'death']);
    expect(changeOptions(['death'])).toEqual(['death']);
  });

  it('offers nothing when the server allows nothing (left, deceased, or no members:write)', () => {
    expect(changeOptions([])).toEqual([]);
  });

  it('never offers joining or transfers, which go through requests', () => {
    expect(changeOptions(['join', 'transfer_in', 'transfer_out'])).toEqual([]);
    expect(changeOptions(['transfer_out', 'suspend'])).toEqual(['suspend']);
  });
});

describe('canRequestTransfer', () => {
  it('is only for active members', () => {
    expect(canRequestTransfer('active')).toBe(true);
    expect(canRequestTransfer('suspended')).toBe(false);
    expect(canRequestTransfer('left')).toBe(false);
  });
});
