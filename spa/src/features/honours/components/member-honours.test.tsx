import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Honour } from '@/api/types';
import { renderWithProviders } from '@/test/render';
import { honourIfMatch } from '../api/honours';
import { MemberHonours } from './member-honours';

const CODE_LISTS = {
  items: [
    {
      name: 'honour-kinds',
      description: 'Kind',
      items: [
        { code: 'model_worker', zh: '劳动模范', en: 'Model worker' },
        { code: 'may_day_medal', zh: '五一劳动奖章', en: 'May-1st Labour Medal' },
      ],
    },
    {
      name: 'honour-levels',
      description: 'Level',
      items: [
        { code: 'national', zh: '全国', en: 'National' },
        { code: 'provincial', zh: '省部级', en: 'Provincial or ministerial' },
      ],
    },
  ],
};

const MEMBER = { id: 'm1', name: '吴刚' };

function honour(extra: Partial<Honour> = {}): Honour {
  return {
    id: 'h1',
    member_id: 'm1',
    kind: 'may_day_medal',
    level: 'national',
    title: '全国五一劳动奖章',
    awarded_on: '2024-04-28',
    awarding_body: '中华全国总工会',
    member_name: null,
    organisation_name: null,
    created_at: '2024-05-01T00:00:00Z',
    version: 3,
    ...extra,
  };
}

function json(body: unknown, status = 200, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

interface Seen {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

/** A fake API: the code lists, the member's honours (a mutable list), and whatever `write` answers. */
function fakeApi(honours: Honour[], write: (seen: Seen) => Response = () => new Response(null, { status: 204 })) {
  const seen: Seen[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      const entry = { method: request.method, path, headers: request.headers, body: await request.text() };
      seen.push(entry);
      if (path === '/api/v1/code-lists') return json(CODE_LISTS);
      if (request.method === 'GET' && path === '/api/v1/members/m1/honours') return json({ items: honours });
      return write(entry);
    }),
  );
  return seen;
}

async function pick(testId: string, option: string) {
  fireEvent.mouseDown(within(screen.getByTestId(testId)).getByRole('combobox'));
  const item = await waitFor(() => {
    const found = document.querySelector(`.ant-select-dropdown .ant-select-item-option[title="${option}"]`);
    if (!found) throw new Error(`no option ${option}`);
    return found;
  });
  fireEvent.click(item);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('honourIfMatch', () => {
  it('quotes the version like the ETags the API issues', () => {
    expect(honourIfMatch({ version: 3 })).toBe('"3"');
  });
});

describe('MemberHonours', () => {
  it('lists the honours with the code lists’ labels, read-only without members:write', async () => {
    fakeApi([honour()]);
    renderWithProviders(<MemberHonours member={MEMBER} canWrite={false} />);
    const table = await screen.findByTestId('honour-results');
    expect(await within(table).findByText('五一劳动奖章')).toBeInTheDocument();
    expect(within(table).getByText('全国五一劳动奖章')).toBeInTheDocument();
    expect(within(table).getByText('全国')).toBeInTheDocument();
    expect(within(table).getByText('2024-04-28')).toBeInTheDocument();
    expect(within(table).getByText('中华全国总工会')).toBeInTheDocument();
    expect(screen.queryByTestId('honour-add')).not.toBeInTheDocument();
    expect(screen.queryByTestId('honour-delete')).not.toBeInTheDocument();
  });

  it('shows the empty state, in English too', async () => {
    fakeApi([]);
    renderWithProviders(<MemberHonours member={MEMBER} canWrite />, { locale: 'en' });
    expect(await screen.findByText('No honours recorded')).toBeInTheDocument();
    expect(screen.getByTestId('honour-add')).toBeInTheDocument();
  });

  it('adds an honour: 422 errors on the fields, then a corrected save with a new Idempotency-Key', async () => {
    const honours: Honour[] = [];
    let posts = 0;
    const seen = fakeApi(honours, ({ method, path, body }) => {
      if (method !== 'POST' || path !== '/api/v1/members/m1/honours') return json({}, 500);
      posts += 1;
      if (posts === 1) {
        return json(
          {
            type: 'about:blank',
            title: 'x',
            status: 422,
            code: 'validation_failed',
            request_id: 'r1',
            errors: [{ field: 'awarding_body', code: 'too_long', message: 'at most 100 characters' }],
          },
          422,
          'application/problem+json',
        );
      }
      const saved = honour({ ...(JSON.parse(body) as Partial<Honour>), id: 'h2', version: 1 });
      honours.push(saved);
      return json(saved, 201);
    });
    renderWithProviders(<MemberHonours member={MEMBER} canWrite />);
    expect(await screen.findByText('暂无荣誉记录')).toBeInTheDocument();

    await userEvent.click(screen.getByTestId('honour-add'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('添加荣誉：吴刚')).toBeInTheDocument();
    // Nothing goes out before the required fields are there.
    await userEvent.click(screen.getByTestId('honour-form-submit'));
    expect(await within(dialog).findByText('请填写荣誉称号')).toBeInTheDocument();
    expect(posts).toBe(0);

    await pick('honour-kind', '五一劳动奖章');
    await pick('honour-level', '全国');
    fireEvent.change(screen.getByTestId('honour-title'), { target: { value: ' 全国五一劳动奖章 ' } });
    fireEvent.change(screen.getByTestId('honour-awarding-body'), { target: { value: '中华全国总工会' } });
    const date = screen.getByTestId('honour-awarded-on');
    fireEvent.mouseDown(date);
    fireEvent.change(date, { target: { value: '2024-04-28' } });
    fireEvent.keyDown(date, { key: 'Enter', code: 'Enter' });

    await userEvent.click(screen.getByTestId('honour-form-submit'));
    expect(await within(dialog).findByText('内容过长')).toBeInTheDocument();
    expect(posts).toBe(1);

    await userEvent.click(screen.getByTestId('honour-form-submit'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await within(screen.getByTestId('honour-results')).findByText('全国五一劳动奖章')).toBeInTheDocument();

    const [first, second] = seen.filter((entry) => entry.method === 'POST');
    expect(JSON.parse(second?.body ?? '')).toEqual({
      kind: 'may_day_medal',
      level: 'national',
      title: '全国五一劳动奖章',
      awarded_on: '2024-04-28',
      awarding_body: '中华全国总工会',
    });
    const firstKey = first?.headers.get('Idempotency-Key');
    expect(firstKey).toBeTruthy();
    expect(second?.headers.get('Idempotency-Key')).toBeTruthy();
    expect(second?.headers.get('Idempotency-Key')).not.toBe(firstKey);
  });

  it('deletes an honour after a confirmation, sending its version as If-Match', async () => {
    const honours = [honour()];
    const seen = fakeApi(honours, ({ method }) => {
      if (method !== 'DELETE') return json({}, 500);
      honours.pop();
      return new Response(null, { status: 204 });
    });
    renderWithProviders(<MemberHonours member={MEMBER} canWrite />);
    await userEvent.click(await screen.findByTestId('honour-delete'));
    expect(await screen.findByText('确定删除荣誉“全国五一劳动奖章”吗？删除后不能恢复。')).toBeInTheDocument();
    expect(seen.some((entry) => entry.method === 'DELETE')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: /确\s*定/ }));

    expect(await screen.findByText('暂无荣誉记录')).toBeInTheDocument();
    const removal = seen.find((entry) => entry.method === 'DELETE');
    expect(removal?.path).toBe('/api/v1/members/m1/honours/h1');
    expect(removal?.headers.get('If-Match')).toBe('"3"');
  });
});
