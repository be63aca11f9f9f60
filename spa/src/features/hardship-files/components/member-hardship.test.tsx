import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HardshipFile } from '@/api/types';
import { HARDSHIP_CODE_LISTS } from '@/test/hardship-fixtures';
import { renderWithProviders } from '@/test/render';
import { MemberHardship } from './member-hardship';

const MEMBER = { id: 'm1', name: '周丽' };

function hardshipFile(extra: Partial<HardshipFile> = {}): HardshipFile {
  return {
    id: 'f1',
    member_id: 'm1',
    member_name: '周丽',
    organisation_id: 'o1',
    organisation_name: '四川光雾山米业有限公司工会',
    category: 'illness',
    household_size: 4,
    monthly_income_per_head_fen: 68010,
    reason: '配偶重病',
    status: 'approved',
    applied_on: '2025-03-01',
    review_due_on: '2026-03-01',
    created_by: 'a1',
    created_at: '2025-03-01T02:00:00Z',
    updated_at: '2025-03-01T02:00:00Z',
    version: 2,
    // As a reader without hardship:write sees it.
    allowed_actions: [],
    ...extra,
  };
}

function json(body: unknown, status = 200, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

function problem(status: number, code: string, extra: Record<string, unknown> = {}) {
  return json({ type: 'about:blank', title: 'x', status, code, request_id: 'r1', ...extra }, status, 'application/problem+json');
}

interface Seen {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

/** A fake API: the code lists, the member's files (a mutable list), and whatever `write` answers. */
function fakeApi(files: HardshipFile[], write: (seen: Seen) => Response = () => json({}, 500)) {
  const seen: Seen[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      const entry = { method: request.method, path, headers: request.headers, body: await request.text() };
      seen.push(entry);
      if (path === '/api/v1/code-lists') return json(HARDSHIP_CODE_LISTS);
      if (request.method === 'GET' && path === '/api/v1/members/m1/hardship-files') return json({ items: files });
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

describe('MemberHardship', () => {
  it('lists the files with the code lists’ labels and the income in yuan, read-only without hardship:write', async () => {
    fakeApi([hardshipFile()]);
    renderWithProviders(<MemberHardship member={MEMBER} canWrite={false} />);
    const table = await screen.findByTestId('hardship-results');
    expect(await within(table).findByText('已建档')).toBeInTheDocument();
    expect(within(table).getByText('因病')).toBeInTheDocument();
    expect(within(table).getByText('4 人')).toBeInTheDocument();
    expect(within(table).getByTestId('hardship-income')).toHaveTextContent('680.10');
    expect(within(table).getByText('2025-03-01')).toBeInTheDocument();
    expect(within(table).getByText('2026-03-01')).toBeInTheDocument();
    expect(within(table).getByTestId('hardship-file-link')).toHaveAttribute('href', '/hardship-files/f1');
    expect(screen.getByTestId('hardship-tab-notice')).toHaveTextContent('查看困难职工档案会记入审计日志');
    expect(screen.queryByTestId('hardship-create')).not.toBeInTheDocument();
  });

  it('shows the empty state, in English too', async () => {
    fakeApi([]);
    renderWithProviders(<MemberHardship member={MEMBER} canWrite />, { locale: 'en' });
    expect(await screen.findByText('No hardship files')).toBeInTheDocument();
    expect(screen.getByTestId('hardship-create')).toHaveTextContent('Register hardship file');
  });

  it('registers a file: income typed in yuan goes out in fen, 422 on the field, 409 in an alert, one key', async () => {
    const files: HardshipFile[] = [];
    let posts = 0;
    const seen = fakeApi(files, ({ method, path, body }) => {
      if (method !== 'POST' || path !== '/api/v1/members/m1/hardship-files') return json({}, 500);
      posts += 1;
      if (posts === 1) {
        return problem(422, 'validation_failed', {
          errors: [{ field: 'monthly_income_per_head_fen', code: 'out_of_range', message: 'too much' }],
        });
      }
      if (posts === 2) return problem(409, 'hardship_file_open', { detail: 'this member already has an open file' });
      const saved = hardshipFile({
        ...(JSON.parse(body) as Partial<HardshipFile>),
        status: 'applied',
        version: 1,
        allowed_actions: ['update', 'edit_evidence'],
      });
      files.push(saved);
      return json(saved, 201);
    });
    renderWithProviders(<MemberHardship member={MEMBER} canWrite />);
    expect(await screen.findByText('暂无困难职工档案')).toBeInTheDocument();

    await userEvent.click(screen.getByTestId('hardship-create'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('登记困难档案：周丽')).toBeInTheDocument();

    // Nothing goes out before the form is complete and the amount makes sense.
    await pick('hardship-category', '因病');
    fireEvent.change(screen.getByTestId('hardship-household-size'), { target: { value: '4' } });
    fireEvent.change(screen.getByTestId('hardship-income-yuan'), { target: { value: '680.123' } });
    fireEvent.change(screen.getByTestId('hardship-reason'), { target: { value: ' 配偶重病，两个孩子上学 ' } });
    await userEvent.click(screen.getByTestId('hardship-form-submit'));
    expect(await within(dialog).findByText('请输入金额（不小于 0，最多两位小数）')).toBeInTheDocument();
    expect(posts).toBe(0);

    fireEvent.change(screen.getByTestId('hardship-income-yuan'), { target: { value: '680' } });
    await userEvent.click(screen.getByTestId('hardship-form-submit'));
    expect(await within(dialog).findByText('超出允许范围')).toBeInTheDocument();
    expect(posts).toBe(1);

    await userEvent.click(screen.getByTestId('hardship-form-submit'));
    expect(await within(dialog).findByText('该会员已有待审核或已建档的困难职工档案')).toBeInTheDocument();
    expect(within(dialog).getByText('this member already has an open file')).toBeInTheDocument();
    expect(posts).toBe(2);

    await userEvent.click(screen.getByTestId('hardship-form-submit'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await within(screen.getByTestId('hardship-results')).findByText('待审核')).toBeInTheDocument();

    const attempts = seen.filter((entry) => entry.method === 'POST');
    expect(attempts).toHaveLength(3);
    expect(JSON.parse(attempts[0]?.body ?? '')).toEqual({
      category: 'illness',
      household_size: 4,
      monthly_income_per_head_fen: 68000,
      reason: '配偶重病，两个孩子上学',
    });
    // One key for the whole dialog: the server keeps only successful answers.
    const keys = new Set(attempts.map((entry) => entry.headers.get('Idempotency-Key')));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toBeTruthy();
  });
});
