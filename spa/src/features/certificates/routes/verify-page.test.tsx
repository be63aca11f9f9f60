import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CertificateCheck } from '@/api/types';
import { tokenStore } from '@/lib/auth/token-store';
import { renderWithProviders } from '@/test/render';
import { VerifyPage } from './verify-page';

const CODE = 'GHC-7K3M-Q9TX-2RVA';

function check(extra: Partial<CertificateCheck> = {}): CertificateCheck {
  return {
    code: CODE,
    holder_name: '欧**娜',
    course_title: '月嫂（母婴护理）培训班',
    organisation_name: '南江县总工会',
    issued_on: '2026-11-20',
    status: 'valid',
    ...extra,
  };
}

function json(body: unknown, status = 200) {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

/** The public endpoint over a small world of certificates by canonical code. */
function fakeApi(certificates: Record<string, CertificateCheck>) {
  const seen: { path: string; authorization: string | null }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = decodeURIComponent(new URL(request.url).pathname);
      seen.push({ path, authorization: request.headers.get('Authorization') });
      const match = /^\/api\/v1\/certificates\/(.+)\/verify$/.exec(path);
      const found = match?.[1] ? certificates[match[1]] : undefined;
      return found
        ? json(found)
        : json({ type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found', request_id: 'r1' }, 404);
    }),
  );
  return seen;
}

function renderAt(route: string, locale?: 'en') {
  return renderWithProviders(
    <Routes>
      <Route path="/verify" element={<VerifyPage />} />
      <Route path="/verify/:code" element={<VerifyPage />} />
    </Routes>,
    { route, locale },
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  tokenStore.clear('logout');
});

describe('VerifyPage', () => {
  it('checks a code typed in lower case with blanks, without any token, and shows the masked holder as valid', async () => {
    // Even with a session the check goes out without the bearer token.
    tokenStore.setTokens('access-token', 'refresh-token');
    const seen = fakeApi({ [CODE]: check() });
    renderAt('/verify');
    expect(screen.queryByTestId('verify-answer')).not.toBeInTheDocument();

    fireEvent.change(screen.getByTestId('verify-code-input'), { target: { value: ' ghc 7k3m-q9tx 2rva ' } });
    await userEvent.click(screen.getByTestId('verify-submit'));

    expect(await screen.findByTestId('verify-status')).toHaveTextContent('有效');
    expect(screen.getByTestId('verify-holder')).toHaveTextContent('欧**娜');
    expect(screen.getByTestId('verify-course')).toHaveTextContent('月嫂（母婴护理）培训班');
    expect(screen.getByTestId('verify-organisation')).toHaveTextContent('南江县总工会');
    expect(screen.getByTestId('verify-issued-on')).toHaveTextContent('2026-11-20');
    // The field now shows the canonical code.
    await waitFor(() => expect(screen.getByTestId('verify-code-input')).toHaveValue(CODE));
    expect(seen).toEqual([{ path: `/api/v1/certificates/${CODE}/verify`, authorization: null }]);
  });

  it('opens a code from the address and shows a revoked certificate as such', async () => {
    fakeApi({ [CODE]: check({ status: 'revoked' }) });
    renderAt(`/verify/${CODE.toLowerCase()}`);
    expect(await screen.findByTestId('verify-status')).toHaveTextContent('已撤销');
    expect(screen.getByText('该证书已被发证单位撤销，不再有效。')).toBeInTheDocument();
  });

  it('says clearly when a code is unknown, and refuses what cannot be a code before asking', async () => {
    const seen = fakeApi({});
    renderAt('/verify');
    const input = screen.getByTestId('verify-code-input');

    fireEvent.change(input, { target: { value: 'hello' } });
    await userEvent.click(screen.getByTestId('verify-submit'));
    expect(await screen.findByText('证书编号格式不正确：应为 GHC 加 12 位字母或数字')).toBeInTheDocument();
    expect(seen).toHaveLength(0);

    fireEvent.change(input, { target: { value: 'GHC-0000-0000-0000' } });
    await userEvent.click(screen.getByTestId('verify-submit'));
    expect(await screen.findByTestId('verify-not-found')).toHaveTextContent('未找到该证书');
    expect(seen).toHaveLength(1);
  });

  it('works in English', async () => {
    fakeApi({ [CODE]: check() });
    renderAt(`/verify/${CODE}`, 'en');
    expect(await screen.findByTestId('verify-status')).toHaveTextContent('Valid');
    expect(screen.getByText('Holder')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Staff login' })).toHaveAttribute('href', '/login');
  });
});
