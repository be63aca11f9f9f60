import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me, Member } from '@/api/types';
import { renderWithProviders } from '@/test/render';
import { MemberPage } from './member-page';

const MEMBER: Member = {
  id: 'm1',
  name: '吴刚',
  gender: 'male',
  birth_date: '1980-05-01',
  id_number: '5119**********0013',
  organisation_id: 'o1',
  organisation_name: '四川光雾山米业有限公司工会',
  status: 'active',
  dispatched: false,
  migrant_worker: false,
  new_form_employment: false,
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-01T00:00:00Z',
  // The callers here have no members:write: no membership change to record.
  allowed_actions: [],
  version: 1,
};

function me(permissions: Me['permissions']): Me {
  return {
    id: 'staff-1',
    username: 'nanjiang-staff',
    display_name: '南江县总工会 张明',
    role: 'federation_staff',
    organisation_id: 'o-nanjiang',
    organisation_name: '南江县总工会',
    permissions,
  };
}

function json(body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** A fake API around one member with no honours and no hardship files; answers the paths it was asked. */
function fakeApi(caller: Me) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      asked.push(path);
      if (path === '/api/v1/me') return json(caller);
      if (path === '/api/v1/code-lists') return json({ items: [] });
      if (path === '/api/v1/members/m1') return json(MEMBER, { ETag: '"1"' });
      if (path === '/api/v1/members/m1/honours') return json({ items: [] });
      if (path === '/api/v1/members/m1/hardship-files') return json({ items: [] });
      return new Response(null, { status: 404 });
    }),
  );
  return asked;
}

function renderPage() {
  renderWithProviders(
    <Routes>
      <Route path="/members/:id" element={<MemberPage />} />
    </Routes>,
    { route: '/members/m1' },
  );
}

const tabLabels = () => screen.getAllByRole('tab').map((tab) => tab.textContent);

describe('the member page (members with the honours and hardship tabs)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('adds 荣誉 and, with hardship:read, 困难帮扶 after the member tabs', async () => {
    const asked = fakeApi(me(['members:read', 'hardship:read', 'hardship:write']));
    renderPage();

    expect(await screen.findByTestId('member-name')).toHaveTextContent('吴刚');
    await waitFor(() => expect(tabLabels()).toEqual(['基本信息', '会籍变化', '荣誉', '困难帮扶']));
    // Opening the tab is the audited read: nothing is asked before.
    expect(asked).not.toContain('/api/v1/members/m1/hardship-files');

    await userEvent.click(screen.getByRole('tab', { name: '困难帮扶' }));
    expect(await screen.findByTestId('member-hardship')).toBeInTheDocument();
    expect(screen.getByTestId('hardship-create')).toBeInTheDocument();
    expect(asked).toContain('/api/v1/members/m1/hardship-files');
  });

  it('has no 困难帮扶 tab without hardship:read, and no 添加荣誉 without members:write', async () => {
    const asked = fakeApi(me(['members:read']));
    renderPage();

    await screen.findByTestId('member-detail');
    await waitFor(() => expect(tabLabels()).toEqual(['基本信息', '会籍变化', '荣誉']));
    await userEvent.click(screen.getByRole('tab', { name: '荣誉' }));
    expect(await screen.findByTestId('member-honours')).toBeInTheDocument();
    expect(screen.queryByTestId('honour-add')).not.toBeInTheDocument();
    expect(asked).not.toContain('/api/v1/members/m1/hardship-files');
  });
});
