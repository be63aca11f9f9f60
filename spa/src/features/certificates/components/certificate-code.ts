//! Certificate codes as people type them from paper or read them aloud: `GHC-7K3M-Q9TX-2RVA`, in any case,
//! with or without the GHC prefix, spaces or hyphens, full-width characters from a Chinese keyboard, and the
//! letters O, I and L for 0, 1 and 1. The API reads codes just as loosely; this gives the page a canonical
//! form for its address and catches what cannot be a code before asking.

/** Crockford base-32, as the codes are made (no I, L, O, U). */
const ALPHABET = /^[0-9A-HJKMNP-TV-Z]{12}$/;

/** Separators people put in: blanks, hyphens and dashes, dots, underscores. */
const SEPARATORS = /[\s\-‐‑‒–—―_.·]/g;

/** The code in canonical form (`GHC-XXXX-XXXX-XXXX`), or null when it cannot be a certificate code. */
export function canonicalCertificateCode(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let text = raw.normalize('NFKC').toUpperCase().replace(SEPARATORS, '');
  if (text.startsWith('GHC')) text = text.slice(3);
  text = text.replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!ALPHABET.test(text)) return null;
  return `GHC-${text.slice(0, 4)}-${text.slice(4, 8)}-${text.slice(8, 12)}`;
}

/** Whether what was typed can be a code at all (the API still decides whether it exists). */
export function isCertificateCode(raw: string | null | undefined): boolean {
  return canonicalCertificateCode(raw) !== null;
}
