//! Public certificate verification (`GET /api/v1/certificates/{code}/verify`): no token, so it goes through
//! the public client and works for anyone who opens the page. A malformed or unknown code is a 404.
import { useQuery } from '@tanstack/react-query';
import { publicApi } from '@/api/client';
import type { CertificateCheck } from '@/api/types';
import { call } from '@/lib/api-error';

export const certificateKeys = {
  verify: (code: string) => ['certificates', 'verify', code] as const,
};

export function verifyCertificate(code: string): Promise<CertificateCheck> {
  return call(publicApi.GET('/api/v1/certificates/{code}/verify', { params: { path: { code } } }));
}

/** The check of a code (canonical form), or nothing while there is no code to check. */
export function useCertificateCheck(code: string | null) {
  return useQuery({
    queryKey: certificateKeys.verify(code ?? ''),
    queryFn: () => verifyCertificate(code ?? ''),
    enabled: !!code,
    // A revocation must show at once: every visit asks again (the API answers `no-store` too).
    staleTime: 0,
    gcTime: 0,
  });
}
