import { describe, expect, it } from 'vitest';
import { clockOffset, formatCountdown, percentLeft, refreshDelay, secondsLeft } from './checkin-logic';

const EXPIRES = '2025-06-01T11:01:00Z';
const at = (iso: string) => Date.parse(iso);

describe('the check-in countdown', () => {
  it('counts whole seconds down to the expiry, never below zero', () => {
    expect(secondsLeft(EXPIRES, at('2025-06-01T11:00:15Z'))).toBe(45);
    expect(secondsLeft(EXPIRES, at('2025-06-01T11:00:15.400Z'))).toBe(45);
    expect(secondsLeft(EXPIRES, at('2025-06-01T11:00:59.900Z'))).toBe(1);
    expect(secondsLeft(EXPIRES, at('2025-06-01T11:01:00Z'))).toBe(0);
    expect(secondsLeft(EXPIRES, at('2025-06-01T11:05:00Z'))).toBe(0);
    expect(secondsLeft('not a time', at('2025-06-01T11:00:00Z'))).toBe(0);
  });

  it('never shows more than the window, whatever the local clock says', () => {
    expect(secondsLeft(EXPIRES, at('2025-06-01T10:50:00Z'), 0, 60)).toBe(60);
  });

  it('corrects a local clock that is off by the server’s Date', () => {
    // The PC is 2 minutes behind: locally 10:58:15 is 11:00:15 on the server.
    const receivedAt = at('2025-06-01T10:58:15Z');
    const offset = clockOffset('Sun, 01 Jun 2025 11:00:15 GMT', receivedAt);
    expect(offset).toBe(120_000);
    expect(secondsLeft(EXPIRES, receivedAt, offset)).toBe(45);
  });

  it('ignores small differences and missing or bad dates', () => {
    expect(clockOffset('Sun, 01 Jun 2025 11:00:16 GMT', at('2025-06-01T11:00:15.200Z'))).toBe(0);
    expect(clockOffset(null, 0)).toBe(0);
    expect(clockOffset('yesterday', 0)).toBe(0);
  });

  it('fetches the next code just after this one expires, not sooner than two seconds', () => {
    expect(refreshDelay(EXPIRES, at('2025-06-01T11:00:15Z'))).toBe(45_500);
    expect(refreshDelay(EXPIRES, at('2025-06-01T11:01:00Z'))).toBe(2_000);
    expect(refreshDelay(EXPIRES, at('2025-06-01T11:02:00Z'))).toBe(2_000);
    expect(refreshDelay(EXPIRES, at('2025-06-01T10:59:15Z'), 60_000)).toBe(45_500);
    expect(refreshDelay('nonsense', 0)).toBe(2_000);
  });

  it('formats the countdown as m:ss and a share of the window', () => {
    expect(formatCountdown(45)).toBe('0:45');
    expect(formatCountdown(60)).toBe('1:00');
    expect(formatCountdown(725)).toBe('12:05');
    expect(formatCountdown(-3)).toBe('0:00');
    expect(percentLeft(45, 60)).toBe(75);
    expect(percentLeft(90, 60)).toBe(100);
    expect(percentLeft(5, 0)).toBe(0);
  });
});
