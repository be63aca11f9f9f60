//! Pure translation helpers: dotted-key lookup with `{name}` interpolation and the error-code fallback.
import en from './en';
import zhCN, { type Dictionary } from './zh-CN';

export type Locale = 'zh-CN' | 'en';

export const dictionaries: Record<Locale, Dictionary> = { 'zh-CN': zhCN, en };

type Leaves<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}`;
}[keyof T & string];

/** Every translation key, e.g. `organisation.fields.name`. */
export type TKey = Leaves<Dictionary>;

export type Params = Record<string, string | number>;

/** The text under a dotted key, or undefined when there is none. */
export function lookup(dict: Dictionary, key: string): string | undefined {
  let node: unknown = dict;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Translates a known key; a missing key shows the key itself (visible in review, never a crash). */
export function translate(dict: Dictionary, key: TKey, params?: Params): string {
  return interpolate(lookup(dict, key) ?? key, params);
}

/**
 * Translates a problem `code` through `errors.<code>`. Unknown codes fall back to `errors.generic`
 * (which names the code, so a support request can quote it).
 */
export function translateErrorCode(dict: Dictionary, code: string | null | undefined, params?: Params): string {
  const key = code && /^[a-z0-9_]+$/.test(code) ? code : 'generic';
  if (key === 'too_many_requests' && (params?.seconds === undefined || params.seconds === '')) {
    return dict.errors.too_many_requests_no_wait;
  }
  const text = lookup(dict, `errors.${key}`);
  if (text !== undefined && key !== 'generic') return interpolate(text, params);
  return interpolate(dict.errors.generic, { code: code ?? 'unknown', ...params });
}

/** Translates one entry of a 422 `errors[]`: `fieldErrors.<code>`, else the server's own message. */
export function translateFieldError(dict: Dictionary, error: { code?: string | null; message?: string | null }): string {
  const text = error.code ? lookup(dict, `fieldErrors.${error.code}`) : undefined;
  return text ?? error.message ?? dict.fieldErrors.invalid_value;
}

/** A dynamic key built from an enum value (kinds, roles...); falls back to the raw value. */
export function translateEnum(dict: Dictionary, prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return lookup(dict, `${prefix}.${value}`) ?? value;
}
