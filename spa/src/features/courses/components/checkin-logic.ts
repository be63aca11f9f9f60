//! The check-in screen's clock: how long the code on screen lasts, when to fetch the next one, and a
//! correction for a projector PC whose clock is off (from the answer's `Date` header, when readable).

/** Offsets smaller than this are noise (the `Date` header has whole seconds). */
const SKEW_THRESHOLD_MS = 5_000;
/** Fetch the next code this long after the current one expires (the server has moved on by then). */
const REFRESH_GRACE_MS = 500;
/** Never poll faster than this, whatever the clocks say. */
const MIN_REFRESH_MS = 2_000;

/**
 * Server time minus local time in milliseconds, from an answer's `Date` header; 0 when the header is
 * missing (another origin does not expose it) or the clocks agree within a few seconds.
 */
export function clockOffset(dateHeader: string | null | undefined, receivedAt: number): number {
  if (!dateHeader) return 0;
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return 0;
  const offset = server - receivedAt;
  return Math.abs(offset) < SKEW_THRESHOLD_MS ? 0 : offset;
}

/** Whole seconds until `expiresAt` (server time), never below 0 nor above the window. */
export function secondsLeft(expiresAt: string, now: number, offset = 0, windowSeconds?: number): number {
  const expires = Date.parse(expiresAt);
  if (Number.isNaN(expires)) return 0;
  const left = Math.max(0, Math.ceil((expires - (now + offset)) / 1000));
  return windowSeconds !== undefined && windowSeconds > 0 ? Math.min(left, windowSeconds) : left;
}

/** Milliseconds until the next code should be fetched: just after this one expires, at least 2 s on. */
export function refreshDelay(expiresAt: string, now: number, offset = 0): number {
  const expires = Date.parse(expiresAt);
  if (Number.isNaN(expires)) return MIN_REFRESH_MS;
  return Math.max(MIN_REFRESH_MS, expires - (now + offset) + REFRESH_GRACE_MS);
}

/** "0:45", "1:00", "12:05". */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** The share of the window left, 0–100 (for a progress ring). */
export function percentLeft(seconds: number, windowSeconds: number): number {
  if (windowSeconds <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((seconds / windowSeconds) * 100)));
}
