import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Member, MembershipRequest } from '@/api/types';
import { renderWithProviders } from '@/test/render';
import { MyMembershipPage } from './my-membership-page';

const CODE_LISTS = {
  items: [
    { name: 'membership-statuses', description: 'Status', items: [{ code: 'active', zh: '正常', en: 'Active' }] },
    { name: 'membership-change-reasons', description: 'Change', items: [{ code: 'join', zh: '入会', en: 'Joined' }] },
    { name: 'honour-kinds', description: 'Kind', items: [{ code: 'model_worker', zh: '劳动模范', en: 'Model worker' }] },
    { name: 'honour-levels', description: 'Level', items: [{ code: 'county', zh: '县级', en: 'County' }] },
  ],
};

const UNION = '四川光雾山米业有限公司工会';
const TARGET = '湖南三立集团股份有限公司工会';
const TARGET_ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

function member(extra: Partial<Member> = {}): Member {
  return {
    id: 'm1',
    organisation_id: 'o1',
    organisation_name: UNION,
    name: '赵强',
    gender: 'male',
    birth_date: '1986-04-12',
    id_number: '5119**********1357',
    mobile: '139****0001',
    ethnicity: null,
    education: null,
    political_status: null,
    hukou_type: null,
    hukou_division: null,
    employment_status: null,
    skill_level: null,
    migrant_worker: false,
    new_form_employment: false,
    new_form_kind: null,
    dispatched: false,
    joined_on: '2015-03-01',
    card_number: null,
    status: 'active',
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    version: 3,
    // A worker records no membership change on themselves.
    allowed_actions: [],
    ...extra,
  };
}

