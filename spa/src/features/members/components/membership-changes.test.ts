import { describe, expect, it } from 'vitest';
import { canRequestTransfer, changeOptions } from './membership-changes';

describe('changeOptions', () => {
  it('offers suspend, retain, leave and death to an active member', () => {
    expect(changeOptions('active')).toEqual(['suspend', 'retain', 'leave', 'death']);
  });

  it('offers restore, leave and death to a suspended or retained member', () => {
    expect(changeOptions('suspended')).toEqual(['restore', 'leave', 'death']);
    expect(changeOptions('retained')).toEqual(['restore', 'leave', 'death']);
  });

  it('offers nothing once a member has left or died, or for an unknown status', () => {
    expect(changeOptions('left')).toEqual([]);
    expect(changeOptions('deceased')).toEqual([]);
    expect(changeOptions('something-new')).toEqual([]);
  });
});

describe('canRequestTransfer', () => {
  it('is only for active members', () => {
    expect(canRequestTransfer('active')).toBe(true);
    expect(canRequestTransfer('suspended')).toBe(false);
    expect(canRequestTransfer('left')).toBe(false);
  });
});
