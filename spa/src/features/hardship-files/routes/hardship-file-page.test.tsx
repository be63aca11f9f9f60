import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HardshipEvent, HardshipFile, HardshipFileDetail, HardshipStatus, Me } from '@/api/types';
import { HARDSHIP_CODE_LISTS } from '@/test/hardship-fixtures';
import { renderWithProviders } from '@/test/render';
import { HardshipFilePage } from './hardship-file-page';

const STAFF: Me = {
  id: 'staff-1',
  username: 'nanjiang-staff',
  display_name: '南江县总工会 张明',
  role: 'federation_staff',
  organisation_id: 'o-nanjiang',
  organisation_name: '南江县总工会',
  permissions: ['members:read', 'hardship:read', 'hardship:write', 'hardship:review'],
};

/** What the server offers STAFF (hardship:write and hardship:review) on a file someone else registered. */
const REVIEWER_ACTIONS: Record<HardshipStatus, HardshipEvent[]> = {
  applied: ['update', 'edit_evidence', 'approve', 'reject'],
  approved: ['update', 'edit_evidence', 'record_assistance', 'renew', 'lift'],
  rejected: [],
  lifted: [],
};

function file(extra: Partial<HardshipFile> = {}): HardshipFile {
  return {
    id: 'f1',
    member_id: 'm1',
    member_name: '周丽',
    organisation_id: 'o1',
    organisation_name: '四川光雾山米业有限公司工会',
    category: 'illness',
    household_size: 4,
    monthly_income_per_head_fen: 68000,
    reason: '配偶重病',
    status: 'applied',
    applied_on: '2025-03-01',
    created_by: 'officer-1',
    created_at: '2025-03-01T02:00:00Z',
    updated_at: '2025-03-01T02:00:00Z',
    version: 1,
    allowed_actions: REVIEWER_ACTIONS[extra.status ?? 'applied'],
    ...extra,
  };
}