function transferRequest(extra: Partial<MembershipRequest> = {}): MembershipRequest {
  return {
    id: 'r1',
    kind: 'transfer',
    status: 'pending',
    person: { name: '赵强', id_number: '5119**********1357' },
    member_id: 'm1',
    from_organisation_id: 'o1',
    from_organisation_name: UNION,
    to_organisation_id: TARGET_ID,
    to_organisation_name: TARGET,
    reason: '外出务工',
    created_at: '2025-01-01T00:00:00Z',
    can_release: false,
    can_approve: false,
    can_reject: false,
    allowed_actions: [],
    version: 1,
    ...extra,
  };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

function problem(status: number, code: string, errors?: { field: string; code: string; message: string }[]) {
  return json({ type: 'about:blank', title: 'x', status, code, request_id: 'req-1', detail: 'x', errors }, status);
}

interface Seen {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

interface World {
  /** The record, or null for an account not linked yet. */
  record: Member | null;
  requests: MembershipRequest[];
  write?: (seen: Seen) => Response;
}

/** A fake API over a small mutable world; writes go to `write`. */
function fakeApi(world: World) {
  const seen: Seen[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      const entry = { method: request.method, path, headers: request.headers, body: await request.text() };
      seen.push(entry);
      if (request.method !== 'GET') return world.write?.(entry) ?? json({}, 500);
      switch (path) {
        case '/api/v1/code-lists':
          return json(CODE_LISTS);
        case '/api/v1/me/member':
          return world.record
            ? json(world.record, 200, { ETag: `"${world.record.version}"` })
            : problem(404, 'not_found');
        case '/api/v1/me/member/history':
          return json({
            items: [
              {
                id: 'c1',
                change: 'join',
                effective_on: '2015-03-01',
                to_organisation_id: 'o1',
                to_organisation_name: UNION,
                recorded_at: '2015-03-01T00:00:00Z',
              },
            ],
          });
        case '/api/v1/me/member/honours':
          return json({ items: [] });
        case '/api/v1/me/membership-requests':
          return json({ items: world.requests });
        case '/api/v1/organisations':
          return json({ items: [], next_cursor: null });
        default:
          return json({}, 500);
      }
    }),
  );
  return seen;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('MyMembershipPage', () => {
  it('shows the worker’s card, history and requests; the numbers stay masked', async () => {
    fakeApi({ record: member({ card_number: 'GH5119220000017' }), requests: [transferRequest({ status: 'rejected', decision_reason: '请先结清会费' })] });
    renderWithProviders(<MyMembershipPage />);

    expect(await screen.findByTestId('my-name')).toHaveTextContent('赵强');
    expect(screen.getByTestId('my-union')).toHaveTextContent(UNION);
    expect(screen.getByTestId('my-card-number')).toHaveTextContent('GH5119220000017');
    expect(screen.getByTestId('my-id-number')).toHaveTextContent('5119**********1357');
    expect(screen.getByTestId('my-mobile')).toHaveTextContent('139****0001');
    expect(await within(screen.getByTestId('my-membership-card')).findByText('正常')).toBeInTheDocument();
    expect(await screen.findByText(`转入：${UNION}`)).toBeInTheDocument();

    const requests = screen.getByTestId('my-requests');
    expect(await within(requests).findByText('已驳回')).toBeInTheDocument();
    expect(within(requests).getByText(`${UNION} → ${TARGET}`)).toBeInTheDocument();
    expect(within(requests).getByText('驳回原因：请先结清会费')).toBeInTheDocument();
    // A decided request does not stand in the way of a new one.
    await waitFor(() => expect(screen.getByTestId('my-transfer')).toBeEnabled());
  });

  it('shows 未发卡 without a card and changes the mobile: checked while typing, sent with If-Match', async () => {
    const world: World = { record: member(), requests: [] };
    const seen = fakeApi({
      ...world,
      write: ({ method, path, body }) => {
        if (method !== 'PATCH' || path !== '/api/v1/me/member') return json({}, 500);
        const { mobile } = JSON.parse(body) as { mobile: string };
        const saved = member({ mobile: `${mobile.slice(0, 3)}****${mobile.slice(-4)}`, version: 4 });
        return json(saved, 200, { ETag: '"4"' });
      },
    });
    renderWithProviders(<MyMembershipPage />);
    expect(await screen.findByTestId('my-card-number')).toHaveTextContent('未发卡');

    await userEvent.click(screen.getByTestId('my-mobile-edit'));
    const input = screen.getByTestId('my-mobile-input');
    fireEvent.change(input, { target: { value: '12345' } });
    expect(await screen.findByText('请输入正确的大陆手机号')).toBeInTheDocument();
    fireEvent.change(input, { target: { value: '139 0827-1234' } });
    await waitFor(() => expect(screen.queryByText('请输入正确的大陆手机号')).not.toBeInTheDocument());

    await userEvent.click(screen.getByTestId('my-mobile-save'));
    await waitFor(() => expect(screen.getByTestId('my-mobile')).toHaveTextContent('139****1234'));
    expect(screen.queryByTestId('my-mobile-input')).not.toBeInTheDocument();
    const patch = seen.find((entry) => entry.method === 'PATCH');
    expect(patch?.headers.get('If-Match')).toBe('"3"');
    expect(JSON.parse(patch?.body ?? '')).toEqual({ mobile: '13908271234' });
  });

  it('files a transfer by union id: format checked first, the server’s not_found on the field, one key per dialog', async () => {
    const world: World = { record: member(), requests: [] };
    let posts = 0;
    const seen = fakeApi({
      ...world,
      write: ({ method, path, body }) => {
        if (method !== 'POST' || path !== '/api/v1/me/membership-requests/transfer') return json({}, 500);
        posts += 1;
        if (posts === 1) {
          return problem(422, 'validation_failed', [{ field: 'to_organisation_id', code: 'not_found', message: 'no such organisation' }]);
        }
        const { to_organisation_id, reason } = JSON.parse(body) as { to_organisation_id: string; reason: string };
        const saved = transferRequest({ to_organisation_id, reason });
        world.requests.unshift(saved);
        return json(saved, 201);
      },
    });
    renderWithProviders(<MyMembershipPage />);
    const button = await screen.findByTestId('my-transfer');
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(`转出工会：${UNION}`)).toBeInTheDocument();

    fireEvent.change(screen.getByTestId('my-transfer-target'), { target: { value: TARGET } });
    fireEvent.change(screen.getByTestId('my-transfer-reason'), { target: { value: '外出务工' } });
    await userEvent.click(screen.getByTestId('my-transfer-submit'));
    expect(await within(dialog).findByText(/工会编号格式不正确/)).toBeInTheDocument();
    expect(posts).toBe(0);

    // Pasted with blanks and in capitals: sent trimmed and in lower case.
    fireEvent.change(screen.getByTestId('my-transfer-target'), { target: { value: `  ${TARGET_ID.replace('a', 'b').toUpperCase()} ` } });
    await userEvent.click(screen.getByTestId('my-transfer-submit'));
    expect(await within(dialog).findByText('找不到这个编号的工会，请向转入工会核对编号')).toBeInTheDocument();
    expect(posts).toBe(1);

    fireEvent.change(screen.getByTestId('my-transfer-target'), { target: { value: TARGET_ID } });
    await userEvent.click(screen.getByTestId('my-transfer-submit'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const requests = screen.getByTestId('my-requests');
    expect(await within(requests).findByText('待审批')).toBeInTheDocument();
    expect(within(requests).getByText(`${UNION} → ${TARGET}`)).toBeInTheDocument();
    // The open request holds further transfers back.
    await waitFor(() => expect(screen.getByTestId('my-transfer')).toBeDisabled());

    const [first, second] = seen.filter((entry) => entry.method === 'POST');
    expect(JSON.parse(first?.body ?? '')).toEqual({ to_organisation_id: TARGET_ID.replace('a', 'b'), reason: '外出务工' });
    expect(JSON.parse(second?.body ?? '')).toEqual({ to_organisation_id: TARGET_ID, reason: '外出务工' });
    expect(first?.headers.get('Idempotency-Key')).toBeTruthy();
    expect(second?.headers.get('Idempotency-Key')).toBe(first?.headers.get('Idempotency-Key'));
  });

  it('explains an account not linked yet and offers 申请入会', async () => {
    fakeApi({ record: null, requests: [] });
    renderWithProviders(<MyMembershipPage />);
    expect(await screen.findByText('您的账号尚未关联会员信息')).toBeInTheDocument();
    expect(screen.queryByTestId('my-membership-card')).not.toBeInTheDocument();
    await userEvent.click(screen.getByTestId('my-join'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/工会批准后，您的账号将自动关联会员信息/)).toBeInTheDocument();
    expect(within(dialog).getByTestId('member-id-number')).toBeInTheDocument();
  });

  it('holds 申请入会 back while the worker’s join request is open, in English too', async () => {
    fakeApi({
      record: null,
      requests: [transferRequest({ kind: 'join', from_organisation_id: null, from_organisation_name: null, to_organisation_name: UNION })],
    });
    renderWithProviders(<MyMembershipPage />, { locale: 'en' });
    expect(await screen.findByText('Your account is not linked to a membership yet')).toBeInTheDocument();
    const requests = screen.getByTestId('my-requests');
    expect(await within(requests).findByText('Pending')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('my-join')).toBeDisabled());
  });
});
