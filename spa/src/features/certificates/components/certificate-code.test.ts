import { describe, expect, it } from 'vitest';
import { canonicalCertificateCode, isCertificateCode } from './certificate-code';

const CODE = 'GHC-7K3M-Q9TX-2RVA';

describe('canonicalCertificateCode', () => {
  it('keeps a code typed exactly as printed', () => {
    expect(canonicalCertificateCode(CODE)).toBe(CODE);
  });

  it('reads lower case, blanks, hyphens and a missing prefix', () => {
    expect(canonicalCertificateCode('ghc-7k3m-q9tx-2rva')).toBe(CODE);
    expect(canonicalCertificateCode('  ghc 7k3m q9tx 2rva ')).toBe(CODE);
    expect(canonicalCertificateCode('7K3MQ9TX2RVA')).toBe(CODE);
    expect(canonicalCertificateCode('7k3m–q9tx—2rva')).toBe(CODE);
  });

  it('reads full-width characters from a Chinese keyboard', () => {
    expect(canonicalCertificateCode('ＧＨＣ－７Ｋ３Ｍ－Ｑ９ＴＸ－２ＲＶＡ')).toBe(CODE);
  });

  it('reads O as zero and I or L as one, as the codes never use them', () => {
    expect(canonicalCertificateCode('GHC-O000-1111-ABCD')).toBe('GHC-0000-1111-ABCD');
    expect(canonicalCertificateCode('ghc-oooo-iiii-llll')).toBe('GHC-0000-1111-1111');
  });

  it('refuses what cannot be a code', () => {
    expect(canonicalCertificateCode('')).toBeNull();
    expect(canonicalCertificateCode(null)).toBeNull();
    expect(canonicalCertificateCode('nonsense')).toBeNull();
    expect(canonicalCertificateCode('GHC-7K3M-Q9TX-2RV')).toBeNull();
    expect(canonicalCertificateCode('GHC-7K3M-Q9TX-2RVAA')).toBeNull();
    // U is not in the alphabet.
    expect(canonicalCertificateCode('GHC-7K3M-Q9TX-2RVU')).toBeNull();
    expect(canonicalCertificateCode('证书编号')).toBeNull();
    expect(isCertificateCode('GHC-7K3M-Q9TX-2RVA')).toBe(true);
    expect(isCertificateCode('GHC-')).toBe(false);
  });
});