function detail(extra: Partial<HardshipFile> = {}): HardshipFileDetail {
  return { file: file(extra), reviews: [], evidence: [], assistance: [], assistance_total_fen: 0, people: {} };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function problem(status: number, code: string) {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, code, request_id: 'r1' }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

interface Seen {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  body: string;
}

/** A fake API around one file whose state `write` may change; the detail always answers the current state. */
function fakeApi(state: { detail: HardshipFileDetail }, write: (seen: Seen) => Response, me: Me = STAFF) {
  const seen: Seen[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const body = await request.text();
      const entry = { method: request.method, path: url.pathname, search: url.search, headers: request.headers, body };
      seen.push(entry);
      if (url.pathname === '/api/v1/code-lists') return json(HARDSHIP_CODE_LISTS);
      if (url.pathname === '/api/v1/me') return json(me);
      if (request.method === 'GET' && url.pathname === '/api/v1/hardship-files/f1') {
        return json(state.detail, 200, { ETag: `"${state.detail.file.version}"` });
      }
      return write(entry);
    }),
  );
  return seen;
}

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/hardship-files/:id" element={<HardshipFilePage />} />
    </Routes>,
    { route: '/hardship-files/f1' },
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('HardshipFilePage', () => {
  it('shows the facts, the audit notice, and approve/reject to a reviewer who did not register the file', async () => {
    fakeApi({ detail: detail() }, () => json({}, 500));
    renderPage();
    expect(await screen.findByTestId('hardship-member-name')).toHaveTextContent('周丽');
    expect(screen.getByTestId('hardship-audit-notice')).toHaveTextContent('每次查看和下载都会记入审计日志');
    const facts = screen.getByTestId('hardship-facts');
    expect(await within(facts).findByText('因病')).toBeInTheDocument();
    expect(within(facts).getByTestId('hardship-income')).toHaveTextContent('680.00');
    expect(await screen.findByTestId('decision-approve')).toHaveTextContent(/审核通过/);
    expect(screen.getByTestId('decision-reject')).toBeInTheDocument();
    expect(screen.queryByTestId('decision-renew')).not.toBeInTheDocument();
    expect(screen.queryByTestId('self-review-hint')).not.toBeInTheDocument();
    // Assistance waits for the approval.
    expect(screen.queryByTestId('assistance-add')).not.toBeInTheDocument();
    expect(screen.getByText('档案审核通过（已建档）后才能记录帮扶')).toBeInTheDocument();
  });

  it('hides approve/reject from the reviewer who registered the file, and says why', async () => {
    // The server never offers the first decision to whoever registered the file.
    fakeApi({ detail: detail({ created_by: STAFF.id, allowed_actions: ['update', 'edit_evidence'] }) }, () => json({}, 500));
    renderPage();
    expect(await screen.findByTestId('self-review-hint')).toHaveTextContent('此档案由您登记，须由其他审核人员审核');
    expect(screen.queryByTestId('decision-approve')).not.toBeInTheDocument();
    expect(screen.queryByTestId('decision-reject')).not.toBeInTheDocument();
    expect(screen.getByTestId('hardship-edit')).toBeInTheDocument();
  });

  it('offers no decisions to a union officer (no hardship:review)', async () => {
    const officer: Me = { ...STAFF, id: 'officer-2', permissions: ['hardship:read', 'hardship:write'] };
    fakeApi({ detail: detail({ allowed_actions: ['update', 'edit_evidence'] }) }, () => json({}, 500), officer);
    renderPage();
    expect(await screen.findByTestId('hardship-edit')).toBeInTheDocument();
    expect(screen.queryByTestId('decision-approve')).not.toBeInTheDocument();
    expect(screen.queryByTestId('self-review-hint')).not.toBeInTheDocument();
  });

  it('offers exactly the actions the server allows, whatever the status would suggest', async () => {
    // An approved file on which the server allows only recording assistance.
    fakeApi({ detail: detail({ status: 'approved', allowed_actions: ['record_assistance'] }) }, () => json({}, 500));
    renderPage();
    expect(await screen.findByTestId('assistance-add')).toBeInTheDocument();
    expect(screen.queryByTestId('hardship-edit')).not.toBeInTheDocument();
    expect(screen.queryByTestId('evidence-upload-button')).not.toBeInTheDocument();
    for (const decision of ['approve', 'reject', 'renew', 'lift']) {
      expect(screen.queryByTestId(`decision-${decision}`)).not.toBeInTheDocument();
    }
  });

  it('offers renew, lift, edit, evidence and assistance on an approved file as allowed', async () => {
    fakeApi({ detail: detail({ status: 'approved' }) }, () => json({}, 500));
    renderPage();
    expect(await screen.findByTestId('decision-renew')).toBeInTheDocument();
    expect(screen.getByTestId('decision-lift')).toBeInTheDocument();
    expect(screen.queryByTestId('decision-approve')).not.toBeInTheDocument();
    expect(screen.getByTestId('hardship-edit')).toBeInTheDocument();
    expect(screen.getByTestId('evidence-upload-button')).toBeInTheDocument();
    expect(screen.getByTestId('assistance-add')).toBeInTheDocument();
  });

  it('offers nothing on a closed file', async () => {
    fakeApi({ detail: detail({ status: 'lifted' }) }, () => json({}, 500));
    renderPage();
    expect(await screen.findByTestId('hardship-member-name')).toBeInTheDocument();
    expect(screen.queryByTestId('hardship-edit')).not.toBeInTheDocument();
    expect(screen.queryByTestId('evidence-upload-button')).not.toBeInTheDocument();
    expect(screen.queryByTestId('assistance-add')).not.toBeInTheDocument();
    expect(screen.queryByText('档案审核通过（已建档）后才能记录帮扶')).not.toBeInTheDocument();
    for (const decision of ['approve', 'reject', 'renew', 'lift']) {
      expect(screen.queryByTestId(`decision-${decision}`)).not.toBeInTheDocument();
    }
  });

  it('approves with If-Match and the default re-review date, then shows the new status and trail', async () => {
    const state = { detail: detail() };
    const seen = fakeApi(state, ({ method, path }) => {
      if (method !== 'POST' || path !== '/api/v1/hardship-files/f1/decisions') return json({}, 500);
      const approved = file({ status: 'approved', version: 2, review_due_on: '2026-03-01', reviewed_by: STAFF.id });
      state.detail = {
        ...state.detail,
        file: approved,
        reviews: [
          {
            id: 'r1',
            decision: 'approve',
            decided_on: '2025-03-02',
            review_due_on: '2026-03-01',
            decided_by: STAFF.id,
            decided_by_name: STAFF.display_name,
          },
        ],
      };
      return json(approved);
    });
    renderPage();
    await userEvent.click(await screen.findByTestId('decision-approve'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('审核通过：周丽')).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('decision-submit'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    expect(await screen.findByTestId('decision-renew')).toBeInTheDocument();
    expect(screen.queryByTestId('decision-approve')).not.toBeInTheDocument();
    expect(screen.getByTestId('hardship-status')).toHaveTextContent('已建档');
    expect(within(screen.getByTestId('hardship-reviews')).getByText('审核人：南江县总工会 张明')).toBeInTheDocument();
    expect(screen.getByTestId('assistance-add')).toBeInTheDocument();

    const decision = seen.find((entry) => entry.method === 'POST');
    expect(decision?.headers.get('If-Match')).toBe('"1"');
    const body = JSON.parse(decision?.body ?? '{}') as { decision: string; review_due_on?: string; note?: string };
    expect(body.decision).toBe('approve');
    expect(body.note).toBeUndefined();
    expect(body.review_due_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('edits the facts with If-Match; on 412 reloads the file and says so, then saves against the new version', async () => {
    const state = { detail: detail() };
    let patches = 0;
    const seen = fakeApi(state, ({ method, body }) => {
      if (method !== 'PATCH') return json({}, 500);
      patches += 1;
      if (patches === 1) {
        // Someone else changed the household size meanwhile.
        state.detail = { ...state.detail, file: file({ household_size: 5, version: 2 }) };
        return problem(412, 'precondition_failed');
      }
      const saved = file({ ...state.detail.file, ...(JSON.parse(body) as Partial<HardshipFile>), version: 3 });
      state.detail = { ...state.detail, file: saved };
      return json(saved, 200, { ETag: '"3"' });
    });
    renderPage();
    await userEvent.click(await screen.findByTestId('hardship-edit'));
    const dialog = await screen.findByRole('dialog');
    expect(screen.getByTestId('hardship-income-yuan')).toHaveValue('680.00');
    await userEvent.clear(screen.getByTestId('hardship-income-yuan'));
    await userEvent.type(screen.getByTestId('hardship-income-yuan'), '650.5');
    await userEvent.click(screen.getByTestId('hardship-form-submit'));

    expect(await within(dialog).findByTestId('stale-alert')).toHaveTextContent('该档案已被他人修改');
    expect(screen.getByTestId('hardship-household-size')).toHaveValue('5');
    expect(screen.getByTestId('hardship-income-yuan')).toHaveValue('680.00');
    await userEvent.clear(screen.getByTestId('hardship-income-yuan'));
    await userEvent.type(screen.getByTestId('hardship-income-yuan'), '650.5');
    await userEvent.click(screen.getByTestId('hardship-form-submit'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByTestId('hardship-income')).toHaveTextContent('650.50');

    const [first, second] = seen.filter((entry) => entry.method === 'PATCH');
    expect(first?.headers.get('If-Match')).toBe('"1"');
    expect(JSON.parse(first?.body ?? '{}')).toEqual({ monthly_income_per_head_fen: 65050 });
    expect(second?.headers.get('If-Match')).toBe('"2"');
    expect(JSON.parse(second?.body ?? '{}')).toEqual({ monthly_income_per_head_fen: 65050 });
  });

  it('shows the server’s refusal of a self-review in the dialog', async () => {
    fakeApi({ detail: detail() }, () => problem(403, 'hardship_self_review'));
    renderPage();
    await userEvent.click(await screen.findByTestId('decision-approve'));
    await userEvent.click(await screen.findByTestId('decision-submit'));
    expect(await within(await screen.findByRole('dialog')).findByText('档案由您登记，须由他人审核')).toBeInTheDocument();
  });

  it('asks for a reason before rejecting', async () => {
    const seen = fakeApi({ detail: detail() }, () => json({}, 500));
    renderPage();
    await userEvent.click(await screen.findByTestId('decision-reject'));
    await userEvent.click(await screen.findByTestId('decision-submit'));
    expect(await screen.findByText('请说明理由')).toBeInTheDocument();
    expect(seen.some((entry) => entry.method === 'POST')).toBe(false);
  });

  it('uploads evidence as the raw body and records assistance in fen', async () => {
    const state = { detail: detail({ status: 'approved', version: 2 }) };
    const seen = fakeApi(state, ({ method, path, search, body }) => {
      if (method === 'POST' && path === '/api/v1/hardship-files/f1/evidence') {
        const evidence = {
          id: 'e1',
          file_name: new URLSearchParams(search).get('file_name') ?? '',
          content_type: 'application/pdf',
          size_bytes: body.length,
          sha256: 'ab',
          uploaded_by: STAFF.id,
          created_at: '2025-03-02T01:00:00Z',
        };
        state.detail = { ...state.detail, evidence: [evidence] };
        return json(evidence, 201);
      }
      if (method === 'POST' && path === '/api/v1/hardship-files/f1/assistance') {
        const given = JSON.parse(body) as { given_on: string; kind: string; amount_fen: number };
        const item = { id: 'a1', ...given, recorded_by: STAFF.id, created_at: '2025-03-02T01:00:00Z' };
        state.detail = { ...state.detail, assistance: [item], assistance_total_fen: given.amount_fen };
        return json(item, 201);
      }
      return json({}, 500);
    });
    const { container } = renderPage();
    await screen.findByTestId('hardship-evidence');

    // A Word file is refused here, with a message; nothing goes out.
    // The upload replaces its input after every pick: look it up each time.
    const fileInput = () => {
      const input = container.querySelector<HTMLInputElement>('[data-testid="hardship-evidence"] input[type="file"]');
      if (!input) throw new Error('no file input');
      return input;
    };
    await userEvent.upload(fileInput(), new File(['x'], '证明.docx', { type: 'application/msword' }), { applyAccept: false });
    expect(await screen.findByText('只能上传 PDF、JPG 或 PNG 文件')).toBeInTheDocument();
    expect(seen.some((entry) => entry.method === 'POST')).toBe(false);

    await userEvent.upload(fileInput(), new File(['%PDF-1.4\n%test\n'], '诊断证明.pdf', { type: 'application/pdf' }));
    expect(await within(screen.getByTestId('evidence-results')).findByText('诊断证明.pdf')).toBeInTheDocument();
    const upload = seen.find((entry) => entry.path.endsWith('/evidence'));
    expect(upload?.headers.get('Content-Type')).toBe('application/octet-stream');
    expect(new URLSearchParams(upload?.search).get('file_name')).toBe('诊断证明.pdf');
    expect(upload?.body).toBe('%PDF-1.4\n%test\n');

    await userEvent.click(screen.getByTestId('assistance-add'));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('combobox'));
    await userEvent.click(await screen.findByTitle('送温暖'));
    await userEvent.type(screen.getByTestId('assistance-amount-yuan'), '500');
    await userEvent.click(screen.getByTestId('assistance-form-submit'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByTestId('assistance-total')).toHaveTextContent('累计帮扶金额：500.00 元');
    const assistance = seen.find((entry) => entry.path.endsWith('/assistance'));
    expect(JSON.parse(assistance?.body ?? '{}')).toMatchObject({ kind: 'winter_warmth', amount_fen: 50000 });
    expect(assistance?.headers.get('Idempotency-Key')).toBeTruthy();
  });
});
