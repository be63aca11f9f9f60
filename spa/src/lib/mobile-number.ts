//! Mainland mobile numbers: `1[3-9]` and 9 more digits, optionally after +86; spaces and dashes ignored.

const MOBILE = /^(\+86)?1[3-9]\d{9}$/;

/** Drops spaces and dashes ("139 0827-0004" → "13908270004"). */
export function normaliseMobile(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

export function isValidMobile(raw: string): boolean {
  return MOBILE.test(normaliseMobile(raw));
}
