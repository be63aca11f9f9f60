import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { LoginPage } from './login-page';

function problem(status: number, code: string, headers: Record<string, string> = {}) {
  return new Response(
    JSON.stringify({ type: 'about:blank', title: 'x', status, detail: 'x', code, request_id: 'req-42' }),
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );
}

async function submit(username: string, password: string) {
  fireEvent.change(screen.getByTestId('login-username'), { target: { value: username } });
  fireEvent.change(screen.getByTestId('login-password'), { target: { value: password } });
  await userEvent.click(screen.getByTestId('login-submit'));
}

describe('LoginPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows invalid_credentials translated', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => problem(401, 'invalid_credentials')));
    renderWithProviders(<LoginPage />, { route: '/login' });
    await submit('nanjiang-staff', 'wrong');
    expect(await screen.findByText('用户名或密码错误')).toBeInTheDocument();
    expect(screen.getByText('请求编号：req-42')).toBeInTheDocument();
  });

  it('shows too_many_requests with the Retry-After seconds, in English too', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => problem(429, 'too_many_requests', { 'Retry-After': '60' })));
    renderWithProviders(<LoginPage />, { route: '/login', locale: 'en' });
    await submit('nanjiang-staff', 'wrong');
    expect(await screen.findByText('Too many attempts; try again in 60 seconds')).toBeInTheDocument();
  });

  it('asks for the username and password before calling the server', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<LoginPage />, { route: '/login' });
    await userEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByText('请输入用户名')).toBeInTheDocument();
    expect(screen.getByText('请输入密码')).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });
});
