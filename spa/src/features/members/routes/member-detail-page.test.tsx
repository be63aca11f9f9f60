import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me, Member } from '@/api/types';
import { renderWithProviders } from '@/test/render';
import { MemberDetailPage } from './member-detail-page';

const CODE_LISTS = {
  items: [
    {
      name: 'membership-statuses',
      description: 'Status',
      items: [
        { code: 'active', zh: '正常', en: 'Active' },
        { code: 'retained', zh: '保留会籍', en: 'Retained' },
        { code: 'left', zh: '退会', en: 'Left' },
      ],
    },
    {
      name: 'membership-change-reasons',
      description: 'Change',
      items: [
        { code: 'suspend', zh: '停止会籍', en: 'Suspend' },
        { code: 'retain', zh: '保留会籍', en: 'Retain' },
        { code: 'restore', zh: '恢复会籍', en: 'Restore' },
        { code: 'leave', zh: '退会', en: 'Leave' },
        { code: 'death', zh: '去世', en: 'Death' },
      ],
    },
  ],
};

const STAFF: Me = {
  id: 'staff-1',
  username: 'nanjiang-staff',
  display_name: '南江县总工会 张明',
  role: 'federation_staff',
  organisation_id: 'o-nanjiang',
  organisation_name: '南江县总工会',
  permissions: ['members:read', 'members:write'],
};

function member(extra: Partial<Member> = {}): Member {
  return {
    id: 'm1',
    name: '孙建国',
    gender: 'male',
    birth_date: '1980-05-01',
    id_number: '5119**********0013',
    organisation_id: 'o1',
    organisation_name: '四川光雾山米业有限公司工会',
    status: 'retained',
    joined_on: '2010-01-01',
    dispatched: false,
    migrant_worker: false,
    new_form_employment: false,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    // What the server offers staff with members:write on a retained member.
    allowed_actions: ['leave', 'death', 'restore'],
    version: 1,
    ...extra,
  };
}

function json(body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json', ...headers } });
}

function fakeApi(shown: Member) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      if (path === '/api/v1/me') return json(STAFF);
      if (path === '/api/v1/code-lists') return json(CODE_LISTS);
      if (path === '/api/v1/members/m1') return json(shown, { ETag: `"${shown.version}"` });
      if (path === '/api/v1/members/m1/history') return json({ items: [] });
      return new Response(null, { status: 404 });
    }),
  );
}

function renderPage() {
  renderWithProviders(
    <Routes>
      <Route path="/members/:id" element={<MemberDetailPage />} />
    </Routes>,
    { route: '/members/m1' },
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('MemberDetailPage: membership changes', () => {
  it('offers exactly the changes the server allows, in display order', async () => {
    fakeApi(member());
    renderPage();
    await userEvent.click(await screen.findByTestId('member-change'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByRole('combobox'));
    await waitFor(() => expect(document.querySelectorAll('.ant-select-dropdown .ant-select-item-option')).toHaveLength(3));
    const options = [...document.querySelectorAll('.ant-select-dropdown .ant-select-item-option')].map((o) => o.textContent);
    expect(options).toEqual(['恢复会籍', '退会', '去世']);
  });

  it('has no 会籍变更 button when the server allows no change', async () => {
    fakeApi(member({ status: 'left', allowed_actions: [] }));
    renderPage();
    expect(await screen.findByTestId('member-edit')).toBeInTheDocument();
    expect(screen.queryByTestId('member-change')).not.toBeInTheDocument();
  });
});
